package io.kb4sync.simulators.graph;

/**
 * Ready-made tenants for the demo and for end-to-end tests, holding the cases a faithful tenant
 * must have (microsoft-graph.md, "What a faithful simulator must do"): disabled users, a guest, an
 * unlicensed user, a user licensed only through a SKU the filter may not name, {@code smtp:}
 * aliases, a user without {@code mail}, mixed-case addresses, a manager chain and a Suspended SKU.
 */
public final class GraphSamples {
  public static final String SPE_E3 = "05e9a617-0261-4cee-bb44-138d3ef5d965";
  public static final String O365_BUSINESS_PREMIUM = "f245ecc8-75af-4f8e-b61f-27d8114de5f3";
  public static final String ENTERPRISEPREMIUM = "c7df2760-2c81-4ef7-b578-5b5392b571df";

  private GraphSamples() {}

  /**
   * "Acme Corp": {@code acme.onmicrosoft.com} with verified domain {@code acme.example}, ten users.
   * Returned as a builder so that callers can set credentials or add users before {@code build()}.
   */
  public static GraphTenant.Builder acme() {
    return GraphTenant.builder("acme.onmicrosoft.com")
        .displayName("Acme Corp")
        .clientId("7f3c2a10-4b6e-4d8a-9c1f-2e5d8a9b0c11")
        .clientSecret("acme-demo-secret")
        .verifiedDomain("acme.example")
        .sku("SPE_E3", SPE_E3)
        .sku("O365_BUSINESS_PREMIUM", O365_BUSINESS_PREMIUM)
        .sku(GraphSku.suspended("ENTERPRISEPREMIUM", ENTERPRISEPREMIUM))
        .user(
            u ->
                u.upn("grace.hopper@acme.example")
                    .mail("Grace.Hopper@acme.example")
                    .name("Grace", "Hopper")
                    .department("Executive")
                    .jobTitle("Chief Executive Officer")
                    .license("SPE_E3")
                    .proxyAddress("SMTP:Grace.Hopper@acme.example")
                    .proxyAddress("smtp:grace@acme.example"))
        .user(
            u ->
                u.upn("alan.turing@acme.example")
                    .mail("alan.turing@acme.example")
                    .name("Alan", "Turing")
                    .department("Sales")
                    .jobTitle("Sales Director")
                    .license("SPE_E3")
                    .manager("grace.hopper@acme.example")
                    .proxyAddress("SMTP:alan.turing@acme.example"))
        .user(
            u ->
                u.upn("Ada.Lovelace@Acme.Example")
                    .mail("Ada.Lovelace@Acme.Example")
                    .name("Ada", "Lovelace")
                    .department("sales ")
                    .jobTitle("Account Executive")
                    .license("SPE_E3")
                    .manager("alan.turing@acme.example")
                    .proxyAddress("SMTP:Ada.Lovelace@Acme.Example")
                    .proxyAddress("smtp:ada@acme.example"))
        .user(
            u ->
                u.upn("linus.t@acme.example")
                    .name("Linus", "Torvalds")
                    .department("Engineering")
                    .jobTitle("Engineer")
                    .license("O365_BUSINESS_PREMIUM")
                    .manager("grace.hopper@acme.example"))
        .user(
            u ->
                u.upn("margaret.hamilton@acme.example")
                    .mail("margaret.hamilton@acme.example")
                    .name("Margaret", "Hamilton")
                    .department("Engineering")
                    .license("SPE_E3")
                    .license("ENTERPRISEPREMIUM")
                    .manager("grace.hopper@acme.example"))
        .user(
            u ->
                u.upn("ken.thompson@acme.example")
                    .mail("ken.thompson@acme.example")
                    .name("Ken", "Thompson")
                    .department("Engineering")
                    .license("SPE_E3")
                    .disabled())
        .user(
            u ->
                u.upn("dennis.ritchie@acme.example")
                    .mail("dennis.ritchie@acme.example")
                    .name("Dennis", "Ritchie")
                    .department("Engineering"))
        .user(
            u ->
                u.upn("partner_contoso.com#EXT#@acme.onmicrosoft.com")
                    .mail("partner@contoso.com")
                    .name("Pat", "Partner")
                    .guest()
                    .license("SPE_E3"))
        .user(
            u ->
                u.upn("barbara.liskov@acme.example")
                    .mail("barbara.liskov@acme.example")
                    .name("Barbara", "Liskov")
                    .department("Support")
                    .jobTitle("Support Lead")
                    .license("SPE_E3")
                    .manager("grace.hopper@acme.example"))
        .user(
            u ->
                u.upn("conf.room@acme.example")
                    .mail("conf.room@acme.example")
                    .displayName("Conference Room")
                    .accountEnabled(false));
  }
}
