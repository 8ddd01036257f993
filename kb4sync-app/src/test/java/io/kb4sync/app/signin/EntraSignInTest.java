package io.kb4sync.app.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.kb4sync.core.testing.InMemoryStateStore;
import io.kb4sync.core.testing.MovingClock;
import io.kb4sync.server.Role;
import io.kb4sync.server.web.AdminAction;
import io.kb4sync.server.web.EntraSettings;
import io.kb4sync.server.web.Person;
import io.kb4sync.server.web.WebSecurity;
import io.kb4sync.server.web.WebSettings;
import io.kb4sync.simulators.signin.IdentityProviderSimulator;
import io.kb4sync.simulators.signin.IdentityProviderSimulator.IdTokenFault;
import io.kb4sync.simulators.signin.SignInUser;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sign-in with Entra ID against the simulated identity provider, both on real HTTP on loopback: the
 * whole authorization code flow with PKCE, and each way an answer can be wrong.
 */
class EntraSignInTest {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  static final String TENANT = "11111111-2222-3333-4444-555555555555";
  static final String CLIENT = "kb4sync-dashboard";
  static final String SECRET = "sim-client-secret-value";
  static final SignInUser CAROL =
      new SignInUser("Carol@Contoso.com", "oid-carol", List.of("kb4sync.admin"), List.of());

  final MovingClock clock = new MovingClock(T0);
  final InMemoryStateStore store = new InMemoryStateStore();
  final StorePeople people = new StorePeople(store, clock);
  final StoreAdminLog log = new StoreAdminLog(store);
  IdentityProviderSimulator idp;
  Javalin app;
  Browser browser;

  @BeforeEach
  void start() {
    idp = IdentityProviderSimulator.start(TENANT, CLIENT, SECRET, clock);
    start(SECRET);
  }

