package io.kb4sync.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.directory.DirectoryUser;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.remote.RemoteException.Kind;
import io.kb4sync.http.TokenCache;
import io.kb4sync.simulators.graph.GraphSimulator;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Graph adapter against the Graph simulator: scale, faults, errors, data shapes. */
class GraphDirectorySourceTest {
  static final String SPE_E3 = "05e9a617-0261-4cee-bb44-138d3ef5d965";
  static final String SPB = "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46";
  static final String SECRET = "acme-very-secret-value";

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private GraphSimulator simulator;

  @AfterEach
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
  }

  static GraphTenant.Builder acme() {
    return GraphTenant.builder("acme.onmicrosoft.com")
        .displayName("Acme Corp")
        .clientId("11111111-2222-3333-4444-555555555555")
        .clientSecret(SECRET)
        .verifiedDomain("acme.example")
        .sku("SPE_E3", SPE_E3);
  }

  static GraphTenant withUsers(int count) {
    return acme()
        .users(
            count,
            n ->
                u ->
                    u.upn("user" + n + "@acme.example")
                        .mail("user" + n + "@acme.example")
                        .name("User", "Number " + n)
                        .license("SPE_E3")
                        .department(n % 2 == 0 ? "Sales" : "Support")
                        .manager(n == 0 ? null : "user0@acme.example"))
        .build();
  }

  private GraphSettings settings(GraphTenant tenant) {
    return settings(tenant.name(), tenant.clientId(), tenant.clientSecret());
  }

  private GraphSettings settings(String tenantId, String clientId, String secret) {
    return GraphSettings.withSecret(
        tenantId, clientId, secret, simulator.baseUri(), simulator.baseUri());
  }

  private GraphDirectorySource source(GraphTenant tenant) {
    return new GraphDirectorySource(settings(tenant), sleeper.options());
  }

  private RemoteException readFails(GraphSettings settings) {
    return catchThrowableOfType(
        RemoteException.class, () -> new GraphDirectorySource(settings, sleeper.options()).read());
  }

  private static Map<String, DirectoryUser> byUpn(DirectorySnapshot snapshot) {
    return snapshot.users().stream()
        .collect(Collectors.toMap(DirectoryUser::userPrincipalName, Function.identity()));
  }

  // ---- scale -----------------------------------------------------------------------------

  @Test
  void reading_ten_thousand_users_costs_one_request_per_hundred_users() {
    GraphTenant tenant = withUsers(10_000);
    simulator = GraphSimulator.start(tenant);

    DirectorySnapshot snapshot = source(tenant).read();

    assertThat(snapshot.users()).hasSize(10_000);
    assertThat(snapshot.users()).extracting(DirectoryUser::id).doesNotHaveDuplicates();
    long userPages = simulator.log().count(r -> r.path().equals("/v1.0/users"));
    assertThat(userPages).isEqualTo(100); // ⌈10,000 / 100⌉
    // + discovery document (tenant_id is a domain), token, organization, subscribedSkus
    assertThat(simulator.log().all()).hasSize(100 + 4);
    assertThat(simulator.tokenRequests()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 99, 100, 101, 250})
  void the_request_count_is_the_number_of_user_pages_plus_three(int users) {
    GraphTenant tenant = withUsers(users);
    simulator = GraphSimulator.start(tenant);

    assertThat(source(tenant).read().users()).hasSize(users);

    long pages = Math.max(1, (users + 99) / 100);
    // + discovery document (tenant_id is a domain), token, organization, subscribedSkus
    assertThat(simulator.log().all()).hasSize((int) pages + 4);
  }

  // ---- resilience --------------------------------------------------------------------------

  @Test
  void under_ten_percent_throttling_and_five_percent_unavailability_the_whole_tenant_is_read() {
    GraphTenant tenant = withUsers(10_000);
    simulator = GraphSimulator.start(tenant);
    simulator.faults(new Faults(42).throttle(0.10).unavailable(0.05).retryAfterSeconds(7));

    DirectorySnapshot snapshot = source(tenant).read();

    assertThat(snapshot.users()).hasSize(10_000);
    assertThat(snapshot.users()).extracting(DirectoryUser::id).doesNotHaveDuplicates();
    long throttled = simulator.log().count(r -> r.status() == 429);
    long unavailable = simulator.log().count(r -> r.status() == 503);
    assertThat(throttled).isPositive();
    assertThat(unavailable).isPositive();
    // Every 429 was followed by exactly the wait its Retry-After named.
    assertThat(sleeper.waits().stream().filter(Duration.ofSeconds(7)::equals).count())
        .isEqualTo(throttled);
    assertThat(sleeper.waits()).hasSize((int) (throttled + unavailable));
  }

  @Test
  void a_read_that_stays_throttled_fails_as_throttled_after_the_bounded_attempts() {
    GraphTenant tenant = withUsers(10);
    simulator = GraphSimulator.start(tenant);
    simulator.faults(new Faults(1).throttle(1.0).retryAfterSeconds(3));

    RemoteException failure = readFails(settings(tenant));

    assertThat(failure.kind()).isEqualTo(Kind.THROTTLED);
    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(failure.getMessage())
        .contains("acme.onmicrosoft.com", "TooManyRequests")
        .doesNotContain("\n");
    assertThat(simulator.graphRequests()).isEqualTo(GraphOptions.DEFAULT_MAX_ATTEMPTS);
    assertThat(sleeper.waits()).hasSize(GraphOptions.DEFAULT_MAX_ATTEMPTS - 1);
  }

  @Test
  void a_retry_after_longer_than_the_total_wait_budget_ends_the_retries_at_once() {
    GraphTenant tenant = withUsers(10);
    simulator = GraphSimulator.start(tenant);
    simulator.faults(new Faults(1).throttle(1.0).retryAfterSeconds(3600));

    RemoteException failure = readFails(settings(tenant));

    assertThat(failure.kind()).isEqualTo(Kind.THROTTLED);
    assertThat(simulator.graphRequests()).isEqualTo(1);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void a_read_that_fails_midway_throws_instead_of_returning_the_users_read_so_far() {
    GraphTenant tenant = withUsers(3_000);
    simulator = GraphSimulator.start(tenant);
    simulator.faults(new Faults(7).unavailable(0.5));
    GraphOptions twoAttempts = sleeper.options().withRetry(GraphOptions.RETRY.withMaxAttempts(2));

    RemoteException failure =
        catchThrowableOfType(
            RemoteException.class,
            () -> new GraphDirectorySource(settings(tenant), twoAttempts).read());

    // Precondition: some user pages were served before the read gave up.
    assertThat(simulator.log().count(r -> r.path().equals("/v1.0/users") && r.status() == 200))
        .isPositive();
    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure.getMessage()).contains("503", "acme.onmicrosoft.com", "/v1.0/users");
  }

  @Test
  void an_unreachable_service_is_retried_and_then_reported_unavailable() {
    GraphTenant tenant = withUsers(1);
    simulator = GraphSimulator.start(tenant);
    GraphSettings settings = settings(tenant);
    simulator.close();

    RemoteException failure = readFails(settings);

    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure.getMessage()).contains("acme.onmicrosoft.com", "could not be reached");
    assertThat(sleeper.waits()).hasSize(GraphOptions.DEFAULT_MAX_ATTEMPTS - 1);
  }

  @Test
  void a_request_that_times_out_is_retried_and_then_reported_unavailable() {
    GraphTenant tenant = withUsers(1);
    simulator = GraphSimulator.start(tenant);
    simulator.faults(Faults.none().latency(Duration.ofMillis(800)));
    GraphOptions options =
        sleeper
            .options()
            .withRequestTimeout(Duration.ofMillis(100))
            .withRetry(GraphOptions.RETRY.withMaxAttempts(3));

    RemoteException failure =
        catchThrowableOfType(
            RemoteException.class,
            () -> new GraphDirectorySource(settings(tenant), options).read());

    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure.getMessage()).contains("timed out");
    assertThat(sleeper.waits()).hasSize(2);
  }

  // ---- sign-in and permissions ------------------------------------------------------------

  @Test
  void a_wrong_secret_fails_sign_in_in_one_line_naming_tenant_and_aadsts_code() {
    GraphTenant tenant = withUsers(1);
    simulator = GraphSimulator.start(tenant);

    RemoteException failure =
        readFails(settings(tenant.name(), tenant.clientId(), "not-the-" + SECRET));

    assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(failure.getMessage())
        .startsWith("Microsoft 365 sign-in failed for tenant acme.onmicrosoft.com: AADSTS7000215 ")
        .contains("Invalid client secret")
        .doesNotContain(SECRET)
        .doesNotContain("\n")
        .doesNotContain("\r")
        .doesNotContain("Trace ID");
    assertThat(simulator.graphRequests()).isZero();
  }

  @Test
  void an_unknown_tenant_fails_sign_in_with_aadsts90002() {
    GraphTenant tenant = withUsers(1);
    simulator = GraphSimulator.start(tenant);

    RemoteException failure =
        readFails(settings("nosuch.onmicrosoft.com", tenant.clientId(), SECRET));

    assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(failure.getMessage())
        .startsWith("Microsoft 365 sign-in failed for tenant nosuch.onmicrosoft.com: AADSTS90002 ")
        .doesNotContain(SECRET);
  }

  @Test
  void an_app_not_consented_in_the_tenant_fails_sign_in_with_aadsts700016() {
    GraphTenant tenant = acme().consented(false).build();
    simulator = GraphSimulator.start(tenant);

    RemoteException failure = readFails(settings(tenant));

    assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(failure.getMessage()).contains("acme.onmicrosoft.com", "AADSTS700016");
  }

  @Test
  void an_app_without_a_service_principal_fails_sign_in_with_aadsts7000229_as_not_consented() {
    // The Graph simulator has no such tenant state: Entra ID's answer is played by a stub.
    String tenant = "84841066-274d-4ec0-a5c1-276be684bdd3";
    try (SimServer entra =
        SimServer.start(
            request ->
                SimResponse.json(
                    400,
                    "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000229: The"
                        + " client application is missing service principal in the tenant "
                        + tenant
                        + ".\",\"error_codes\":[7000229]}"))) {
      RemoteException failure =
          catchThrowableOfType(
              RemoteException.class,
              () ->
                  new GraphDirectorySource(
                          GraphSettings.withSecret(
                              tenant, "app", SECRET, entra.baseUri(), entra.baseUri()),
                          sleeper.options())
                      .read());

      assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
      assertThat(failure.getMessage()).contains(tenant, "AADSTS7000229");
      assertThat(failure).isInstanceOf(SignInRefused.class);
      assertThat(((SignInRefused) failure).notConsented()).isTrue();
    }
  }

  @Test
  void a_tenant_that_withholds_user_read_all_is_forbidden_naming_that_permission() {
    GraphTenant tenant = acme().deny("User.Read.All").build();
    simulator = GraphSimulator.start(tenant);

    RemoteException failure = readFails(settings(tenant));

    assertThat(failure.kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(failure.getMessage())
        .contains(
            "User.Read.All", "acme.onmicrosoft.com", "/v1.0/users", "Authorization_RequestDenied")
        .doesNotContain("\n");
  }

  @Test
  void a_tenant_that_withholds_organization_read_all_is_forbidden_naming_that_permission() {
    GraphTenant tenant = acme().deny("Organization.Read.All").build();
    simulator = GraphSimulator.start(tenant);

    RemoteException failure = readFails(settings(tenant));

    assertThat(failure.kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(failure.getMessage()).contains("Organization.Read.All");
  }

  @Test
  void directory_read_all_alone_is_enough() {
    GraphTenant tenant =
        acme()
            .deny("User.Read.All")
            .deny("Organization.Read.All")
            .grant("Directory.Read.All")
            .build();
    simulator = GraphSimulator.start(tenant);

    assertThat(source(tenant).read().verifiedDomains()).contains("acme.example");
  }

  @Test
  void a_token_refused_by_graph_is_unauthorized() {
    GraphTenant tenant = withUsers(1);
    simulator = GraphSimulator.start(tenant);
    // Every token Graph sees has expired: the fresh one asked for after the first 401 too.
    simulator.tokenLifetime(Duration.ofMinutes(-1));
    GraphDirectorySource source = source(tenant);

    RemoteException failure = catchThrowableOfType(RemoteException.class, source::read);

    assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(failure.getMessage()).contains("InvalidAuthenticationToken", "acme.onmicrosoft.com");
    assertThat(simulator.graphRequests()).isEqualTo(2);
  }

  @Test
  void a_token_refused_by_graph_is_dropped_from_the_cache_and_renewed_once() {
    GraphTenant tenant = withUsers(1);
    simulator = GraphSimulator.start(tenant);
    GraphDirectorySource source = source(tenant);
    source.read();
    simulator.revokeTokens(tenant);

    assertThat(source.read().users()).hasSize(1);
    assertThat(simulator.tokenRequests()).isEqualTo(2);
    assertThat(simulator.log().count(r -> r.status() == 401)).isEqualTo(1);
  }

  @Test
  void sources_of_one_tenant_and_app_share_one_token() {
    GraphTenant tenant = withUsers(1);
    simulator = GraphSimulator.start(tenant);
    GraphOptions options = sleeper.options();

    new GraphDirectorySource(settings(tenant), options).read();
    new GraphDirectorySource(settings(tenant), options).read();
    new GraphDirectorySource(
            settings(tenant.name(), tenant.clientId(), "not-the-" + SECRET), options)
        .check();

    // The third source's secret differs: its sign-in is its own (and fails).
    assertThat(simulator.tokenRequests()).isEqualTo(2);
  }

  @Test
  void the_token_is_reused_across_pages_and_reads_while_it_is_valid() {
    GraphTenant tenant = withUsers(450);
    simulator = GraphSimulator.start(tenant);
    GraphDirectorySource source = source(tenant);

    source.read();
    source.read();

    assertThat(simulator.tokenRequests()).isEqualTo(1);
  }

  @Test
  void a_token_close_to_expiry_is_renewed_before_the_next_request() {
    GraphTenant tenant = withUsers(250);
    simulator = GraphSimulator.start(tenant);
    simulator.tokenLifetime(TokenCache.REFRESH_MARGIN.minusSeconds(30));

    source(tenant).read();

    assertThat(simulator.tokenRequests()).isEqualTo(simulator.graphRequests());
  }

  // ---- data --------------------------------------------------------------------------------

  @Test
  void every_user_is_read_guests_disabled_and_unlicensed_ones_included() {
    GraphTenant tenant =
        acme()
            .user(u -> u.upn("member@acme.example").license("SPE_E3"))
            .user(u -> u.upn("guest_x.example#EXT#@acme.onmicrosoft.com").guest().license("SPE_E3"))
            .user(u -> u.upn("disabled@acme.example").disabled().license("SPE_E3"))
            .user(u -> u.upn("unlicensed@acme.example"))
            .build();
    simulator = GraphSimulator.start(tenant);

    Map<String, DirectoryUser> users = byUpn(source(tenant).read());

    assertThat(users).hasSize(4);
    assertThat(users.get("guest_x.example#EXT#@acme.onmicrosoft.com").userType())
        .isEqualTo("Guest");
    assertThat(users.get("member@acme.example").userType()).isEqualTo("Member");
    assertThat(users.get("disabled@acme.example").accountEnabled()).isFalse();
    assertThat(users.get("member@acme.example").accountEnabled()).isTrue();
    assertThat(users.get("unlicensed@acme.example").licenses()).isEmpty();
  }

  @Test
  void licenses_are_read_as_part_numbers_and_sku_ids_the_tenant_does_not_list_stay_guids() {
    GraphTenant tenant =
        acme().user(u -> u.upn("alice@acme.example").license("SPE_E3").license(SPB)).build();
    simulator = GraphSimulator.start(tenant);

    DirectorySnapshot snapshot = source(tenant).read();

    assertThat(snapshot.users().get(0).licenses()).containsExactlyInAnyOrder("SPE_E3", SPB);
    assertThat(snapshot.subscribedSkus()).containsExactly("SPE_E3");
  }

  @Test
  void managers_are_read_as_ids_and_a_user_without_one_has_none() {
    GraphTenant tenant =
        acme()
            .user(u -> u.upn("boss@acme.example"))
            .user(u -> u.upn("alice@acme.example").manager("boss@acme.example"))
            .build();
    simulator = GraphSimulator.start(tenant);
    String bossId = tenant.user("boss@acme.example").orElseThrow().id();

    Map<String, DirectoryUser> users = byUpn(source(tenant).read());

    assertThat(users.get("alice@acme.example").managerId()).isEqualTo(bossId);
    assertThat(users.get("boss@acme.example").managerId()).isNull();
  }

  @Test
  void names_departments_titles_and_proxy_addresses_are_read_as_given() {
    GraphTenant tenant =
        acme()
            .user(
                u ->
                    u.upn("Alice.Smith@Acme.Example")
                        .mail("Alice.Smith@acme.example")
                        .name("Alice", "Smith")
                        .department("Sales")
                        .jobTitle("Account Executive")
                        .proxyAddress("SMTP:Alice.Smith@acme.example")
                        .proxyAddress("smtp:alice@acme.example"))
            .build();
    simulator = GraphSimulator.start(tenant);

    DirectoryUser alice = source(tenant).read().users().get(0);

    assertThat(alice.userPrincipalName()).isEqualTo("Alice.Smith@Acme.Example");
    assertThat(alice.mail()).isEqualTo("Alice.Smith@acme.example");
    assertThat(alice.givenName()).isEqualTo("Alice");
    assertThat(alice.surname()).isEqualTo("Smith");
    assertThat(alice.displayName()).isEqualTo("Alice Smith");
    assertThat(alice.department()).isEqualTo("Sales");
    assertThat(alice.jobTitle()).isEqualTo("Account Executive");
    assertThat(alice.proxyAddresses())
        .containsExactly("SMTP:Alice.Smith@acme.example", "smtp:alice@acme.example");
  }

  @Test
  void changes_made_between_two_reads_show_in_the_second() {
    GraphTenant tenant =
        acme()
            .user(u -> u.upn("alice@acme.example").mail("alice@acme.example").license("SPE_E3"))
            .user(u -> u.upn("bob@acme.example").license("SPE_E3"))
            .user(u -> u.upn("carol@acme.example").license("SPE_E3"))
            .user(u -> u.upn("dave@acme.example").license("SPE_E3"))
            .build();
    simulator = GraphSimulator.start(tenant);
    GraphDirectorySource source = source(tenant);
    String aliceId = byUpn(source.read()).get("alice@acme.example").id();

    tenant.updateUser("alice@acme.example", u -> u.mail("alice.smith@acme.example"));
    tenant.updateUser("bob@acme.example", u -> u.disabled());
    tenant.updateUser("carol@acme.example", u -> u.removeLicense("SPE_E3"));
    tenant.deleteUser("dave@acme.example");
    Map<String, DirectoryUser> after = byUpn(source.read());

    assertThat(after.get("alice@acme.example").mail()).isEqualTo("alice.smith@acme.example");
    assertThat(after.get("alice@acme.example").id()).isEqualTo(aliceId);
    assertThat(after.get("bob@acme.example").accountEnabled()).isFalse();
    assertThat(after.get("carol@acme.example").licenses()).isEmpty();
    assertThat(after).doesNotContainKey("dave@acme.example");
  }

  @Test
  void the_initial_and_verified_domains_are_read_lower_cased() {
    GraphTenant tenant = acme().verifiedDomain("Acme-Group.EXAMPLE").build();
    simulator = GraphSimulator.start(tenant);

    assertThat(source(tenant).read().verifiedDomains())
        .containsExactlyInAnyOrder("acme.onmicrosoft.com", "acme.example", "acme-group.example");
  }

  @Test
  void the_sample_tenant_for_the_demo_reads_with_all_its_odd_cases() {
    GraphTenant tenant = io.kb4sync.simulators.graph.GraphSamples.acme().build();
    simulator = GraphSimulator.start(tenant);

    DirectorySnapshot snapshot = source(tenant).read();
    Map<String, DirectoryUser> users = byUpn(snapshot);

    assertThat(snapshot.users()).hasSize(10);
    assertThat(snapshot.subscribedSkus())
        .containsExactlyInAnyOrder("SPE_E3", "O365_BUSINESS_PREMIUM", "ENTERPRISEPREMIUM");
    assertThat(users.get("linus.t@acme.example").mail()).isNull();
    assertThat(users.get("Ada.Lovelace@Acme.Example").managerId())
        .isEqualTo(users.get("alan.turing@acme.example").id());
    assertThat(users.get("partner_contoso.com#EXT#@acme.onmicrosoft.com").userType())
        .isEqualTo("Guest");
  }
}
