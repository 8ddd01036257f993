package io.kb4sync.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.server.web.AdminAction;
import io.kb4sync.server.web.AdminLog;
import io.kb4sync.server.web.ApiTokens;
import io.kb4sync.server.web.Dashboard;
import io.kb4sync.server.web.People;
import io.kb4sync.server.web.Person;
import io.kb4sync.server.web.Session;
import io.kb4sync.server.web.Sessions;
import io.kb4sync.server.web.WebSecurity;
import io.kb4sync.server.web.WebSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's pages over HTTP on loopback, over a fake book: sign-in, roles, CSRF, escaping.
 */
class DashboardHttpTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
  static final String HOSTILE = "<script>alert(1)</script>";

  FakeBook book;
  ServiceMetrics metrics;
  ApiServer server;
  String base;
  final HttpClient client = HttpClient.newHttpClient();
  final List<AdminAction> log = new ArrayList<>();
  final List<String> revoked = new ArrayList<>();
  final ApiTokens tokens =
      new ApiTokens() {
        @Override
        public List<Token> list() {
          return List.of(new Token("ci-bot", Role.OPERATOR, Instant.EPOCH, null, null));
        }

        @Override
        public boolean revoke(String name) {
          revoked.add(name);
          return name.equals("ci-bot");
        }
      };

  @BeforeEach
  void start() {
    book = new FakeBook();
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("knowbe4_default_group", "All Users");
    variables.put("scim_token", "must-not-be-shown");
    book.company(
        new Book.CompanyDetail(
            new Book.CompanyView("1001", HOSTILE, false, null, null, null, 0),
            variables,
            new Book.Schedule("@daily", "off", "UTC")));
    metrics = new ServiceMetrics();
    MapPeople people = new MapPeople();
    people.add("olga", Role.OPERATOR, "operator-pw");
    people.add("vic", Role.VIEWER, "viewer-pw");
    people.add("ada", Role.ADMIN, "admin-pw");
    MapSessions sessions = new MapSessions();
    AdminLog adminLog =
        new AdminLog() {
          @Override
          public synchronized void record(AdminAction action) {
            log.add(action);
          }

          @Override
          public synchronized List<AdminAction> between(Instant from, Instant to) {
            return List.copyOf(log);
          }

          @Override
          public synchronized List<AdminAction> between(String action, Instant from, Instant to) {
            return log.stream().filter(a -> a.action().equals(action)).toList();
          }

          @Override
          public synchronized List<AdminAction> newest(String action, int limit) {
            List<AdminAction> newest =
                new ArrayList<>(
                    log.stream()
                        .filter(a -> action == null || a.action().equals(action))
                        .sorted(java.util.Comparator.comparing(AdminAction::at))
                        .toList());
            java.util.Collections.reverse(newest);
            return List.copyOf(newest.subList(0, Math.min(limit, newest.size())));
          }
        };
    Dashboard dashboard = new Dashboard(book, people, tokens, adminLog, CLOCK);
    WebSecurity web =
        new WebSecurity(people, sessions, adminLog, new WebSettings(null, List.of(), null), CLOCK)
            .loginForm(dashboard.loginForm());
    server =
        new ApiServer(book, new FakeTokens(), metrics).with(web::install).with(dashboard::routes);
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.stop();
    metrics.close();
  }

  @Test
  void a_page_without_a_session_sends_the_browser_to_the_sign_in_page() throws Exception {
    HttpResponse<String> page = get("/", null);

    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location")).hasValue("/login?next=%2F");
  }

  @Test
  void every_page_carries_a_strict_content_security_policy_and_no_inline_script() throws Exception {
    String cookie = signIn("olga", "operator-pw");

    for (String path : List.of("/login", "/", "/companies/1001", "/held")) {
      HttpResponse<String> page = get(path, cookie);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValue(WebSecurity.CONTENT_SECURITY_POLICY);
      assertThat(page.body()).as(path).doesNotContain("<script>", "style=");
    }
  }

  @Test
  void the_session_cookie_is_http_only_and_same_site() throws Exception {
    HttpResponse<String> answer = postLogin("olga", "operator-pw");

    assertThat(answer.headers().firstValue("Set-Cookie").orElseThrow())
        .contains("HttpOnly", "SameSite=Lax", "Path=/");
  }

  @Test
  void a_hostile_company_name_is_escaped_and_a_secret_variable_is_never_shown() throws Exception {
    String cookie = signIn("olga", "operator-pw");

    String page = get("/companies/1001", cookie).body();

    assertThat(page).doesNotContain(HOSTILE).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(page).contains("knowbe4_default_group").doesNotContain("must-not-be-shown");
  }

  @Test
  void an_operator_starts_a_dry_run_which_the_admin_log_records() throws Exception {
    String cookie = signIn("olga", "operator-pw");
    String csrf = csrf(get("/companies/1001", cookie).body());

    HttpResponse<String> answer =
        post("/companies/1001/runs", cookie, Map.of("csrf", csrf, "what", "dry_run"), base);

    assertThat(answer.statusCode()).isEqualTo(303);
    assertThat(answer.headers().firstValue("Location"))
        .hasValue("/runs/01JRUNQUEUED0000000000000A");
    assertThat(book.lastRequest).isEqualTo(new Book.RunRequest("sync", true, null, null));
    assertThat(book.lastCaller.trigger()).isEqualTo("ui:olga");
    assertThat(log)
        .extracting(AdminAction::actor, AdminAction::action, AdminAction::companyId)
        .contains(org.assertj.core.groups.Tuple.tuple("ui:olga", "dry_run_now", "1001"));
  }

  @Test
  void a_viewers_forged_post_is_refused_and_starts_nothing() throws Exception {
    String cookie = signIn("vic", "viewer-pw");
    String page = get("/companies/1001", cookie).body();
    assertThat(page).doesNotContain("Dry run now");

    HttpResponse<String> answer =
        post("/companies/1001/runs", cookie, Map.of("csrf", csrf(page), "what", "sync"), base);

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(book.calls).noneMatch(call -> call.startsWith("start"));
  }

  @Test
  void an_operator_cannot_approve_held_archives() throws Exception {
    String cookie = signIn("olga", "operator-pw");
    String csrf = csrf(get("/", cookie).body());

    HttpResponse<String> answer =
        post(
            "/companies/1001/held/approve",
            cookie,
            Map.of("csrf", csrf, "fingerprint", "ab".repeat(32)),
            base);

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(book.calls).noneMatch(call -> call.startsWith("start"));
  }

  @Test
  void a_post_without_the_csrf_token_or_from_another_origin_is_refused() throws Exception {
    String cookie = signIn("olga", "operator-pw");
    String csrf = csrf(get("/", cookie).body());

    assertThat(post("/companies/1001/runs", cookie, Map.of("what", "sync"), base).statusCode())
        .isEqualTo(403);
    assertThat(
            post(
                    "/companies/1001/runs",
                    cookie,
                    Map.of("csrf", csrf, "what", "sync"),
                    "http://evil.example")
                .statusCode())
        .isEqualTo(403);
    assertThat(book.calls).noneMatch(call -> call.startsWith("start"));
  }

  @Test
  void the_evidence_export_refuses_a_date_range_that_ends_before_it_starts() throws Exception {
    String cookie = signIn("olga", "operator-pw");

    assertThat(
            get("/companies/1001/evidence.csv?from=2026-12-01&to=2026-11-01", cookie).statusCode())
        .isEqualTo(400);
    HttpResponse<String> csv =
        get("/companies/1001/evidence.csv?from=2026-11-01&to=2026-12-01", cookie);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.body()).startsWith("\"company_id\",\"run_id\"");
  }

  @Test
  void only_an_admin_revokes_an_api_token() throws Exception {
    String operator = signIn("olga", "operator-pw");
    String csrf = csrf(get("/", operator).body());
    assertThat(get("/admin/users", operator).statusCode()).isEqualTo(403);
    assertThat(
            post("/admin/tokens/ci-bot/revoke", operator, Map.of("csrf", csrf), base).statusCode())
        .isEqualTo(403);
    assertThat(revoked).isEmpty();

    String admin = signIn("ada", "admin-pw");
    String page = get("/admin/users", admin).body();
    assertThat(page).contains("ci-bot", "Revoke ci-bot");
    HttpResponse<String> answer =
        post("/admin/tokens/ci-bot/revoke", admin, Map.of("csrf", csrf(page)), base);

    assertThat(answer.statusCode()).isEqualTo(303);
    assertThat(revoked).containsExactly("ci-bot");
    assertThat(log).extracting(AdminAction::action).contains("token_revoke");
  }

  @Test
  void an_admin_sees_the_admin_log_newest_first_under_the_strict_policy() throws Exception {
    Instant now = CLOCK.instant();
    log.add(new AdminAction(now.minusSeconds(7200), "ui:olga", "pause", "1001", "first"));
    log.add(new AdminAction(now.minusSeconds(60), "api:ops", "resume", "1001", "third"));
    log.add(new AdminAction(now.minusSeconds(3600), "ui:ada", "user_disable", null, "second"));
    String admin = signIn("ada", "admin-pw");

    HttpResponse<String> page = get("/admin/log", admin);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValue(WebSecurity.CONTENT_SECURITY_POLICY);
    String body = page.body();
    assertThat(body).doesNotContain("<script>", "style=");
    assertThat(body).contains("href=\"/admin/log.csv\"", "2026-12-01 09:59 UTC", "api:ops");
    assertThat(body.indexOf("<td>sign_in</td>"))
        .as("newest first: the sign-in of this test, then the others")
        .isPositive()
        .isLessThan(body.indexOf("<td>third</td>"));
    assertThat(body.indexOf("<td>third</td>")).isLessThan(body.indexOf("<td>second</td>"));
    assertThat(body.indexOf("<td>second</td>")).isLessThan(body.indexOf("<td>first</td>"));
  }

  @Test
  void a_viewer_and_an_operator_are_refused_the_admin_log_page_as_the_other_admin_pages()
      throws Exception {
    for (String cookie : List.of(signIn("vic", "viewer-pw"), signIn("olga", "operator-pw"))) {
      HttpResponse<String> users = get("/admin/users", cookie);
      HttpResponse<String> page = get("/admin/log", cookie);

      assertThat(users.statusCode()).isEqualTo(403);
      assertThat(page.statusCode()).isEqualTo(403);
      assertThat(page.body()).doesNotContain("<td>sign_in</td>", "Admin log");
    }
  }

  @Test
  void a_hostile_detail_or_actor_in_the_admin_log_is_escaped() throws Exception {
    log.add(new AdminAction(CLOCK.instant(), HOSTILE, "dismiss_held", HOSTILE, HOSTILE));
    String admin = signIn("ada", "admin-pw");

    String page = get("/admin/log", admin).body();

    assertThat(page).doesNotContain(HOSTILE).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void the_admin_log_page_shows_one_known_action_alone_and_ignores_an_unknown_one()
      throws Exception {
    log.add(new AdminAction(CLOCK.instant(), "ui:olga", "pause", "1001", "paused it"));
    String admin = signIn("ada", "admin-pw");

    String pauses = get("/admin/log?action=pause", admin).body();
    String unknown =
        get("/admin/log?action=" + URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8), admin)
            .body();

    assertThat(pauses).contains("paused it").doesNotContain("<td>sign_in</td>");
    assertThat(pauses).contains("<option value=\"pause\" selected>");
    assertThat(unknown).contains("paused it", "<td>sign_in</td>").doesNotContain(HOSTILE);
  }

  @Test
  void the_admin_log_page_shows_at_most_the_newest_200_actions() throws Exception {
    Instant start = CLOCK.instant().minusSeconds(100_000);
    for (int i = 0; i < 250; i++) {
      log.add(new AdminAction(start.plusSeconds(i), "ui:olga", "pause", "1001", "n" + i + "."));
    }
    String admin = signIn("ada", "admin-pw");

    String page = get("/admin/log?action=pause", admin).body();

    assertThat(page.split("<tr><td>", -1)).hasSize(201);
    assertThat(page)
        .contains("<td>n249.</td>", "<td>n50.</td>", "the CSV has them all")
        .doesNotContain("<td>n49.</td>");
  }

  // ---- helpers ----

  String signIn(String name, String password) throws Exception {
    HttpResponse<String> answer = postLogin(name, password);
    assertThat(answer.statusCode()).isEqualTo(303);
    String cookie = answer.headers().firstValue("Set-Cookie").orElseThrow();
    return cookie.substring(0, cookie.indexOf(';'));
  }

  HttpResponse<String> postLogin(String name, String password) throws Exception {
    return post("/login", null, Map.of("name", name, "password", password), base);
  }

  static String csrf(String page) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String cookie, Map<String, String> form, String origin)
      throws Exception {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    if (origin != null) {
      request.header("Origin", origin);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Accounts in a map, passwords in clear: a test's. */
  static final class MapPeople implements People {
    final Map<String, Caller> callers = new HashMap<>();
    final Map<String, String> passwords = new HashMap<>();

    void add(String name, Role role, String password) {
      callers.put(name, new Caller(name, role, "ui:" + name));
      passwords.put(name, password);
    }

    @Override
    public Optional<Caller> checkPassword(String name, char[] password) {
      return new String(password).equals(passwords.get(name))
          ? Optional.of(callers.get(name))
          : Optional.empty();
    }

    @Override
    public Optional<Caller> active(String name) {
      return Optional.ofNullable(callers.get(name));
    }

    @Override
    public List<Person> list() {
      return callers.values().stream()
          .map(c -> new Person(c.name(), c.role(), "local", false, Instant.EPOCH, null))
          .toList();
    }

    @Override
    public boolean disable(String name) {
      return callers.remove(name) != null;
    }
  }

  /** Sessions in a map. */
  static final class MapSessions implements Sessions {
    final Map<String, Session> sessions = new HashMap<>();

    @Override
    public synchronized Session open(Caller caller, Instant now) {
      Session s =
          new Session(UUID.randomUUID().toString(), caller, UUID.randomUUID().toString(), now, now);
      sessions.put(s.id(), s);
      return s;
    }

    @Override
    public synchronized Optional<Session> find(String id, Instant now) {
      return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public synchronized void close(String id) {
      sessions.remove(id);
    }

    @Override
    public synchronized void closeAllOf(String name) {
      sessions.values().removeIf(s -> s.caller().name().equals(name));
    }
  }
}