  void start(String secret) {
    if (app != null) {
      app.stop();
    }
    EntraSettings entra =
        new EntraSettings(
            TENANT,
            CLIENT,
            secret,
            Map.of(
                Role.ADMIN, List.of("kb4sync.admin"),
                Role.OPERATOR, List.of("group-ops"),
                Role.VIEWER, List.of("group-all")),
            idp.baseUri());
    WebSecurity web =
        new WebSecurity(
            people,
            new StoreSessions(store, Duration.ofMinutes(30), Duration.ofHours(12)),
            log,
            new WebSettings(null, List.of(), entra),
            clock,
            new SenderOidcHttp());
    app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  web.install(config);
                  config.routes.get(
                      "/*",
                      ctx ->
                          ctx.result(
                              WebSecurity.session(ctx)
                                  .map(s -> s.caller().trigger() + " " + s.caller().role().id())
                                  .orElse("nobody")));
                })
            .start("127.0.0.1", 0);
    browser = new Browser("http://127.0.0.1:" + app.port());
  }

  @AfterEach
  void stop() {
    app.stop();
    idp.close();
  }

  /** The browser's way to our callback: our start, then the identity provider's authorize. */
  String callbackUrl(String next) {
    HttpResponse<String> start = browser.get("/auth/entra?next=" + next);
    assertThat(start.statusCode()).isEqualTo(302);
    HttpResponse<String> authorize = browser.get(Browser.location(start));
    assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
    return Browser.location(authorize);
  }

  List<String> actions() {
    return log.between(T0.minusSeconds(1), T0.plusSeconds(3600)).stream()
        .map(a -> a.action() + " " + a.actor())
        .toList();
  }

  @Test
  void the_whole_flow_signs_in_a_person_with_an_app_role_and_records_them() {
    idp.signIn(CAROL);

    HttpResponse<String> start = browser.get("/auth/entra?next=/companies");
    URI authorize = URI.create(Browser.location(start));
    Map<String, String> query = query(authorize);
    assertThat(authorize.toString())
        .startsWith(idp.baseUri() + "/" + TENANT + "/oauth2/v2.0/authorize?");
    assertThat(query)
        .containsEntry("client_id", CLIENT)
        .containsEntry("response_type", "code")
        .containsEntry("code_challenge_method", "S256")
        .containsEntry("redirect_uri", browser.base + "/auth/callback")
        .containsKeys("state", "nonce", "code_challenge");
    assertThat(query.get("state")).matches("[A-Za-z0-9_-]{43}");
    assertThat(authorize.toString()).doesNotContain(SECRET);
    assertThat(Browser.setCookie(start, "kb4sync_oidc"))
        .contains("HttpOnly")
        .contains("Max-Age=600")
        .doesNotContain(query.get("nonce"));

    HttpResponse<String> back = browser.get(Browser.location(browser.get(authorize.toString())));

    assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
    assertThat(Browser.location(back)).isEqualTo("/companies");
    assertThat(browser.cookies).containsKey("kb4sync_session").doesNotContainKey("kb4sync_oidc");
    assertThat(browser.get("/companies").body()).isEqualTo("ui:carol@contoso.com admin");
    assertThat(people.list())
        .containsExactly(new Person("carol@contoso.com", Role.ADMIN, "entra", false, T0, T0));
    assertThat(log.between(T0, T0.plusSeconds(1)))
        .extracting(AdminAction::action, AdminAction::detail)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("sign_in", "entra from 127.0.0.1"));
    assertThat(idp.tokenRequests()).isEqualTo(1);
  }

  @Test
  void groups_give_the_highest_role_they_earn() {
    idp.signIn(
        new SignInUser(
            "dave@contoso.com", "oid-dave", List.of(), List.of("group-all", "group-ops", "other")));

    browser.get(callbackUrl("/"));

    assertThat(browser.get("/").body()).isEqualTo("ui:dave@contoso.com operator");
  }

  @Test
  void a_person_without_any_role_is_refused_with_a_page_that_says_so() {
    idp.signIn(new SignInUser("eve@contoso.com", "oid-eve", List.of("other.role"), List.of("g-x")));

    HttpResponse<String> back = browser.get(callbackUrl("/"));

    assertThat(back.statusCode()).isEqualTo(403);
    assertThat(back.body()).contains("eve@contoso.com has no role in kb4sync");
    assertThat(browser.cookies).doesNotContainKey("kb4sync_session");
    assertThat(people.list()).isEmpty();
    assertThat(actions()).containsExactly("sign_in_refused ui:eve@contoso.com");
  }

  @ParameterizedTest
  @EnumSource(
      value = IdTokenFault.class,
      names = {
        "TAMPERED",
        "UNKNOWN_KEY",
        "WRONG_AUDIENCE",
        "WRONG_ISSUER",
        "WRONG_NONCE",
        "EXPIRED"
      })
  void an_id_token_that_is_wrong_in_any_way_is_refused(IdTokenFault fault) {
    idp.signIn(CAROL).nextIdToken(fault);

    HttpResponse<String> back = browser.get(callbackUrl("/"));

    assertThat(back.statusCode()).isEqualTo(403);
    assertThat(back.body()).contains("the ID token is not valid");
    assertThat(browser.cookies).doesNotContainKey("kb4sync_session");
    assertThat(browser.get("/").statusCode()).isEqualTo(302);
    assertThat(people.list()).isEmpty();
    // Refused before the token proved anyone: the server's log only, not the admin log.
    assertThat(actions()).isEmpty();
  }

  @Test
  void a_state_is_taken_once_so_a_replayed_callback_is_refused() {
    idp.signIn(CAROL);
    HttpResponse<String> start = browser.get("/auth/entra?next=/");
    String flow = browser.cookies.get("kb4sync_oidc");
    String callback = Browser.location(browser.get(Browser.location(start)));
    assertThat(browser.get(callback).statusCode()).isEqualTo(303);

    Browser replay = new Browser(browser.base);
    replay.cookies.put("kb4sync_oidc", flow);
    HttpResponse<String> again = replay.get(callback);

    assertThat(again.statusCode()).isEqualTo(403);
    assertThat(again.body()).contains("this sign-in has already been used");
    assertThat(replay.cookies).doesNotContainKey("kb4sync_session");
  }

  @Test
  void a_callback_without_the_flow_cookie_or_with_another_state_is_refused() {
    idp.signIn(CAROL);
    String callback = callbackUrl("/");

    Browser stranger = new Browser(browser.base);
    assertThat(stranger.get(callback).statusCode()).isEqualTo(403);

    String otherState = callback.replaceAll("state=[^&]+", "state=" + "A".repeat(43));
    HttpResponse<String> wrong = browser.get(otherState);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).contains("did not start here");
    assertThat(idp.tokenRequests()).isZero();
  }

  @Test
  void callbacks_that_anyone_can_send_leave_the_admin_log_alone() {
    for (int i = 0; i < 50; i++) {
      assertThat(browser.get("/auth/callback?error=access_denied" + i).statusCode()).isEqualTo(403);
    }
    assertThat(new Browser(browser.base).get("/auth/callback?state=x&code=y").statusCode())
        .isEqualTo(403);

    assertThat(actions()).isEmpty();
    assertThat(idp.tokenRequests()).isZero();
  }

  @Test
  void a_sign_in_that_took_longer_than_ten_minutes_is_refused() {
    idp.signIn(CAROL);
    String callback = callbackUrl("/");

    clock.advance(Duration.ofMinutes(10));

    assertThat(browser.get(callback).statusCode()).isEqualTo(403);
  }

  @Test
  void a_wrong_client_secret_is_refused_by_the_token_endpoint_and_the_sign_in_with_it() {
    start("not-the-secret");
    idp.signIn(CAROL);

    HttpResponse<String> back = browser.get(callbackUrl("/"));

    assertThat(back.statusCode()).isEqualTo(403);
    assertThat(back.body()).contains("the token endpoint answered 401 invalid_client");
    assertThat(back.body()).doesNotContain("not-the-secret");
  }

  @Test
  void a_disabled_entra_account_cannot_sign_in_again() {
    idp.signIn(CAROL);
    browser.get(callbackUrl("/"));
    people.disable("carol@contoso.com");
    Browser later = new Browser(browser.base);
    browser = later;

    HttpResponse<String> back = browser.get(callbackUrl("/"));

    assertThat(back.statusCode()).isEqualTo(403);
    assertThat(back.body()).contains("is disabled in kb4sync");
  }

  @Test
  void next_after_entra_goes_only_to_a_local_path() {
    idp.signIn(CAROL);

    HttpResponse<String> back = browser.get(callbackUrl("https://evil.example/"));

    assertThat(Browser.location(back)).isEqualTo("/");
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      values.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return values;
  }
}
