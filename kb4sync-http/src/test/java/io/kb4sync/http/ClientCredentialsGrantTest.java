package io.kb4sync.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClientCredentialsGrantTest {
  private static final URI TOKEN = URI.create("https://login.example/t/oauth2/v2.0/token");
  private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

  @Test
  void the_request_is_an_idempotent_form_post_that_keeps_its_secret_out_of_messages() {
    Request request =
        ClientCredentialsGrant.request(
            TOKEN, "app", "https://graph.example/.default", ClientCredentialsGrant.secret("a+b&c"));

    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.idempotent()).isTrue();
    assertThat(request.headers())
        .containsEntry("Content-Type", "application/x-www-form-urlencoded")
        .containsEntry("Accept", "application/json");
    assertThat(request.body())
        .isEqualTo(
            "grant_type=client_credentials&client_id=app"
                + "&scope=https%3A%2F%2Fgraph.example%2F.default&client_secret=a%2Bb%26c");
    assertThat(request.secrets()).contains("a+b&c", "a%2Bb%26c");
  }

  @Test
  void a_client_assertion_replaces_the_secret() {
    Request request =
        ClientCredentialsGrant.request(
            TOKEN, "app", "all", ClientCredentialsGrant.assertion("header.claims.signature"));

    assertThat(request.body())
        .doesNotContain("client_secret")
        .contains(
            "client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer",
            "client_assertion=header.claims.signature");
  }

  @Test
  void the_answer_gives_the_token_and_its_expiry() {
    assertThat(ClientCredentialsGrant.parse("{\"access_token\":\"tok\",\"expires_in\":600}", NOW))
        .contains(new AccessToken("tok", NOW.plusSeconds(600)));
    assertThat(
            ClientCredentialsGrant.parse("{\"access_token\":\"tok\",\"expires_in\":\"60\"}", NOW))
        .contains(new AccessToken("tok", NOW.plusSeconds(60)));
    assertThat(ClientCredentialsGrant.parse("{\"access_token\":\"tok\"}", NOW))
        .contains(new AccessToken("tok", NOW.plusSeconds(3599)));
  }

  @Test
  void an_answer_without_a_token_gives_none() {
    assertThat(ClientCredentialsGrant.parse("{\"token_type\":\"Bearer\"}", NOW)).isEmpty();
    assertThat(ClientCredentialsGrant.parse("{\"access_token\":\"\"}", NOW)).isEmpty();
    assertThat(ClientCredentialsGrant.parse("<html>", NOW)).isEmpty();
    assertThat(ClientCredentialsGrant.parse(null, NOW)).isEmpty();
  }
}
