package io.kb4sync.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.remote.RemoteException.Kind;
import io.kb4sync.simulators.graph.GraphSimulator;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.http.SimServer;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both token paths against the simulator: msal4j (production, https authority, its transport
 * redirected to loopback) and the plain form POST, each with a secret and with a PKCS#12
 * certificate.
 */
class TokenProvidersTest {
  private static final String SECRET = "tenant-secret-value";

  @TempDir static Path certificates;
  private static Path registered;
  private static Path stranger;
  private static X509Certificate registeredCertificate;

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private GraphSimulator simulator;
  private GraphTenant tenant;

  @BeforeAll
  static void makeCertificates() throws Exception {
    registered = TestCertificates.pkcs12(certificates, "kb4sync-app");
    stranger = TestCertificates.pkcs12(certificates, "someone-else");
    registeredCertificate = TestCertificates.certificate(registered);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private void start() {
    tenant =
        GraphTenant.builder("fabrikam.onmicrosoft.com")
            .clientId("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
            .clientSecret(SECRET)
            .clientCertificate(registeredCertificate)
            .verifiedDomain("fabrikam.example")
            .user(u -> u.upn("ann@fabrikam.example"))
            .build();
    simulator = GraphSimulator.start(tenant);
  }

  /** https login (msal4j), Graph on the simulator. */
  private GraphSettings msalSettings(String secret, Path certificate) {
    return new GraphSettings(
        tenant.name(),
        tenant.clientId(),
        secret,
        certificate,
        certificate == null ? null : TestCertificates.PASSWORD,
        GraphCloud.GLOBAL,
        simulator.baseUri(),
        null);
  }

  /**
   * As {@link #msalSettings} with the tenant's GUID: with a domain, a read first asks the OpenID
   * configuration document on the real login host, which these tests never reach.
   */
  private GraphSettings msalSettingsById(String secret, Path certificate) {
    return new GraphSettings(
        tenant.tenantId(),
        tenant.clientId(),
        secret,
        certificate,
        certificate == null ? null : TestCertificates.PASSWORD,
        GraphCloud.GLOBAL,
        simulator.baseUri(),
        null);
  }

  private GraphSettings loopbackSettings(String secret, Path certificate) {
    return new GraphSettings(
        tenant.name(),
        tenant.clientId(),
        secret,
        certificate,
        certificate == null ? null : TestCertificates.PASSWORD,
        GraphCloud.GLOBAL,
        simulator.baseUri(),
        simulator.baseUri());
  }

  private DirectorySnapshot readWithMsal(GraphSettings settings) {
    TokenProvider msal = new MsalTokenProvider(settings, new LoopbackRedirect(simulator.baseUri()));
    return new GraphDirectorySource(settings, sleeper.options(), msal).read();
  }

  private LoggedRequest tokenRequest() {
    return simulator.log().all().stream()
        .filter(r -> r.path().endsWith("/oauth2/v2.0/token"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void msal4j_with_a_secret_signs_in_at_the_tenant_token_endpoint() {
    start();

    DirectorySnapshot snapshot = readWithMsal(msalSettingsById(SECRET, null));

    assertThat(snapshot.users()).hasSize(1);
    assertThat(tokenRequest().path()).isEqualTo("/" + tenant.tenantId() + "/oauth2/v2.0/token");
    Map<String, List<String>> form = SimServer.parseQuery(tokenRequest().body());
    assertThat(form.get("client_secret")).containsExactly(SECRET);
    // msal4j adds the OpenID scopes (openid profile offline_access) beside the resource's.
    assertThat(form.get("scope").get(0).split(" ")).contains(simulator.baseUri() + "/.default");
  }

  @Test
  void msal4j_with_a_certificate_signs_a_client_assertion_the_tenant_accepts() {
    start();

    DirectorySnapshot snapshot = readWithMsal(msalSettingsById(null, registered));

    assertThat(snapshot.users()).hasSize(1);
    Map<String, List<String>> form = SimServer.parseQuery(tokenRequest().body());
    assertThat(form).doesNotContainKey("client_secret");
    assertThat(form.get("client_assertion_type"))
        .containsExactly("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  }

  @Test
  void msal4j_with_a_wrong_secret_fails_in_one_line_with_tenant_and_aadsts_code() {
    start();

    RemoteException failure =
        catchThrowableOfType(
            RemoteException.class, () -> readWithMsal(msalSettings("wrong-" + SECRET, null)));

    assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(failure.getMessage())
        .startsWith(
            "Microsoft 365 sign-in failed for tenant fabrikam.onmicrosoft.com: AADSTS7000215 ")
        .doesNotContain(SECRET)
        .doesNotContain("\n");
  }

  @Test
  void msal4j_with_an_unregistered_certificate_fails_with_aadsts700027() {
    start();

    RemoteException failure =
        catchThrowableOfType(
            RemoteException.class, () -> readWithMsal(msalSettings(null, stranger)));

    assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(failure.getMessage()).contains("fabrikam.onmicrosoft.com", "AADSTS700027");
  }

  @Test
  void the_form_post_client_signs_in_with_a_certificate_too() {
    start();

    DirectorySnapshot snapshot =
        new GraphDirectorySource(loopbackSettings(null, registered), sleeper.options()).read();

    assertThat(snapshot.users()).hasSize(1);
    Map<String, List<String>> form = SimServer.parseQuery(tokenRequest().body());
    assertThat(form.get("client_assertion")).hasSize(1);
    assertThat(form).doesNotContainKey("client_secret");
  }

  @Test
  void the_form_post_client_with_an_unregistered_certificate_fails_with_aadsts700027() {
    start();

    RemoteException failure =
        catchThrowableOfType(
            RemoteException.class,
            () ->
                new GraphDirectorySource(loopbackSettings(null, stranger), sleeper.options())
                    .read());

    assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(failure.getMessage()).contains("AADSTS700027");
  }

  @Test
  void a_certificate_with_the_wrong_password_is_a_configuration_error_naming_the_key() {
    start();
    GraphSettings settings =
        new GraphSettings(
            tenant.name(),
            tenant.clientId(),
            null,
            registered,
            "not-the-password",
            GraphCloud.GLOBAL,
            simulator.baseUri(),
            simulator.baseUri());

    IllegalArgumentException failure =
        catchThrowableOfType(
            IllegalArgumentException.class,
            () -> new GraphDirectorySource(settings, sleeper.options()));

    assertThat(failure.getMessage())
        .startsWith("certificate_path: ")
        .doesNotContain("not-the-password");
  }

  @Test
  void msal4j_refuses_an_http_login_url_so_loopback_uses_the_form_post_client() {
    start();

    IllegalArgumentException failure =
        catchThrowableOfType(
            IllegalArgumentException.class,
            () -> new MsalTokenProvider(loopbackSettings(SECRET, null)));

    assertThat(failure.getMessage()).startsWith("login_url: ");
  }
}
