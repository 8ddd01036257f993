package io.kb4sync.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A domain's tenant from the public OpenID configuration document, against a stand-in that answers
 * as Microsoft documents (v2-protocols-oidc, "Fetch the OpenID configuration document"): the tenant
 * GUID in {@code token_endpoint} and {@code issuer}; 400 AADSTS90002 for a domain no tenant has.
 */
class OpenIdDomainTenantsTest {
  static final String ACME = "48a80680-7326-48cd-9935-b556b81d3a4e";

  /** The documented shape, reduced to the fields kb4sync reads (not a verbatim example). */
  static String document(String guid) {
    return "{\"token_endpoint\":\"https://login.microsoftonline.com/"
        + guid
        + "/oauth2/v2.0/token\",\"issuer\":\"https://login.microsoftonline.com/"
        + guid
        + "/v2.0\",\"jwks_uri\":\"https://login.microsoftonline.com/"
        + guid
        + "/discovery/v2.0/keys\"}";
  }

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private SimServer server;

  @BeforeEach
  void start() {
    server = SimServer.start(this::handle);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private SimResponse handle(SimRequest request) {
    return switch (request.path()) {
      case "/acme.example/v2.0/.well-known/openid-configuration" ->
          SimResponse.json(200, document(ACME.toUpperCase()));
      case "/broken.example/v2.0/.well-known/openid-configuration" ->
          SimResponse.json(200, "{\"issuer\":\"nowhere\"}");
      default ->
          SimResponse.json(
              400,
              "{\"error\":\"invalid_tenant\",\"error_description\":\"AADSTS90002: Tenant"
                  + " 'unknown.example' not found.\",\"error_codes\":[90002]}");
    };
  }

  private OpenIdDomainTenants tenants() {
    return new OpenIdDomainTenants(server.baseUri(), sleeper.options());
  }

  @Test
  void a_domain_resolves_to_the_lower_case_guid_of_its_tenant_once() {
    OpenIdDomainTenants tenants = tenants();

    assertThat(tenants.tenantOf("acme.example")).contains(ACME);
    assertThat(tenants.tenantOf("acme.example")).contains(ACME);

    assertThat(server.log().count(r -> r.path().startsWith("/acme.example/"))).isEqualTo(1);
  }

  @Test
  void a_domain_no_tenant_has_resolves_to_nothing_without_failing() {
    assertThat(tenants().tenantOf("unknown.example")).isEmpty();
  }

  @Test
  void what_is_not_a_bare_domain_name_is_never_sent() {
    OpenIdDomainTenants tenants = tenants();

    assertThat(tenants.tenantOf("acme.example/../common")).isEmpty();
    assertThat(tenants.tenantOf("https://acme.example")).isEmpty();
    assertThat(tenants.tenantOf("")).isEmpty();
    assertThat(server.log().count(r -> true)).isZero();
  }

  @Test
  void a_document_without_a_tenant_guid_is_a_bad_response() {
    assertThatThrownBy(() -> tenants().tenantOf("broken.example"))
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("without a tenant GUID");
  }

  @Test
  void the_parser_prefers_token_endpoint_and_falls_back_to_issuer() {
    assertThat(OpenIdDomainTenants.parse(document(ACME))).isEqualTo(ACME);
    assertThat(
            OpenIdDomainTenants.parse(
                "{\"issuer\":\"https://login.microsoftonline.com/" + ACME + "/v2.0\"}"))
        .isEqualTo(ACME);
    assertThat(OpenIdDomainTenants.parse("not json")).isNull();
  }
}
