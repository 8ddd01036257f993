package io.kb4sync.simulators.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator over real HTTP, as any client sees it. */
class KnowBe4SimulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private final KnowBe4Simulator sim = KnowBe4Simulator.start();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    sim.close();
  }

  private record Answer(int status, JsonNode body, HttpResponse<String> raw) {}

  private Answer call(String method, URI uri, String token, String body) throws Exception {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
    return new Answer(response.statusCode(), json, response);
  }

  private Answer scim(String method, String path, String body) throws Exception {
    return call(method, URI.create(sim.scimUrl() + path), sim.scimToken(), body);
  }

  private Answer reporting(String pathAndQuery) throws Exception {
    return call("GET", URI.create(sim.reportingUrl() + pathAndQuery), sim.reportingKey(), null);
  }

  private static String filter(String expression) {
    return "?filter=" + URLEncoder.encode(expression, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String patch(String operations) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
        + operations
        + "]}";
  }

  @Test
  void scim_without_a_valid_token_answers_401_with_a_scim_error() throws Exception {
    Answer answer = call("GET", URI.create(sim.scimUrl() + "/Users"), "nope", null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.body().path("schemas").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
  }

  @Test
  void pages_are_capped_at_100_whatever_count_asks() throws Exception {
    for (int i = 0; i < 130; i++) {
      sim.seedUser(UserSeed.of("u" + i + "@acme.example"));
    }

    Answer first = scim("GET", "/Users?startIndex=1&count=500", null);
    Answer second = scim("GET", "/Users?startIndex=101&count=500", null);

    assertThat(first.body().path("totalResults").asInt()).isEqualTo(130);
    assertThat(first.body().path("Resources")).hasSize(100);
    assertThat(second.body().path("Resources")).hasSize(30);
  }

  @Test
  void user_name_is_unique_across_active_and_archived_users() throws Exception {
    sim.seedUser(UserSeed.of("taken@acme.example").archived());

    Answer answer =
        scim(
            "POST",
            "/Users",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"TAKEN@acme.example\"}");

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.body().path("scimType").asText()).isEqualTo("uniqueness");
  }

  @Test
  void the_user_name_filter_decodes_escapes_and_ignores_case() throws Exception {
    UserView user = sim.seedUser(UserSeed.of("\"odd\\name\"@Acme.example"));

    Answer answer =
        scim("GET", "/Users" + filter("userName eq \"\\\"ODD\\\\name\\\"@acme.example\""), null);

    assertThat(answer.body().path("Resources").get(0).path("id").asText()).isEqualTo(user.scimId());
    assertThat(scim("GET", "/Users" + filter("title eq \"x\""), null).status()).isEqualTo(400);
  }

  @Test
  void patch_works_with_paths_and_without_and_can_answer_204() throws Exception {
    UserView boss = sim.seedUser(UserSeed.of("boss@acme.example"));
    UserView user = sim.seedUser(UserSeed.of("u@acme.example").title("Old"));

    Answer withPath =
        scim(
            "PATCH",
            "/Users/" + user.scimId(),
            patch(
                "{\"op\":\"replace\",\"path\":\""
                    + ENTERPRISE
                    + ":manager\",\"value\":{\"value\":\""
                    + boss.scimId()
                    + "\"}},{\"op\":\"remove\",\"path\":\"title\"}"));
    sim.patchAnswersNoContent(true);
    Answer withoutPath =
        scim(
            "PATCH",
            "/Users/" + user.scimId(),
            patch(
                "{\"op\":\"Replace\",\"value\":{\"name.givenName\":\"Uma\",\""
                    + ENTERPRISE
                    + "\":{\"department\":\"Ops\"}}}"));

    assertThat(withPath.status()).isEqualTo(200);
    assertThat(withoutPath.status()).isEqualTo(204);
    assertThat(withoutPath.raw().body()).isEmpty();
    UserView after = sim.findByEmail("u@acme.example").orElseThrow();
    assertThat(after.managerScimId()).isEqualTo(boss.scimId());
    assertThat(after.title()).isNull();
    assertThat(after.givenName()).isEqualTo("Uma");
    assertThat(after.department()).isEqualTo("Ops");
  }

  @Test
  void archiving_sets_reporting_status_and_archived_at_and_frees_a_seat() throws Exception {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    sim.clock(Clock.fixed(now, ZoneOffset.UTC));
    UserView user = sim.seedUser(UserSeed.of("leaver@acme.example"));
    assertThat(sim.seatsUsed()).isEqualTo(1);

    scim(
        "PATCH",
        "/Users/" + user.scimId(),
        patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"));

    JsonNode reported = reporting("/v1/users/" + user.reportingId()).body();
    assertThat(reported.path("status").asText()).isEqualTo("archived");
    assertThat(reported.path("archived_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(sim.seatsUsed()).isZero();
    assertThat(reporting("/v1/users?status=archived").body()).hasSize(1);
    // Without status the simulator answers active users only (the real default is undocumented).
    assertThat(reporting("/v1/users").body()).isEmpty();
  }

  @Test
  void reporting_ids_are_integers_from_another_space_and_every_answer_has_a_request_id()
      throws Exception {
    UserView user = sim.seedUser(UserSeed.of("a@acme.example").groups("All Users"));

    Answer answer = reporting("/v1/users?status=active&page=1&per_page=500");

    JsonNode listed = answer.body().get(0);
    assertThat(listed.path("id").isIntegralNumber()).isTrue();
    assertThat(listed.path("id").asText()).isNotEqualTo(user.scimId());
    assertThat(listed.path("groups").get(0).asLong())
        .isEqualTo(sim.findGroup("All Users").orElseThrow().reportingId());
    assertThat(answer.raw().headers().firstValue("X-Request-Id")).isPresent();
    assertThat(reporting("/v1/users?status=active&page=2&per_page=500").body()).isEmpty();
    assertThat(reporting("/v1/account").body().path("number_of_seats").asInt()).isEqualTo(1000);
  }

  @Test
  void a_bad_reporting_key_gets_401_or_the_200_invalid_token_quirk() throws Exception {
    URI account = URI.create(sim.reportingUrl() + "/v1/account");

    Answer strict = call("GET", account, "bad", null);
    sim.invalidTokenAs200(true);
    Answer quirky = call("GET", account, "bad", null);

    assertThat(strict.status()).isEqualTo(401);
    assertThat(quirky.status()).isEqualTo(200);
    assertThat(quirky.body().path("message").asText()).isEqualTo("Invalid Token");
  }

  @Test
  void more_than_four_reporting_requests_in_a_second_draw_429() throws Exception {
    int throttled = 0;
    for (int i = 0; i < 6; i++) {
      if (reporting("/v1/account").status() == 429) {
        throttled++;
      }
    }
    assertThat(throttled).isPositive();
  }

  @Test
  void group_members_are_added_and_removed_in_rfc_and_entra_forms() throws Exception {
    UserView a = sim.seedUser(UserSeed.of("a@acme.example"));
    UserView b = sim.seedUser(UserSeed.of("b@acme.example"));
    GroupView group = sim.seedGroup("Team");
    String members =
        "\"value\":[{\"value\":\"" + a.scimId() + "\"},{\"value\":\"" + b.scimId() + "\"}]";

    scim(
        "PATCH",
        "/Groups/" + group.scimId(),
        patch("{\"op\":\"add\",\"path\":\"members\"," + members + "}"));
    assertThat(sim.findGroup("Team").orElseThrow().memberEmails()).hasSize(2);
    scim(
        "PATCH",
        "/Groups/" + group.scimId(),
        patch("{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + a.scimId() + "\\\"]\"}"));
    assertThat(sim.findGroup("Team").orElseThrow().memberEmails())
        .containsExactly("b@acme.example");
    scim(
        "PATCH",
        "/Groups/" + group.scimId(),
        patch(
            "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\""
                + b.scimId()
                + "\"}]}"));
    assertThat(sim.findGroup("Team").orElseThrow().memberEmails()).isEmpty();
    Answer unknown =
        scim(
            "PATCH",
            "/Groups/" + group.scimId(),
            patch(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + a.reportingId()
                    + "\"}]}"));
    assertThat(unknown.status()).isEqualTo(400);
  }
}
