package io.kb4sync.core.onboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The matching table of {@code kb4sync companies discover}: tenant id first, then normalised name,
 * never a guess between two, the MSP and inactive companies left out.
 */
class TenantMatcherTest {
  static final String MSP = "00000000-0000-0000-0000-0000000000aa";
  static final String T1 = "11111111-1111-1111-1111-111111111111";
  static final String T2 = "22222222-2222-2222-2222-222222222222";
  static final String T3 = "33333333-3333-3333-3333-333333333333";

  static final TenantMatcher.Known KNOWN =
      new TenantMatcher.Known(MSP, Set.of("contoso-msp.example"), Set.of(), Map.of());

  static PsaCompany psa(String id, String name, String... websites) {
    return new PsaCompany(id, name, true, List.of(websites));
  }

  static Proposal match(
      List<PartnerCustomer> customers, List<PsaCompany> companies, Map<String, String> domains) {
    return TenantMatcher.match(customers, companies, domains, KNOWN);
  }

  @ParameterizedTest(name = "{0} ~ {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Acme Ltd | ACME Limited",
        "Müller GmbH | Muller",
        "Müller G.m.b.H. | müller",
        "Café Crème Inc. | Cafe Creme",
        "Smith & Co | Smith",
        "Fabrikam, Inc. | fabrikam",
        "O'Neil Partners LLC | ONeil Partners",
        "Straße AG | Strasse",
        "Northwind Traders | northwind  traders",
      })
  void names_equal_after_normalising(String one, String two) {
    assertThat(CompanyNames.normalised(one)).isEqualTo(CompanyNames.normalised(two));
  }

  @ParameterizedTest(name = "{0} !~ {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Acme Holdings | Acme",
        "Limited | Ltd",
        "Northwind | Northwind Traders",
      })
  void names_differ_after_normalising(String one, String two) {
    assertThat(CompanyNames.normalised(one)).isNotEqualTo(CompanyNames.normalised(two));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://www.acme.example/ | acme.example",
        "www.Acme.Example | acme.example",
        "acme.example | acme.example",
        "http://acme.example:8080/contact?x=1 | acme.example",
        "'' | ''",
        "not a website | ''",
      })
  void a_website_gives_its_domain(String website, String domain) {
    assertThat(PsaCompany.domainOf(website)).isEqualTo(domain);
  }

  @Test
  void a_domain_resolving_to_a_tenant_matches_by_tenant_id_whatever_the_names() {
    Proposal proposal =
        match(
            List.of(new PartnerCustomer(T1, "ACME Europe B.V. (legacy)")),
            List.of(psa("1001", "Acme Corp", "https://www.acme.example")),
            Map.of("acme.example", T1));

    assertThat(proposal.matched())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.company().id()).isEqualTo("1001");
              assertThat(m.tenantId()).isEqualTo(T1);
              assertThat(m.by()).isEqualTo(Proposal.By.TENANT_ID);
              assertThat(m.partnerCustomer()).isTrue();
            });
    assertThat(proposal.tenantOnly()).isEmpty();
    assertThat(proposal.psaOnly()).isEmpty();
  }

  @Test
  void without_a_domain_the_normalised_name_matches() {
    Proposal proposal =
        match(
            List.of(new PartnerCustomer(T1, "Müller Maschinenbau GmbH")),
            List.of(psa("1002", "Muller Maschinenbau")),
            Map.of());

    assertThat(proposal.matched())
        .singleElement()
        .extracting(Proposal.Match::by)
        .isEqualTo(Proposal.By.NAME);
  }

  @Test
  void ltd_and_limited_match_by_name() {
    Proposal proposal =
        match(
            List.of(new PartnerCustomer(T1, "Fourth Coffee Limited")),
            List.of(psa("1003", "Fourth Coffee Ltd")),
            Map.of());

    assertThat(proposal.matched())
        .singleElement()
        .extracting(Proposal.Match::tenantId)
        .isEqualTo(T1);
  }

  @Test
  void the_same_name_on_two_tenants_is_ambiguous_and_nothing_is_chosen() {
    Proposal proposal =
        match(
            List.of(
                new PartnerCustomer(T1, "Tailspin Toys"),
                new PartnerCustomer(T2, "Tailspin Toys Ltd")),
            List.of(psa("1004", "Tailspin Toys")),
            Map.of());

    assertThat(proposal.matched()).isEmpty();
    assertThat(proposal.ambiguous())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.companies()).extracting(PsaCompany::id).containsExactly("1004");
              assertThat(a.tenants()).extracting(PartnerCustomer::tenantId).containsExactly(T1, T2);
              assertThat(a.reason()).isEqualTo("2 tenants have this name");
            });
    assertThat(proposal.tenantOnly()).isEmpty();
  }

  @Test
  void two_psa_companies_of_the_same_name_are_ambiguous() {
    Proposal proposal =
        match(
            List.of(new PartnerCustomer(T1, "Litware")),
            List.of(psa("1005", "Litware Inc"), psa("1006", "LITWARE")),
            Map.of());

    assertThat(proposal.matched()).isEmpty();
    assertThat(proposal.ambiguous())
        .singleElement()
        .extracting(Proposal.Ambiguity::reason)
        .isEqualTo("2 PSA companies have this name");
  }

  @Test
  void one_domain_on_two_psa_companies_is_ambiguous_and_their_names_are_not_tried() {
    Proposal proposal =
        match(
            List.of(new PartnerCustomer(T1, "Wingtip Toys")),
            List.of(
                psa("1007", "Wingtip Toys", "wingtiptoys.example"),
                psa("1008", "Wingtip Toys (old record)", "https://wingtiptoys.example/")),
            Map.of("wingtiptoys.example", T1));

    assertThat(proposal.matched()).isEmpty();
    assertThat(proposal.ambiguous())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.companies()).extracting(PsaCompany::id).containsExactly("1007", "1008");
              assertThat(a.reason()).isEqualTo("2 PSA companies share a domain of this tenant");
            });
    assertThat(proposal.tenantOnly()).isEmpty();
  }

  @Test
  void a_company_whose_domains_belong_to_two_tenants_is_ambiguous() {
    Proposal proposal =
        match(
            List.of(new PartnerCustomer(T1, "Adatum"), new PartnerCustomer(T2, "Adatum Labs")),
            List.of(psa("1009", "Adatum", "adatum.example", "adatumlabs.example")),
            Map.of("adatum.example", T1, "adatumlabs.example", T2));

    assertThat(proposal.matched()).isEmpty();
    assertThat(proposal.ambiguous())
        .singleElement()
        .extracting(Proposal.Ambiguity::reason)
        .isEqualTo("its domains belong to 2 tenants");
    assertThat(proposal.tenantOnly()).isEmpty();
  }

  @Test
  void the_msp_itself_is_skipped_by_tenant_id_and_by_its_domains() {
    Proposal proposal =
        match(
            List.of(
                new PartnerCustomer(MSP, "Contoso MSP"), new PartnerCustomer(T1, "Contoso MSP")),
            List.of(
                psa("1", "Contoso MSP", "contoso-msp.example"),
                psa("2", "Contoso MSP Internal", "internal.example")),
            Map.of("internal.example", MSP));

    assertThat(proposal.matched()).isEmpty();
    assertThat(proposal.skipped())
        .extracting(Proposal.Skipped::reason)
        .containsOnly("the MSP's own tenant")
        .hasSize(3);
    assertThat(proposal.tenantOnly()).extracting(PartnerCustomer::tenantId).containsExactly(T1);
  }

  @Test
  void an_inactive_psa_company_is_skipped_even_when_its_name_and_domain_match() {
    Proposal proposal =
        match(
            List.of(new PartnerCustomer(T1, "Proseware")),
            List.of(new PsaCompany("1010", "Proseware", false, List.of("proseware.example"))),
            Map.of("proseware.example", T1));

    assertThat(proposal.matched()).isEmpty();
    assertThat(proposal.skipped())
        .singleElement()
        .extracting(Proposal.Skipped::reason)
        .isEqualTo("inactive in the PSA");
    assertThat(proposal.tenantOnly()).extracting(PartnerCustomer::tenantId).containsExactly(T1);
  }

  @Test
  void configured_companies_and_their_tenants_are_reported_as_configured_not_proposed() {
    TenantMatcher.Known known =
        new TenantMatcher.Known(MSP, Set.of(), Set.of("1011"), Map.of("1011", T1, "1099", T3));
    Proposal proposal =
        TenantMatcher.match(
            List.of(
                new PartnerCustomer(T1, "Alpine Ski House"),
                new PartnerCustomer(T3, "Coho Winery")),
            List.of(psa("1011", "Alpine Ski House"), psa("1012", "Coho Winery", "coho.example")),
            Map.of("coho.example", T3),
            known);

    assertThat(proposal.matched()).isEmpty();
    assertThat(proposal.alreadyConfigured())
        .extracting(Proposal.Configured::companyId)
        .containsExactlyInAnyOrder("1011", "1012");
    assertThat(proposal.tenantOnly()).isEmpty();
  }

  @Test
  void leftovers_are_psa_only_and_tenant_only() {
    Proposal proposal =
        match(
            List.of(new PartnerCustomer(T2, "Blue Yonder Airlines")),
            List.of(psa("1013", "Graphic Design Institute"), psa("1014", "", "")),
            Map.of());

    assertThat(proposal.matched()).isEmpty();
    assertThat(proposal.psaOnly())
        .extracting(PsaCompany::id)
        .containsExactlyInAnyOrder("1013", "1014");
    assertThat(proposal.tenantOnly()).extracting(PartnerCustomer::tenantId).containsExactly(T2);
  }

  @Test
  void a_domain_of_a_tenant_that_is_no_partner_customer_still_matches_and_says_so() {
    Proposal proposal =
        match(
            List.of(),
            List.of(psa("1015", "Trey Research", "treyresearch.example")),
            Map.of("treyresearch.example", T3));

    assertThat(proposal.matched())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.partnerCustomer()).isFalse();
              assertThat(m.by()).isEqualTo(Proposal.By.TENANT_ID);
            });
  }
}
