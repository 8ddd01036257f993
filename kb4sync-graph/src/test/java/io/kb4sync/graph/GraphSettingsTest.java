package io.kb4sync.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.http.AccessToken;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GraphSettingsTest {
  private static GraphSettings secret(URI graph, URI login) {
    return GraphSettings.withSecret("acme.onmicrosoft.com", "client", "s3cr3t-value", graph, login);
  }

  @Test
  void plain_http_is_refused_for_a_graph_url_that_is_not_loopback() {
    assertThatThrownBy(() -> secret(URI.create("http://graph.example.com"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("graph_url: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void plain_http_is_refused_for_a_login_url_that_is_not_loopback() {
    assertThatThrownBy(() -> secret(null, URI.create("http://login.example.com")))
        .hasMessageStartingWith("login_url: ");
  }

  @Test
  void plain_http_is_accepted_on_loopback_hosts() {
    for (String host : new String[] {"127.0.0.1:8080", "localhost:1", "[::1]:9"}) {
      URI url = URI.create("http://" + host + "/");
      GraphSettings settings = secret(url, url);

      assertThat(settings.effectiveGraphUrl().toString()).isEqualTo("http://" + host);
      assertThat(settings.tokenUrl().toString())
          .isEqualTo("http://" + host + "/acme.onmicrosoft.com/oauth2/v2.0/token");
    }
  }

  @Test
  void a_name_that_only_looks_like_loopback_is_not_loopback() {
    assertThatThrownBy(() -> secret(URI.create("http://127.0.0.1.evil.example"), null))
        .hasMessageStartingWith("graph_url: ");
  }

  @Test
  void exactly_one_credential_is_required() {
    assertThatThrownBy(
            () ->
                new GraphSettings(
                    "t", "c", "secret", Path.of("app.pfx"), null, GraphCloud.GLOBAL, null, null))
        .hasMessageContaining("exactly one of client_secret and certificate_path");
    assertThatThrownBy(
            () -> new GraphSettings("t", "c", null, null, null, GraphCloud.GLOBAL, null, null))
        .hasMessageContaining("exactly one of client_secret and certificate_path");
  }

  @Test
  void the_secret_and_the_certificate_password_never_show_in_to_string() {
    GraphSettings withSecret = secret(null, null);
    GraphSettings withCertificate =
        new GraphSettings(
            "t", "c", null, Path.of("app.pfx"), "pfx-pass-word", GraphCloud.CHINA, null, null);

    assertThat(withSecret.toString()).doesNotContain("s3cr3t-value");
    assertThat(withCertificate.toString()).doesNotContain("pfx-pass-word").contains("app.pfx");
  }

  @Test
  void each_cloud_pairs_its_login_and_graph_hosts() {
    GraphSettings dod =
        new GraphSettings(
            "t", "c", "s", null, null, GraphCloud.fromConfig("usgov-dod"), null, null);

    assertThat(dod.effectiveLoginUrl()).hasToString("https://login.microsoftonline.us");
    assertThat(dod.effectiveGraphUrl()).hasToString("https://dod-graph.microsoft.us");
    assertThat(dod.scope()).isEqualTo("https://dod-graph.microsoft.us/.default");
    assertThat(GraphCloud.fromConfig("china").graphUrl())
        .hasToString("https://microsoftgraph.chinacloudapi.cn");
    assertThat(GraphCloud.fromConfig(null)).isEqualTo(GraphCloud.GLOBAL);
    assertThatThrownBy(() -> GraphCloud.fromConfig("mars")).hasMessageStartingWith("cloud: ");
  }

  @Test
  void an_access_token_never_shows_its_value() {
    AccessToken token = new AccessToken("eyJ0eXAi-secret-token", java.time.Instant.EPOCH);

    assertThat(token.toString()).doesNotContain("eyJ0eXAi-secret-token");
  }
}
