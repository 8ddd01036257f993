package io.kb4sync.app.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.kb4sync.core.testing.InMemoryStateStore;
import io.kb4sync.core.testing.MovingClock;
import io.kb4sync.server.Role;
import io.kb4sync.server.web.AdminAction;
import io.kb4sync.server.web.WebSecurity;
import io.kb4sync.server.web.WebSettings;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dashboard's sign-in on real HTTP: Javalin on loopback with {@link WebSecurity} installed over
 * the store-backed people, sessions and audit log, and a settable clock.
 */
class WebSecurityTest {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  static final String PASSWORD = "correct horse battery";

  final MovingClock clock = new MovingClock(T0);
  final InMemoryStateStore store = new InMemoryStateStore();
  final StorePeople people = new StorePeople(store, clock);
  final StoreSessions sessions =
      new StoreSessions(store, Duration.ofMinutes(30), Duration.ofHours(12));
  final StoreAdminLog log = new StoreAdminLog(store);
  Javalin app;
  Browser browser;

  void start(WebSettings settings) {
    WebSecurity web = new WebSecurity(people, sessions, log, settings, clock);
    app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  web.install(config);
                  config.routes.get(
                      "/",
                      ctx ->
                          ctx.result(
                              "home of "
                                  + WebSecurity.session(ctx)
                                      .map(s -> s.caller().trigger() + " " + s.caller().role().id())
                                      .orElse("nobody")));
                  config.routes.get(
                      "/companies",
                      ctx ->
                          ctx.result("csrf=" + WebSecurity.session(ctx).orElseThrow().csrfToken()));
                  config.routes.post("/companies/1001/pause", ctx -> ctx.result("paused"));
                  config.routes.get("/api/v1/companies", ctx -> ctx.result("[]"));
                  config.routes.get("/healthz", ctx -> ctx.result("ok"));
                })
            .start("127.0.0.1", 0);
    browser = new Browser("http://127.0.0.1:" + app.port());
  }

  void start() {
    start(WebSettings.none());
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  HttpResponse<String> signIn(Browser who, String name, String password, String next) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("name", name);
    form.put("password", password);
    form.put("next", next);
    return who.post("/login", form);
  }

  String csrf(Browser who) {
    HttpResponse<String> page = who.get("/companies");
    assertThat(page.statusCode()).isEqualTo(200);
    return page.body().substring("csrf=".length());
  }

  List<String> actions() {
    return log.between(T0.minusSeconds(1), T0.plus(Duration.ofDays(2))).stream()
        .map(a -> a.action() + " " + a.actor())
        .toList();
  }

  @Test
  void a_dashboard_page_without_a_session_redirects_to_the_sign_in_form_which_is_labelled() {
    start();

    HttpResponse<String> page = browser.get("/companies?sort=name");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(Browser.location(page)).isEqualTo("/login?next=%2Fcompanies%3Fsort%3Dname");

    HttpResponse<String> form = browser.get(Browser.location(page));
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(form.body())
        .contains("<form method=\"post\" action=\"/login\"")
        .contains("<label for=\"name\">Name</label>")
        .contains("<label for=\"password\">Password</label>")
        .contains("autocomplete=\"current-password\"")
        .contains("name=\"next\" value=\"/companies?sort=name\"")
        .doesNotContain("<script", "style=");
  }

  @Test
  void the_right_password_opens_a_session_in_an_http_only_lax_cookie_and_goes_to_next() {
    people.add("alice", Role.OPERATOR, PASSWORD.toCharArray());
    start();

    HttpResponse<String> answer = signIn(browser, "alice", PASSWORD, "/companies");

    assertThat(answer.statusCode()).isEqualTo(303);
    assertThat(Browser.location(answer)).isEqualTo("/companies");
    assertThat(Browser.setCookie(answer, "kb4sync_session"))
        .matches("kb4sync_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax");
    assertThat(browser.get("/").body()).isEqualTo("home of ui:alice operator");
    assertThat(actions()).containsExactly("sign_in ui:alice");
    assertThat(store.account("alice").orElseThrow().lastSignIn()).isEqualTo(T0);
  }

  @Test
  void a_wrong_password_an_unknown_name_and_a_disabled_account_get_the_same_answer() {
    people.add("alice", Role.ADMIN, PASSWORD.toCharArray());
    people.add("bob", Role.ADMIN, PASSWORD.toCharArray());
    people.disable("bob");
    start();

    HttpResponse<String> wrong = signIn(browser, "alice", "not the password", "/");
    HttpResponse<String> unknown = signIn(browser, "carol", PASSWORD, "/");
    HttpResponse<String> disabled = signIn(browser, "bob", PASSWORD, "/");

    for (HttpResponse<String> answer : List.of(wrong, unknown, disabled)) {
      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(answer.body()).contains("Wrong name or password.");
      assertThat(Browser.setCookie(answer, "kb4sync_session")).isNull();
    }
    assertThat(unknown.body().replace("carol", "alice")).isEqualTo(wrong.body());
    assertThat(disabled.body().replace("bob", "alice")).isEqualTo(wrong.body());
    assertThat(browser.get("/").statusCode()).isEqualTo(302);
    assertThat(actions())
        .containsExactly(
            "sign_in_refused ui:alice", "sign_in_refused ui:carol", "sign_in_refused ui:bob");
  }

  @Test
  void a_session_ends_after_the_idle_timeout_and_lives_while_used() {
    people.add("alice", Role.VIEWER, PASSWORD.toCharArray());
    start();
    signIn(browser, "alice", PASSWORD, "/");

    clock.advance(Duration.ofMinutes(29));
    assertThat(browser.get("/").statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(29));
    assertThat(browser.get("/").statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(30));

    HttpResponse<String> idle = browser.get("/");
    assertThat(idle.statusCode()).isEqualTo(302);
    assertThat(Browser.location(idle)).startsWith("/login");
  }

  @Test
  void a_session_in_use_ends_at_the_absolute_timeout() {
    people.add("alice", Role.VIEWER, PASSWORD.toCharArray());
    start();
    signIn(browser, "alice", PASSWORD, "/");

    for (int i = 0; i < 35; i++) {
      clock.advance(Duration.ofMinutes(20));
      assertThat(browser.get("/").statusCode()).as("after %d minutes", 20 * (i + 1)).isEqualTo(200);
    }
    clock.advance(Duration.ofMinutes(20));

    assertThat(browser.get("/").statusCode()).isEqualTo(302);
  }

  @Test
  void signing_in_always_makes_a_new_session_id_so_a_planted_or_old_one_is_useless() {
    people.add("alice", Role.ADMIN, PASSWORD.toCharArray());
    start();
    browser.cookies.put("kb4sync_session", "planted-by-an-attacker-aaaaaaaaaaaaaaaaaaaa");
    signIn(browser, "alice", PASSWORD, "/");
    String first = browser.cookies.get("kb4sync_session");
    assertThat(first).isNotEqualTo("planted-by-an-attacker-aaaaaaaaaaaaaaaaaaaa");

    signIn(browser, "alice", PASSWORD, "/");
    String second = browser.cookies.get("kb4sync_session");

    assertThat(second).isNotEqualTo(first);
    Browser old = new Browser(browser.base);
    old.cookies.put("kb4sync_session", first);
    assertThat(old.get("/").statusCode()).isEqualTo(302);
    assertThat(browser.get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void signing_out_ends_the_session_and_clears_the_cookie() {
    people.add("alice", Role.ADMIN, PASSWORD.toCharArray());
    start();
    signIn(browser, "alice", PASSWORD, "/");
    String id = browser.cookies.get("kb4sync_session");

    HttpResponse<String> out = browser.post("/logout", Map.of("csrf", csrf(browser)));

    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(Browser.location(out)).isEqualTo("/login");
    assertThat(Browser.setCookie(out, "kb4sync_session")).contains("Max-Age=0");
    Browser again = new Browser(browser.base);
    again.cookies.put("kb4sync_session", id);
    assertThat(again.get("/").statusCode()).isEqualTo(302);
    assertThat(actions()).containsExactly("sign_in ui:alice", "sign_out ui:alice");
  }

  @Test
  void a_state_changing_request_without_or_with_a_wrong_csrf_token_is_refused_with_403() {
    people.add("alice", Role.OPERATOR, PASSWORD.toCharArray());
    start();
    signIn(browser, "alice", PASSWORD, "/");
    String token = csrf(browser);

    assertThat(browser.post("/companies/1001/pause", Map.of()).statusCode()).isEqualTo(403);
    assertThat(browser.post("/companies/1001/pause", Map.of("csrf", token + "x")).statusCode())
        .isEqualTo(403);
    assertThat(
            browser
                .post("/companies/1001/pause", Map.of(), "X-CSRF-Token", "A".repeat(token.length()))
                .statusCode())
        .isEqualTo(403);

    HttpResponse<String> field = browser.post("/companies/1001/pause", Map.of("csrf", token));
    HttpResponse<String> header =
        browser.post("/companies/1001/pause", Map.of(), "X-CSRF-Token", token);
    assertThat(field.statusCode()).isEqualTo(200);
    assertThat(field.body()).isEqualTo("paused");
    assertThat(header.statusCode()).isEqualTo(200);
  }

  @Test
  void a_state_changing_request_from_another_origin_or_naming_none_is_refused_with_403() {
    people.add("alice", Role.OPERATOR, PASSWORD.toCharArray());
    start();
    signIn(browser, "alice", PASSWORD, "/");
    String token = csrf(browser);

    assertThat(
            browser
                .post(
                    "/companies/1001/pause",
                    Map.of("csrf", token),
                    "Origin",
                    "https://evil.example")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            browser
                .post("/companies/1001/pause", Map.of("csrf", token), "Origin", "null")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            browser
                .post(
                    "/companies/1001/pause",
                    Map.of("csrf", token),
                    "Referer",
                    "https://evil.example/companies")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            browser
                .post(
                    "/companies/1001/pause",
                    Map.of("csrf", token),
                    "Referer",
                    browser.base + "/companies")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void a_sign_in_posted_from_another_origin_is_refused() {
    people.add("alice", Role.ADMIN, PASSWORD.toCharArray());
    start();

    HttpResponse<String> answer =
        browser.post(
            "/login",
            Map.of("name", "alice", "password", PASSWORD, "next", "/"),
            "Origin",
            "https://evil.example");

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(Browser.setCookie(answer, "kb4sync_session")).isNull();
  }

  @Test
  void five_failures_for_a_name_block_it_with_429_for_15_minutes_even_with_the_right_password() {
    people.add("alice", Role.ADMIN, PASSWORD.toCharArray());
    start();
    for (int i = 0; i < 5; i++) {
      assertThat(signIn(browser, "alice", "guess " + i, "/").statusCode()).isEqualTo(401);
    }

    HttpResponse<String> blocked = signIn(browser, "alice", PASSWORD, "/");
    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(blocked.body())
        .contains("Too many failed sign-ins; wait 15 minutes before trying again.");
    assertThat(Browser.setCookie(blocked, "kb4sync_session")).isNull();
    // The five failures are in the admin log; the refused attempts after them are not (a flood
    // of them costs an attacker nothing and would fill it).
    for (int i = 0; i < 20; i++) {
      assertThat(signIn(browser, "alice", "guess", "/").statusCode()).isEqualTo(429);
    }
    assertThat(actions()).hasSize(5).allMatch(a -> a.equals("sign_in_refused ui:alice"));

    clock.advance(Duration.ofMinutes(15));
    assertThat(signIn(browser, "alice", PASSWORD, "/").statusCode()).isEqualTo(303);
  }

  @Test
  void five_failures_from_one_address_block_it_for_every_name() {
    people.add("alice", Role.ADMIN, PASSWORD.toCharArray());
    start();
    for (int i = 0; i < 5; i++) {
      signIn(browser, "user" + i, "guess", "/");
    }

    assertThat(signIn(browser, "alice", PASSWORD, "/").statusCode()).isEqualTo(429);
  }

  @Test
  void behind_a_trusted_proxy_that_says_https_the_cookie_is_secure() {
    people.add("alice", Role.ADMIN, PASSWORD.toCharArray());
    start(new WebSettings(null, List.of("127.0.0.0/8"), null));

    HttpResponse<String> answer =
        browser.post(
            "/login",
            Map.of("name", "alice", "password", PASSWORD, "next", "/"),
            "X-Forwarded-Proto",
            "https",
            "X-Forwarded-Host",
            "kb4sync.example.com",
            "X-Forwarded-For",
            "203.0.113.7",
            "Origin",
            "https://kb4sync.example.com");

    assertThat(answer.statusCode()).isEqualTo(303);
    assertThat(Browser.setCookie(answer, "kb4sync_session")).endsWith("; Secure");
    assertThat(log.between(T0, T0.plusSeconds(1)))
        .extracting(AdminAction::detail)
        .containsExactly("local from 203.0.113.7");
  }

  @Test
  void forwarded_headers_from_an_address_not_trusted_are_ignored() {
    people.add("alice", Role.ADMIN, PASSWORD.toCharArray());
    start(new WebSettings(null, List.of("10.9.8.7"), null));

    HttpResponse<String> forged =
        browser.post(
            "/login",
            Map.of("name", "alice", "password", PASSWORD, "next", "/"),
            "X-Forwarded-Proto",
            "https",
            "X-Forwarded-Host",
            "kb4sync.example.com",
            "X-Forwarded-For",
            "203.0.113.7",
            "Origin",
            "https://kb4sync.example.com");
    assertThat(forged.statusCode()).isEqualTo(403);

    HttpResponse<String> plain =
        browser.post(
            "/login",
            Map.of("name", "alice", "password", PASSWORD, "next", "/"),
            "X-Forwarded-Proto",
            "https",
            "X-Forwarded-For",
            "203.0.113.7");
    assertThat(plain.statusCode()).isEqualTo(303);
    assertThat(Browser.setCookie(plain, "kb4sync_session")).doesNotContain("Secure");
    assertThat(log.between(T0, T0.plusSeconds(1)))
        .extracting(AdminAction::detail)
        .containsExactly("local from 127.0.0.1");
  }

  @Test
  void an_https_public_url_makes_the_cookie_secure_and_its_origin_is_accepted() {
    people.add("alice", Role.ADMIN, PASSWORD.toCharArray());
    start(new WebSettings(URI.create("https://kb4sync.example.com/"), List.of(), null));

    HttpResponse<String> answer =
        browser.post(
            "/login",
            Map.of("name", "alice", "password", PASSWORD, "next", "/"),
            "Origin",
            "https://kb4sync.example.com");

    assertThat(answer.statusCode()).isEqualTo(303);
    assertThat(Browser.setCookie(answer, "kb4sync_session")).endsWith("; Secure");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "evil.example",
        "/login",
        "/%0d%0aSet-Cookie:x=y",
        "/\r\nSet-Cookie: x=y"
      })
  void next_goes_only_to_a_local_path_so_there_is_no_open_redirect(String next) {
    people.add("alice", Role.ADMIN, PASSWORD.toCharArray());
    start();

    HttpResponse<String> answer = signIn(browser, "alice", PASSWORD, next);

    assertThat(answer.statusCode()).isEqualTo(303);
    assertThat(Browser.location(answer))
        .isEqualTo(next.startsWith("/%0d") ? "/%0d%0aSet-Cookie:x=y" : "/");
  }

  @Test
  void every_dashboard_answer_carries_the_security_headers_and_the_api_is_left_alone() {
    people.add("alice", Role.ADMIN, PASSWORD.toCharArray());
    start();
    List<HttpResponse<String>> answers =
        List.of(
            browser.get("/login"),
            browser.get("/companies"),
            signIn(browser, "alice", "wrong password!", "/"),
            signIn(browser, "alice", PASSWORD, "/"),
            browser.get("/companies"));

    for (HttpResponse<String> answer : answers) {
      assertThat(answer.headers().firstValue("Content-Security-Policy"))
          .contains(
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                  + " object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action"
                  + " 'self'");
      assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(answer.headers().firstValue("Referrer-Policy")).contains("same-origin");
      assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
    }
    HttpResponse<String> api = new Browser(browser.base).get("/api/v1/companies");
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.headers().firstValue("Content-Security-Policy")).isEmpty();
    assertThat(new Browser(browser.base).get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void a_person_disabled_while_signed_in_is_signed_out_at_the_next_request() {
    people.add("alice", Role.ADMIN, PASSWORD.toCharArray());
    start();
    signIn(browser, "alice", PASSWORD, "/");

    people.disable("alice");

    assertThat(browser.get("/").statusCode()).isEqualTo(302);
  }

  @Test
  void a_role_changed_while_signed_in_takes_effect_at_the_next_request() {
    people.signedInWithEntra("carol@contoso.com", Role.ADMIN);
    start();
    Browser carol = new Browser(browser.base);
    carol.cookies.put(
        "kb4sync_session",
        sessions.open(StorePeople.caller("carol@contoso.com", Role.ADMIN), T0).id());
    people.signedInWithEntra("carol@contoso.com", Role.VIEWER);

    assertThat(carol.get("/").body()).isEqualTo("home of ui:carol@contoso.com viewer");
  }

  @Test
  void the_pages_may_draw_the_sign_in_form_with_their_own_template() {
    people.add("alice", Role.ADMIN, PASSWORD.toCharArray());
    WebSecurity web =
        new WebSecurity(people, sessions, log, WebSettings.none(), clock)
            .loginForm(
                (ctx, view) ->
                    ctx.result("template next=" + view.next() + " message=" + view.message()));
    app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  web.install(config);
                })
            .start("127.0.0.1", 0);
    browser = new Browser("http://127.0.0.1:" + app.port());

    assertThat(browser.get("/login?next=/held").body())
        .isEqualTo("template next=/held message=null");
    HttpResponse<String> wrong = signIn(browser, "alice", "not it at all", "/held");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo("template next=/held message=Wrong name or password.");
  }

  @Test
  void no_log_line_and_no_audit_entry_holds_a_password_a_session_id_or_a_csrf_token() {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level level = root.getLevel();
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    root.addAppender(logs);
    root.setLevel(ch.qos.logback.classic.Level.TRACE);
    try {
      people.add("alice", Role.ADMIN, PASSWORD.toCharArray());
      start();
      signIn(browser, "alice", "a wrong password", "/");
      signIn(browser, "alice", PASSWORD, "/");
      String id = browser.cookies.get("kb4sync_session");
      String token = csrf(browser);
      browser.post("/companies/1001/pause", Map.of("csrf", token));
      browser.post("/logout", Map.of("csrf", token));

      assertThat(logs.list).isNotEmpty();
      for (ch.qos.logback.classic.spi.ILoggingEvent event : logs.list) {
        assertThat(event.getFormattedMessage())
            .doesNotContain(PASSWORD, "a wrong password", id, token);
      }
      assertThat(log.between(T0, T0.plusSeconds(1)))
          .allSatisfy(
              action ->
                  assertThat(action.toString())
                      .doesNotContain(PASSWORD, "a wrong password", id, token));
    } finally {
      root.detachAppender(logs);
      root.setLevel(level);
    }
  }

  @Test
  void the_name_given_back_in_the_form_is_escaped() {
    start();

    HttpResponse<String> answer = signIn(browser, "<script>alert(1)</script>", "whatever!", "/");

    assertThat(answer.body())
        .doesNotContain("<script>")
        .contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"");
    assertThat(actions()).containsExactly("sign_in_refused ui:?");
  }
}
