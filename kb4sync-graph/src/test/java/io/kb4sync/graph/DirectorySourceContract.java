package io.kb4sync.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.directory.DirectoryUser;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.http.RequestLog;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the Graph adapter must do against any Microsoft Graph, simulated or Microsoft's own
 * examples. Each subclass serves the same Contoso tenant from Microsoft's examples: users from
 * user-list Examples 1 and 5, SKUs from the subscribedSkus example, the verified domains {@code
 * Contoso.com} and {@code contoso.onmicrosoft.com}.
 */
abstract class DirectorySourceContract {
  static final String ADAMS = "6ea91a8d-e32e-41a1-b7bd-d2d185eed0e0";
  static final String ADMIN = "4562bcc8-c436-4f95-b7c0-4f8ce89dca5e";
  static final String GRADY = "e8b753b5-4117-464e-9a08-713e1ff266b3";

  protected final RecordingSleeper sleeper = new RecordingSleeper();

  /** Settings pointing login_url and graph_url at the backend. */
  protected abstract GraphSettings settings();

  protected abstract RequestLog log();

  /** How many users pages this backend serves for the Contoso tenant. */
  protected abstract int userPages();

  private DirectorySnapshot read() {
    return new GraphDirectorySource(settings(), sleeper.options()).read();
  }

  private static Map<String, DirectoryUser> byId(DirectorySnapshot snapshot) {
    return snapshot.users().stream()
        .collect(Collectors.toMap(DirectoryUser::id, Function.identity()));
  }

  @Test
  void every_user_is_read_across_pages_in_order_with_id_and_principal_name() {
    DirectorySnapshot snapshot = read();

    assertThat(snapshot.users()).extracting(DirectoryUser::id).containsExactly(ADAMS, ADMIN, GRADY);
    assertThat(snapshot.users())
        .extracting(DirectoryUser::userPrincipalName)
        .containsExactly("Adams@contoso.com", "admin@contoso.com", "GradyA@contoso.com");
    assertThat(snapshot.complete()).isTrue();
  }

  @Test
  void a_user_without_mail_keeps_null_mail_and_is_addressed_by_principal_name() {
    DirectoryUser admin = byId(read()).get(ADMIN);

    assertThat(admin.mail()).isNull();
    assertThat(admin.email()).isEqualTo("admin@contoso.com");
    assertThat(admin.givenName()).isEqualTo("MOD");
    assertThat(admin.surname()).isEqualTo("Administrator");
  }

  @Test
  void absent_or_null_optional_fields_are_null_and_lists_are_empty() {
    DirectoryUser adams = byId(read()).get(ADAMS);

    assertThat(adams.givenName()).isNull();
    assertThat(adams.surname()).isNull();
    assertThat(adams.jobTitle()).isNull();
    assertThat(adams.department()).isNull();
    assertThat(adams.accountEnabled()).isNull();
    assertThat(adams.userType()).isNull();
    assertThat(adams.managerId()).isNull();
    assertThat(adams.licenses()).isEmpty();
    assertThat(adams.proxyAddresses()).isEmpty();
    assertThat(adams.displayName()).isEqualTo("Conf Room Adams");
    assertThat(byId(read()).get(GRADY).jobTitle()).isEqualTo("Designer");
  }

  @Test
  void verified_domains_are_lower_cased() {
    // Microsoft's organization-get example names one domain, Contoso.com; the simulator two.
    assertThat(read().verifiedDomains())
        .contains("contoso.com")
        .allSatisfy(d -> assertThat(d).isLowerCase());
  }

  @Test
  void subscribed_skus_are_listed_by_part_number_whatever_their_status() {
    assertThat(read().subscribedSkus())
        .containsExactlyInAnyOrder("ENTERPRISEPREMIUM", "CRMSTANDARD");
  }

  @Test
  void a_read_costs_one_token_organization_and_sku_request_plus_one_per_users_page() {
    read();

    // + the OpenID configuration document once: tenant_id is a domain here (none for a GUID).
    assertThat(log().all()).hasSize(4 + userPages());
    assertThat(log().count(r -> r.path().endsWith("/.well-known/openid-configuration")))
        .isEqualTo(1);
    assertThat(log().count(r -> r.path().equals("/v1.0/users"))).isEqualTo(userPages());
    assertThat(log().count(r -> r.path().endsWith("/oauth2/v2.0/token"))).isEqualTo(1);
  }

  @Test
  void every_graph_request_carries_the_token_and_asks_for_low_throttle_priority() {
    read();

    List<LoggedRequest> graph =
        log().all().stream().filter(r -> r.path().startsWith("/v1.0/")).toList();
    assertThat(graph).isNotEmpty();
    assertThat(graph)
        .allSatisfy(
            request -> {
              assertThat(request.headers()).containsEntry("x-ms-throttle-priority", "Low");
              assertThat(request.headers().get("authorization")).matches("Bearer \\S+");
            });
  }

  @Test
  void users_are_asked_for_exactly_the_needed_fields_with_manager_ids_a_hundred_at_a_time() {
    read();

    LoggedRequest first =
        log().all().stream().filter(r -> r.path().equals("/v1.0/users")).findFirst().orElseThrow();
    assertThat(first.query().get("$select"))
        .containsExactly(
            "id,userPrincipalName,mail,givenName,surname,displayName,accountEnabled,userType,"
                + "assignedLicenses,proxyAddresses,department,jobTitle");
    assertThat(first.query().get("$expand")).containsExactly("manager($select=id)");
    assertThat(first.query().get("$top")).containsExactly("100");
    assertThat(first.query()).doesNotContainKey("$filter");
  }

  @Test
  void the_token_request_is_a_client_credentials_grant_for_the_default_scope() {
    read();

    LoggedRequest token =
        log().all().stream()
            .filter(r -> r.path().endsWith("/oauth2/v2.0/token"))
            .findFirst()
            .orElseThrow();
    assertThat(token.method()).isEqualTo("POST");
    assertThat(token.path()).isEqualTo("/" + settings().tenantId() + "/oauth2/v2.0/token");
    Map<String, List<String>> form = io.kb4sync.simulators.http.SimServer.parseQuery(token.body());
    assertThat(form.get("grant_type")).containsExactly("client_credentials");
    assertThat(form.get("client_id")).containsExactly(settings().clientId());
    assertThat(form.get("scope").get(0)).endsWith("/.default");
  }
}
