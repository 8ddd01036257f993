package io.kb4sync.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.health.CheckResult;
import io.kb4sync.core.health.CheckResult.Status;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The remedy {@code doctor} prints for a failing Microsoft Entra ID check follows what failed: the
 * network or the login host when nothing (or something else) answered, the tenant id only when
 * Entra ID itself said the tenant is unknown, consent when it said the app is not consented.
 */
class GraphDoctorRemediesTest {
  static final String TENANT = "contoso.onmicrosoft.com";
  static final String TENANT_ID = "84841066-274d-4ec0-a5c1-276be684bdd3";
  static final String CLIENT_ID = "6731de76-14a6-49ae-97bc-6eba6914391e";

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private SimServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private List<CheckResult> check(String tenant, URI login) {
    GraphSettings settings =
        GraphSettings.withSecret(tenant, CLIENT_ID, "stub-secret", login, login);
    return new GraphDirectorySource(settings, sleeper.options()).check();
  }

  /** Entra ID answering the discovery document and the token endpoint as {@code answer} says. */
  private URI entra(Function<String, SimResponse> answer) {
    server = SimServer.start(request -> answer.apply(request.path()));
    return server.baseUri();
  }

  private static URI closedPort() {
    SimServer stopped = SimServer.start(request -> SimResponse.empty(200));
    URI uri = stopped.baseUri();
    stopped.close();
    return uri;
  }

  private static CheckResult failed(List<CheckResult> results) {
    assertThat(results).last().extracting(CheckResult::status).isEqualTo(Status.FAIL);
    return results.get(results.size() - 1);
  }

  @Test
  void a_login_host_that_refuses_the_connection_is_remedied_by_the_network_and_login_url() {
    URI login = closedPort();

    CheckResult result = failed(check(TENANT, login));

    assertThat(result.check()).startsWith("tenant id");
    assertThat(result.remedy())
        .contains(login + " is reachable from this machine")
        .contains("m365.login_url")
        .doesNotContain("m365.tenant_id");
  }

  @Test
  void a_login_host_answering_503_is_remedied_by_the_network_not_the_tenant_id() {
    URI login = entra(path -> SimResponse.json(503, "{}"));

    CheckResult result = failed(check(TENANT, login));

    assertThat(result.remedy()).contains("is reachable").doesNotContain("m365.tenant_id");
  }

  @Test
  void an_unknown_tenant_is_remedied_by_tenant_id_and_cloud() {
    URI login =
        entra(
            path ->
                SimResponse.json(
                    400,
                    "{\"error\":\"invalid_tenant\",\"error_description\":\"AADSTS90002: Tenant"
                        + " 'nosuch.onmicrosoft.com' not found.\",\"error_codes\":[90002]}"));

    CheckResult result = failed(check("nosuch.onmicrosoft.com", login));

    assertThat(result.detail()).contains("AADSTS90002");
    assertThat(result.remedy())
        .isEqualTo(
            "check m365.tenant_id (the tenant's GUID or one of its verified domains) and"
                + " m365.cloud");
  }

  @Test
  void a_login_host_answering_something_else_than_the_document_is_remedied_by_login_url() {
    URI login = entra(path -> SimResponse.json(200, "{\"hello\":\"a proxy\"}"));

    CheckResult result = failed(check(TENANT, login));

    assertThat(result.remedy())
        .startsWith("check m365.login_url (or m365.cloud): " + login)
        .doesNotContain("m365.tenant_id");
  }

  @Test
  void a_sign_in_refused_with_aadsts7000229_is_not_consented_and_names_the_admin_consent_url() {
    // No service principal of the app in the tenant: Entra ID's answer when the app was never
    // consented there.
    URI login =
        entra(
            path ->
                path.endsWith("/oauth2/v2.0/token")
                    ? SimResponse.json(
                        400,
                        "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000229: The"
                            + " client application "
                            + CLIENT_ID
                            + " is missing service principal in the tenant "
                            + TENANT_ID
                            + ".\",\"error_codes\":[7000229]}")
                    : SimResponse.json(404, "{}"));

    CheckResult result = failed(check(TENANT_ID, login));

    assertThat(result.check()).isEqualTo("sign-in to " + TENANT_ID);
    assertThat(result.detail()).startsWith("not consented: ").contains("AADSTS7000229");
    assertThat(result.remedy())
        .isEqualTo(
            "the app is not consented in tenant "
                + TENANT_ID
                + ": have an administrator of that tenant open "
                + login
                + "/"
                + TENANT_ID
                + "/adminconsent?client_id="
                + CLIENT_ID);
  }
}
