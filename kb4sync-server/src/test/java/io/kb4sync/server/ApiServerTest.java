package io.kb4sync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.server.Http.Answer;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The API on a real server over HTTP on 127.0.0.1, with a fake book and fake tokens. */
class ApiServerTest {
  static final Instant T0 = Instant.parse("2026-11-20T02:07:13.456Z");
  static final String VIEWER = FakeTokens.VIEWER;
  static final String OPERATOR = FakeTokens.OPERATOR;
  static final String ADMIN = FakeTokens.ADMIN;

  static final RunRecord HELD =
      RunRecord.start("1001", RunRecord.SYNC, false, T0, "schedule", "node-1 pid 7", "")
          .finish(
              Outcome.HELD,
              T0.plusSeconds(95),
              "{\"success\": true, \"users_created\": 2, \"staged_archives_fingerprint\": \"f1\"}");
  static final RunRecord RUNNING =
      RunRecord.start(
          "1002", RunRecord.AUDIT, true, T0.plusSeconds(300), "api:ops-bot", "node-1 pid 7", "");

  static final List<String> RUN_KEYS =
      List.of(
          "run_id",
          "company_id",
          "kind",
          "dry_run",
          "status",
          "outcome",
          "exit_code",
          "started_at",
          "finished_at",
          "trigger");
  static final List<String> COMPANY_KEYS =
      List.of(
          "company_id",
          "name",
          "paused",
          "last_run",
          "next_sync_at",
          "next_audit_at",
          "held_archives");

  FakeBook book;
  FakeTokens tokens;
  ServiceMetrics metrics;
  ApiServer server;
  Http http;
  ListAppender<ILoggingEvent> logs;

  @BeforeEach
  void start() {
    logs = new ListAppender<>();
    logs.start();
    root().addAppender(logs);
    book = new FakeBook();
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("domain", "acme.example");
    variables.put("license_filter", "E3");
    variables.put("scim_token", "must-not-be-shown");
    variables.put("client_secret", "must-not-be-shown-either");
    book.company(
        new Book.CompanyDetail(
            new Book.CompanyView(
                "1001",
                "Acme Corp",
                false,
                HELD,
                Instant.parse("2026-11-21T02:07:00.500Z"),
                Instant.parse("2026-11-23T06:41:00Z"),
                3),
            variables,
            new Book.Schedule("@daily", "@weekly", "Europe/London")));
    book.company(
        new Book.CompanyDetail(
            new Book.CompanyView("1002", "Globex", true, null, null, null, 0),
            Map.of(),
            new Book.Schedule("0 2 * * *", "off", "UTC")));
    book.runs.add(RUNNING);
    book.runs.add(HELD);
    tokens = new FakeTokens();
    metrics = new ServiceMetrics();
    server = new ApiServer(book, tokens, metrics);
    http = new Http(server.start("127.0.0.1", 0));
  }

  @AfterEach
  void stop() {
    server.stop();
    metrics.close();
    root().detachAppender(logs);
  }

  static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** A request to each route, with a path that exists and a body that is valid. */
  static Answer call(Http http, ApiRoute route, String token) {
    String path =
        route
            .path()
            .replace("{company_id}", "1001")
            .replace("{run_id}", route == ApiRoute.CANCEL_RUN ? "01JQUEUED" : HELD.runId());
    String body =
        switch (route.method()) {
          case "PATCH" -> "{\"paused\": true}";
          case "POST" -> route == ApiRoute.START_RUN ? "{\"kind\": \"sync\"}" : null;
          default -> null;
        };
    return http.send(route.method(), path, token, body);
  }

  static Stream<ApiRoute> routesWithAToken() {
    return ApiRoute.ALL.stream().filter(route -> route.role() != null);
  }

  // ---- 401, 403 and the order of the checks ----

