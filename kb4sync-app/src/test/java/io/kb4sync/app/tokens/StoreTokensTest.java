package io.kb4sync.app.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.state.TokenRecord;
import io.kb4sync.core.testing.InMemoryStateStore;
import io.kb4sync.core.testing.MovingClock;
import io.kb4sync.server.Caller;
import io.kb4sync.server.Role;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoreTokensTest {
  static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

  final InMemoryStateStore store = new InMemoryStateStore();
  final MovingClock clock = new MovingClock(T0);
  final StoreTokens tokens = new StoreTokens(store, clock);

  @Test
  void a_token_is_kb4_and_256_random_bits_in_base64url_and_never_the_same_twice() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String token = StoreTokens.newToken();
      assertThat(token).matches("kb4_[A-Za-z0-9_-]{43}");
      assertThat(Base64.getUrlDecoder().decode(token.substring(4))).hasSize(32);
      assertThat(seen.add(token)).isTrue();
    }
  }

  @Test
  void the_store_keeps_the_sha256_of_the_token_and_never_the_token() throws Exception {
    StoreTokens.Issued issued = tokens.issue("ci", Role.OPERATOR, null).orElseThrow();

    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(issued.token().getBytes(StandardCharsets.UTF_8)));
    TokenRecord stored = store.tokens().get(0);
    assertThat(stored.hash()).isEqualTo(expected);
    assertThat(stored.toString()).doesNotContain(issued.token());
    assertThat(issued.toString()).doesNotContain(issued.token());
    assertThat(stored).isEqualTo(new TokenRecord("ci", "operator", expected, T0, null, null));
  }

  @Test
  void an_issued_token_authenticates_as_its_name_and_role_with_the_api_trigger() {
    String token = tokens.issue("ci", Role.ADMIN, Duration.ofDays(90)).orElseThrow().token();

    assertThat(tokens.authenticate(token)).contains(new Caller("ci", Role.ADMIN, "api:ci"));
    assertThat(store.tokens().get(0).expires()).isEqualTo(T0.plus(Duration.ofDays(90)));
  }

  @Test
  void a_name_taken_issues_nothing() {
    tokens.issue("ci", Role.VIEWER, null).orElseThrow();

    assertThat(tokens.issue("ci", Role.ADMIN, null)).isEmpty();
    assertThat(store.tokens()).extracting(TokenRecord::role).containsExactly("viewer");
  }

  @Test
  void unknown_altered_foreign_and_overlong_tokens_authenticate_nobody() {
    String token = tokens.issue("ci", Role.ADMIN, null).orElseThrow().token();
    char last = token.charAt(token.length() - 1);
    String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThat(tokens.authenticate(altered)).isEmpty();
    assertThat(tokens.authenticate(StoreTokens.newToken())).isEmpty();
    assertThat(tokens.authenticate(token.substring(4))).isEmpty();
    assertThat(tokens.authenticate(token + "x".repeat(100))).isEmpty();
    assertThat(tokens.authenticate("")).isEmpty();
    assertThat(tokens.authenticate(null)).isEmpty();
  }

  @Test
  void a_token_stops_working_at_its_expiry_and_a_revoked_one_at_once() {
    String expiring =
        tokens.issue("temp", Role.VIEWER, Duration.ofMinutes(30)).orElseThrow().token();
    String revoked = tokens.issue("old", Role.VIEWER, null).orElseThrow().token();
    store.revokeToken("old");

    clock.set(T0.plus(Duration.ofMinutes(29)));
    assertThat(tokens.authenticate(expiring)).isPresent();
    clock.set(T0.plus(Duration.ofMinutes(30)));
    assertThat(tokens.authenticate(expiring)).isEmpty();
    assertThat(tokens.authenticate(revoked)).isEmpty();
  }

  @Test
  void the_last_use_is_recorded_at_most_once_a_minute() {
    String token = tokens.issue("ci", Role.VIEWER, null).orElseThrow().token();

    clock.set(T0.plusSeconds(10));
    tokens.authenticate(token);
    clock.set(T0.plusSeconds(50));
    tokens.authenticate(token);
    assertThat(store.tokens().get(0).lastUsed()).isEqualTo(T0.plusSeconds(10));
    clock.set(T0.plusSeconds(70));
    tokens.authenticate(token);
    assertThat(store.tokens().get(0).lastUsed()).isEqualTo(T0.plusSeconds(70));
  }

  @Test
  void a_store_that_cannot_record_the_use_still_lets_the_call_through() {
    StateStore failingUse =
        (StateStore)
            Proxy.newProxyInstance(
                StateStore.class.getClassLoader(),
                new Class<?>[] {StateStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("tokenUsed")) {
                    throw new IllegalStateException("database is locked");
                  }
                  try {
                    return method.invoke(store, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    StoreTokens over = new StoreTokens(failingUse, clock);
    String token = over.issue("ci", Role.VIEWER, null).orElseThrow().token();

    assertThat(over.authenticate(token)).isPresent();
  }
}