  @ParameterizedTest
  @MethodSource("routesWithAToken")
  void every_route_but_healthz_answers_401_without_a_token(ApiRoute route) {
    Answer answer = call(http, route, null);

    assertThat(answer.status()).as(route.toString()).isEqualTo(401);
    assertThat(answer.error()).isEqualTo("missing, unknown or expired bearer token");
    assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer kb4_nobodyKnowsThisToken",
        "Basic dXNlcjpwYXNz",
        "Bearer",
        "Bearer two words",
        "kb4_viewerTOKENviewerTOKENviewerTOKENviewerTO"
      })
  void an_unknown_token_or_a_malformed_authorization_header_gets_401(String authorization) {
    Answer answer =
        http.send(
            http.request("/api/v1/companies").header("Authorization", authorization).GET().build());

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.error()).isEqualTo("missing, unknown or expired bearer token");
    assertThat(book.calls()).isEmpty();
  }

  @Test
  void the_bearer_scheme_is_case_insensitive() {
    Answer answer =
        http.send(
            http.request("/api/v1/companies").header("Authorization", "bearer " + VIEWER).build());

    assertThat(answer.status()).isEqualTo(200);
  }

  static Stream<Arguments> routesAndRoles() {
    return routesWithAToken()
        .flatMap(route -> Stream.of(Role.values()).map(role -> Arguments.of(route, role)));
  }

  @ParameterizedTest
  @MethodSource("routesAndRoles")
  void a_role_below_the_routes_gets_403_and_the_routes_role_or_above_gets_through(
      ApiRoute route, Role role) {
    book.cancels.put("01JQUEUED", Book.Cancel.CANCELLED);

    Answer answer = call(http, route, FakeTokens.of(role));

    if (role.atLeast(route.role())) {
      assertThat(answer.status()).as(route + " as " + role).isBetween(200, 299);
    } else {
      assertThat(answer.status()).as(route + " as " + role).isEqualTo(403);
      assertThat(answer.error()).isEqualTo(route + " needs the " + route.role().id() + " role");
      assertThat(book.calls()).as("the book is not asked").isEmpty();
    }
  }

  @Test
  void healthz_answers_200_without_a_token() {
    Answer answer = http.get("/healthz", null);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("status").asText()).isEqualTo("ok");
  }

  @Test
  void a_viewer_posting_a_bad_body_to_an_unknown_company_gets_403_and_an_operator_404() {
    String bad = "{\"kind\": \"everything\", \"colour\": 1}";

    Answer viewer = http.send("POST", "/api/v1/companies/9999/runs", VIEWER, bad);
    Answer operator = http.send("POST", "/api/v1/companies/9999/runs", OPERATOR, bad);
    Answer known = http.send("POST", "/api/v1/companies/1001/runs", OPERATOR, bad);

    assertThat(viewer.status()).isEqualTo(403);
    assertThat(operator.status()).isEqualTo(404);
    assertThat(operator.error()).isEqualTo("no company '9999'");
    assertThat(known.status()).isEqualTo(400);
    assertThat(known.error())
        .isEqualTo(
            "unknown key 'colour' (known: kind, dry_run," + " remove_stale_users, approve_held)");
  }

  @Test
  void a_valid_run_of_a_busy_company_gets_409_after_every_other_check() {
    book.nextStart = new Book.RunStart.Busy("company 1001 has a run queued or running");

    Answer answer =
        http.send("POST", "/api/v1/companies/1001/runs", OPERATOR, "{\"kind\":\"sync\"}");

    assertThat(answer.status()).isEqualTo(409);
    assertThat(answer.error()).isEqualTo("company 1001 has a run queued or running");
  }

  @Test
  void approving_held_archives_needs_an_admin_even_before_the_company_or_the_body_is_checked() {
    Answer operator =
        http.send(
            "POST",
            "/api/v1/companies/9999/runs",
            OPERATOR,
            "{\"kind\": \"sync\", \"approve_held\": \"f1\", \"colour\": 1}");
    Answer admin =
        http.send(
            "POST",
            "/api/v1/companies/1001/runs",
            ADMIN,
            "{\"kind\": \"sync\", \"approve_held\": \"f1\"}");

    assertThat(operator.status()).isEqualTo(403);
    assertThat(operator.error()).isEqualTo("approve_held needs the admin role");
    assertThat(admin.status()).isEqualTo(202);
    assertThat(book.lastRequest).isEqualTo(new Book.RunRequest("sync", false, null, "f1"));
    assertThat(book.lastCaller.trigger()).isEqualTo("api:alice-admin");
  }

  @Test
  void an_operator_may_send_approve_held_as_null() {
    Answer answer =
        http.send(
            "POST",
            "/api/v1/companies/1001/runs",
            OPERATOR,
            "{\"kind\": \"sync\", \"approve_held\": null}");

    assertThat(answer.status()).isEqualTo(202);
    assertThat(book.lastRequest.approveHeld()).isNull();
  }

  @Test
  void an_unknown_route_is_401_without_a_token_404_with_one_and_a_wrong_method_405() {
    assertThat(http.get("/api/v1/nothing", null).status()).isEqualTo(401);
    Answer unknown = http.get("/api/v1/nothing", VIEWER);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).isEqualTo("no such route: GET /api/v1/nothing");
    Answer wrongMethod = http.send("PUT", "/api/v1/runs", VIEWER, "{}");
    assertThat(wrongMethod.status()).isEqualTo(405);
    assertThat(wrongMethod.error()).isEqualTo("method not allowed: PUT /api/v1/runs");
  }

  @Test
  void a_path_outside_the_api_that_is_no_route_is_a_plain_404_without_asking_a_token() {
    Answer page = http.get("/nothing", null);

    assertThat(page.status()).isEqualTo(404);
    assertThat(page.header("Content-Type")).startsWith("text/plain");
    assertThat(page.body()).isEqualTo("no such page: GET /nothing\n");
    assertThat(http.get("/apix", null).status()).isEqualTo(404);
    assertThat(http.get("/api", null).status()).isEqualTo(401);
  }

  // ---- companies ----

  @Test
  void companies_list_with_the_contracts_keys_in_order_and_times_to_the_second() {
    Answer answer = http.get("/api/v1/companies", VIEWER);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    JsonNode companies = answer.json();
    assertThat(companies).hasSize(2);
    JsonNode acme = companies.get(0);
    assertThat(Answer.keys(acme)).containsExactlyElementsOf(COMPANY_KEYS);
    assertThat(acme.get("company_id").asText()).isEqualTo("1001");
    assertThat(acme.get("name").asText()).isEqualTo("Acme Corp");
    assertThat(acme.get("paused").asBoolean()).isFalse();
    assertThat(acme.get("next_sync_at").asText()).isEqualTo("2026-11-21T02:07:00Z");
    assertThat(acme.get("next_audit_at").asText()).isEqualTo("2026-11-23T06:41:00Z");
    assertThat(acme.get("held_archives").asInt()).isEqualTo(3);
    JsonNode lastRun = acme.get("last_run");
    assertThat(Answer.keys(lastRun)).containsExactlyElementsOf(RUN_KEYS);
    assertThat(lastRun.get("run_id").asText()).isEqualTo(HELD.runId());
    assertThat(lastRun.get("outcome").asText()).isEqualTo("held");
    assertThat(lastRun.get("exit_code").asInt()).isEqualTo(4);
    assertThat(lastRun.get("started_at").asText()).isEqualTo("2026-11-20T02:07:13Z");
    assertThat(lastRun.get("finished_at").asText()).isEqualTo("2026-11-20T02:08:48Z");
    JsonNode globex = companies.get(1);
    assertThat(globex.get("paused").asBoolean()).isTrue();
    assertThat(globex.get("last_run").isNull()).isTrue();
    assertThat(globex.get("next_sync_at").isNull()).isTrue();
    assertThat(globex.get("next_audit_at").isNull()).isTrue();
  }

  @Test
  void one_company_adds_its_variables_and_schedule_and_never_a_secret_named_variable() {
    Answer answer = http.get("/api/v1/companies/1001", VIEWER);

    assertThat(answer.status()).isEqualTo(200);
    List<String> keys = new ArrayList<>(COMPANY_KEYS);
    keys.add("variables");
    keys.add("schedule");
    assertThat(answer.keys()).containsExactlyElementsOf(keys);
    JsonNode variables = answer.json().get("variables");
    assertThat(Answer.keys(variables)).containsExactly("domain", "license_filter");
    assertThat(answer.body()).doesNotContain("must-not-be-shown");
    JsonNode schedule = answer.json().get("schedule");
    assertThat(Answer.keys(schedule)).containsExactly("sync", "audit", "time_zone");
    assertThat(schedule.get("time_zone").asText()).isEqualTo("Europe/London");
  }

  @Test
  void an_unknown_company_is_404() {
    Answer answer = http.get("/api/v1/companies/nope", VIEWER);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.error()).isEqualTo("no company 'nope'");
  }

  @Test
  void patching_paused_answers_the_company_and_tells_the_book_who_asked() {
    Answer answer = http.send("PATCH", "/api/v1/companies/1001", OPERATOR, "{\"paused\": true}");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.keys()).containsExactlyElementsOf(COMPANY_KEYS);
    assertThat(answer.json().get("paused").asBoolean()).isTrue();
    assertThat(book.calls()).contains("setPaused 1001 true");
    assertThat(book.lastCaller).isEqualTo(Caller.apiToken("ops-bot", Role.OPERATOR));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{}",
        "{\"paused\": \"yes\"}",
        "{\"paused\": null}",
        "{\"paused\": true, \"name\": \"x\"}",
        "[true]",
        "{\"paused\": true",
        "{\"paused\": true, \"paused\": false}",
        "{\"paused\": true} {}"
      })
  void a_bad_pause_body_is_400_in_one_line(String body) {
    Answer answer = http.send("PATCH", "/api/v1/companies/1001", OPERATOR, body);

    assertThat(answer.status()).as(body).isEqualTo(400);
    assertThat(answer.error()).doesNotContain("\n");
    assertThat(book.calls()).noneMatch(call -> call.startsWith("setPaused"));
  }

  @Test
  void patching_an_unknown_company_is_404_even_with_a_bad_body() {
    Answer answer = http.send("PATCH", "/api/v1/companies/9999", OPERATOR, "{\"paused\": 1}");

    assertThat(answer.status()).isEqualTo(404);
  }

  // ---- runs ----

  @Test
  void a_queued_run_is_202_with_its_run_id_alone_and_carries_the_tokens_trigger() {
    Answer answer =
        http.send(
            "POST",
            "/api/v1/companies/1001/runs",
            OPERATOR,
            "{\"kind\": \"sync\", \"dry_run\": true, \"remove_stale_users\": false}");

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.keys()).containsExactly("run_id");
    assertThat(answer.json().get("run_id").asText()).isEqualTo("01JRUNQUEUED0000000000000A");
    assertThat(answer.header("Location")).isEqualTo("/api/v1/runs/01JRUNQUEUED0000000000000A");
    assertThat(book.lastRequest).isEqualTo(new Book.RunRequest("sync", true, false, null));
    assertThat(book.lastCaller.trigger()).isEqualTo("api:ops-bot");
  }

  @Test
  void an_audit_takes_kind_alone() {
    Answer audit =
        http.send("POST", "/api/v1/companies/1001/runs", OPERATOR, "{\"kind\": \"audit\"}");
    Answer auditWithMore =
        http.send(
            "POST",
            "/api/v1/companies/1001/runs",
            OPERATOR,
            "{\"kind\": \"audit\", \"dry_run\": false}");

    assertThat(audit.status()).isEqualTo(202);
    assertThat(book.lastRequest).isEqualTo(new Book.RunRequest("audit", false, null, null));
    assertThat(auditWithMore.status()).isEqualTo(400);
    assertThat(auditWithMore.error()).isEqualTo("an audit takes kind only, found dry_run");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{}",
        "{\"kind\": \"full\"}",
        "{\"kind\": 1}",
        "{\"kind\": null}",
        "{\"kind\": \"sync\", \"dry_run\": \"yes\"}",
        "{\"kind\": \"sync\", \"dry_run\": null}",
        "{\"kind\": \"sync\", \"remove_stale_users\": 1}",
        "{\"kind\": \"sync\", \"approve_held\": 42}",
        "{\"kind\": \"sync\", \"approve_held\": \" \"}",
        "{\"kind\": \"sync\", \"force\": true}",
        "\"sync\"",
        "not json"
      })
  void a_bad_run_body_is_400_in_one_line_and_starts_nothing(String body) {
    Answer answer = http.send("POST", "/api/v1/companies/1001/runs", ADMIN, body);

    assertThat(answer.status()).as(body).isEqualTo(400);
    assertThat(answer.error()).doesNotContain("\n").isNotBlank();
    assertThat(book.calls()).noneMatch(call -> call.startsWith("start"));
  }

  @Test
  void a_run_the_book_refuses_is_400_and_a_company_it_no_longer_knows_404() {
    book.nextStart = new Book.RunStart.Refused("approve_held needs a real sync");
    Answer refused =
        http.send("POST", "/api/v1/companies/1001/runs", OPERATOR, "{\"kind\": \"sync\"}");
    book.nextStart = new Book.RunStart.UnknownCompany();
    Answer gone =
        http.send("POST", "/api/v1/companies/1001/runs", OPERATOR, "{\"kind\": \"sync\"}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.error()).isEqualTo("approve_held needs a real sync");
    assertThat(gone.status()).isEqualTo(404);
  }

  @Test
  void cancelling_a_queued_run_is_204_an_unknown_one_404_and_one_not_queued_409() {
    book.cancels.put("01JQUEUED", Book.Cancel.CANCELLED);
    book.cancels.put("01JRUNNING", Book.Cancel.NOT_QUEUED);

    Answer cancelled = http.send("DELETE", "/api/v1/runs/01JQUEUED", OPERATOR, null);
    Answer unknown = http.send("DELETE", "/api/v1/runs/01JNOPE", OPERATOR, null);
    Answer running = http.send("DELETE", "/api/v1/runs/01JRUNNING", OPERATOR, null);

    assertThat(cancelled.status()).isEqualTo(204);
    assertThat(cancelled.body()).isEmpty();
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).isEqualTo("no run '01JNOPE'");
    assertThat(running.status()).isEqualTo(409);
    assertThat(running.error())
        .isEqualTo("run '01JRUNNING' is running or has ended: only a queued run is cancelled");
    assertThat(book.lastCaller.trigger()).isEqualTo("api:ops-bot");
  }

  @Test
  void runs_list_newest_first_with_the_contracts_keys_and_a_default_limit_of_50() {
    Answer answer = http.get("/api/v1/runs", VIEWER);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json()).hasSize(2);
    assertThat(Answer.keys(answer.json().get(0))).containsExactlyElementsOf(RUN_KEYS);
    JsonNode running = answer.json().get(0);
    assertThat(running.get("status").asText()).isEqualTo("running");
    assertThat(running.get("outcome").isNull()).isTrue();
    assertThat(running.get("exit_code").isNull()).isTrue();
    assertThat(running.get("finished_at").isNull()).isTrue();
    assertThat(running.get("dry_run").asBoolean()).isTrue();
    assertThat(running.get("trigger").asText()).isEqualTo("api:ops-bot");
    assertThat(book.lastFilter).isEqualTo(new Book.RunFilter(null, null, 50, null));
  }

  @Test
  void company_kind_limit_and_before_pass_through_to_the_book() {
    Answer answer =
        http.get(
            "/api/v1/runs?company_id=1001&kind=audit&limit=500&before=" + HELD.runId(), VIEWER);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(book.lastFilter).isEqualTo(new Book.RunFilter("1001", "audit", 500, HELD.runId()));
  }

  @Test
  void a_before_cursor_naming_no_run_is_404_with_the_usual_error() {
    Answer answer = http.get("/api/v1/runs?before=01JNOPE", VIEWER);

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.error()).isEqualTo("no run '01JNOPE'");
    assertThat(book.calls()).doesNotContain("runs");
  }

  @Test
  void empty_query_values_count_as_absent() {
    Answer answer = http.get("/api/v1/runs?company_id=&kind=&limit=&before=", VIEWER);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(book.lastFilter).isEqualTo(new Book.RunFilter(null, null, 50, null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "limit=0",
        "limit=501",
        "limit=ten",
        "limit=-1",
        "kind=full",
        "colour=red",
        "limit=5&limit=6"
      })
  void a_bad_query_is_400(String query) {
    Answer answer = http.get("/api/v1/runs?" + query, VIEWER);

    assertThat(answer.status()).as(query).isEqualTo(400);
    assertThat(answer.error()).isNotBlank();
    assertThat(book.calls()).doesNotContain("runs");
  }

  @Test
  void one_run_embeds_its_report_as_json_and_null_until_it_ends() {
    Answer ended = http.get("/api/v1/runs/" + HELD.runId(), VIEWER);
    Answer running = http.get("/api/v1/runs/" + RUNNING.runId(), VIEWER);

    assertThat(ended.status()).isEqualTo(200);
    List<String> keys = new ArrayList<>(RUN_KEYS);
    keys.add("report");
    assertThat(ended.keys()).containsExactlyElementsOf(keys);
    JsonNode report = ended.json().get("report");
    assertThat(report.isObject()).isTrue();
    assertThat(report.get("users_created").asInt()).isEqualTo(2);
    assertThat(report.get("staged_archives_fingerprint").asText()).isEqualTo("f1");
    assertThat(running.json().get("report").isNull()).isTrue();
    assertThat(http.get("/api/v1/runs/nope", VIEWER).status()).isEqualTo(404);
  }

  // ---- reload, openapi, health, readiness, metrics ----

  @Test
  void reload_is_200_when_the_new_file_is_in_force_and_400_with_the_problem_when_refused() {
    Answer ok = http.send("POST", "/api/v1/reload", ADMIN, null);
    book.reloadProblem = "kb4sync.yaml: line 12: unknown key 'shedule' (did you mean 'schedule'?)";
    Answer refused = http.send("POST", "/api/v1/reload", ADMIN, "{}");
    Answer withBody = http.send("POST", "/api/v1/reload", ADMIN, "{\"file\": \"/etc/passwd\"}");

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("reloaded").asBoolean()).isTrue();
    assertThat(book.lastCaller.trigger()).isEqualTo("api:alice-admin");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.error()).isEqualTo(book.reloadProblem);
    assertThat(withBody.status()).isEqualTo(400);
  }

  @Test
  void the_openapi_document_is_served_as_json() {
    Answer answer = http.get("/api/v1/openapi.json", VIEWER);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    assertThat(answer.json().get("openapi").asText()).startsWith("3.");
  }

  @Test
  void readyz_is_200_when_ready_and_503_with_its_problems_and_the_nodes_that_differ() {
    Answer ready = http.get("/readyz", VIEWER);
    book.readiness =
        new Book.Readiness(List.of("state store unreachable"), List.of("node-2 (config a1b2c3)"));
    Answer notReady = http.get("/readyz", VIEWER);

    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.keys()).containsExactly("ready", "problems", "nodes_with_other_configuration");
    assertThat(ready.json().get("ready").asBoolean()).isTrue();
    assertThat(notReady.status()).isEqualTo(503);
    assertThat(notReady.json().get("ready").asBoolean()).isFalse();
    assertThat(notReady.json().get("problems").get(0).asText())
        .isEqualTo("state store unreachable");
    assertThat(notReady.json().get("nodes_with_other_configuration").get(0).asText())
        .isEqualTo("node-2 (config a1b2c3)");
  }

  @Test
  void metrics_are_prometheus_text() {
    Answer answer = http.get("/metrics", VIEWER);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("text/plain");
    assertThat(answer.body()).contains("# TYPE kb4sync_runs_total counter");
  }

  // ---- limits, failures, secrets and logs ----

  @Test
  void a_body_over_64_kib_is_413_in_one_line_and_the_book_is_not_asked() {
    String big = "{\"kind\": \"sync\", \"pad\": \"" + "x".repeat(ApiServer.MAX_BODY_BYTES) + "\"}";

    Answer answer = http.send("POST", "/api/v1/companies/1001/runs", OPERATOR, big);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.error()).isEqualTo("the request body is larger than 65536 bytes");
    assertThat(book.calls()).isEmpty();
  }

  @Test
  void a_chunked_body_over_64_kib_is_413_too() {
    byte[] big =
        ("{\"paused\": true, \"pad\": \"" + "x".repeat(ApiServer.MAX_BODY_BYTES) + "\"}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    Answer answer = http.sendChunked("PATCH", "/api/v1/companies/1001", OPERATOR, big);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.error()).isEqualTo("the request body is larger than 65536 bytes");
  }

  @Test
  void a_body_of_exactly_64_kib_is_read() {
    String head = "{\"paused\": true, \"pad\": \"";
    String body = head + "x".repeat(ApiServer.MAX_BODY_BYTES - head.length() - 2) + "\"}";
    assertThat(body).hasSize(ApiServer.MAX_BODY_BYTES);

    Answer answer = http.send("PATCH", "/api/v1/companies/1001", OPERATOR, body);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.error()).startsWith("unknown key 'pad'");
  }

  @Test
  void a_failure_of_the_book_is_500_without_its_detail() {
    book.failure =
        new IllegalStateException("cannot reach postgresql://kb4sync:hunter2@db/kb4sync");

    Answer answer = http.get("/api/v1/companies", VIEWER);

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.error()).isEqualTo("internal error; see the server's log");
    assertThat(answer.body()).doesNotContain("hunter2");
  }

  @Test
  void a_token_store_that_cannot_answer_is_503() {
    tokens.failure = new IllegalStateException("state: cannot read an API token");

    Answer answer = http.get("/api/v1/companies", VIEWER);

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.error()).isEqualTo("cannot check the bearer token now; try again later");
  }

  @Test
  void every_api_call_is_logged_at_info_with_the_tokens_name_and_never_a_token() {
    http.get("/api/v1/companies", VIEWER);
    http.send("POST", "/api/v1/companies/1001/runs", OPERATOR, "{\"kind\": \"sync\"}");
    http.send("POST", "/api/v1/reload", OPERATOR, null);
    http.get("/api/v1/companies", "kb4_someoneElsesTokenThatIsNotKnown");
    http.get("/api/v1/nothing", ADMIN);

    List<String> access =
        logs.list.stream()
            .filter(e -> e.getLoggerName().equals(ApiServer.ACCESS_LOG))
            .filter(e -> e.getLevel() == Level.INFO)
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    assertThat(access)
        .hasSize(5)
        .satisfiesExactly(
            line -> assertThat(line).matches("GET /api/v1/companies 200 \\d+ms token=grafana"),
            line ->
                assertThat(line)
                    .matches("POST /api/v1/companies/1001/runs 202 \\d+ms token=ops-bot"),
            line -> assertThat(line).matches("POST /api/v1/reload 403 \\d+ms token=ops-bot"),
            line -> assertThat(line).matches("GET /api/v1/companies 401 \\d+ms token=-"),
            line -> assertThat(line).matches("GET /api/v1/nothing 404 \\d+ms token=alice-admin"));
    for (ILoggingEvent event : logs.list) {
      String text =
          event.getFormattedMessage()
              + (event.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(event.getThrowableProxy()))
              + event.getMDCPropertyMap();
      assertThat(text)
          .doesNotContain(VIEWER, OPERATOR, ADMIN, "kb4_someoneElsesTokenThatIsNotKnown");
    }
  }

  @Test
  void probes_and_scrapes_that_succeed_are_logged_at_debug_only() {
    http.get("/healthz", null);
    http.get("/metrics", VIEWER);
    http.get("/metrics", null);

    List<ILoggingEvent> access =
        logs.list.stream().filter(e -> e.getLoggerName().equals(ApiServer.ACCESS_LOG)).toList();
    assertThat(access)
        .extracting(ILoggingEvent::getLevel)
        .containsExactly(Level.DEBUG, Level.DEBUG, Level.INFO);
  }

  @Test
  void no_answer_carries_a_token() {
    List<Answer> answers = new ArrayList<>();
    for (ApiRoute route : ApiRoute.ALL) {
      for (Role role : Role.values()) {
        answers.add(call(http, route, FakeTokens.of(role)));
      }
    }

    for (Answer answer : answers) {
      assertThat(answer.body()).doesNotContain(VIEWER, OPERATOR, ADMIN);
      assertThat(answer.response().headers().map().toString())
          .doesNotContain(VIEWER, OPERATOR, ADMIN);
    }
  }

  @Nested
  class Lifecycle {
    @Test
    void a_second_start_is_refused() {
      assertThatThrownBy(() -> server.start("127.0.0.1", 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the API server is already started");
    }

    @Test
    void a_port_in_use_is_refused_in_one_line() throws Exception {
      try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        ApiServer other = new ApiServer(book, tokens, metrics);

        assertThatThrownBy(() -> other.start("127.0.0.1", taken.getLocalPort()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
            .hasMessageNotContaining("\n");
      }
    }

    @Test
    void a_stopped_server_answers_no_more_and_stops_twice_quietly() {
      server.stop();
      server.stop();

      assertThatThrownBy(() -> http.get("/healthz", null)).isInstanceOf(RuntimeException.class);
    }
  }
}
