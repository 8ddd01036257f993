package io.kb4sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final TokenCache cache = new TokenCache();
  private final AtomicInteger fetched = new AtomicInteger();

  private AccessToken fetch(Duration lifetime) {
    return new AccessToken("token-" + fetched.incrementAndGet(), NOW.plus(lifetime));
  }

  private static TokenKey key(String tenant, String secret) {
    return TokenKey.of(
        "https://login.microsoftonline.com/",
        tenant,
        "client",
        "https://graph.microsoft.com/.default",
        secret);
  }

  @Test
  void a_token_is_kept_for_its_key_until_shortly_before_it_expires() {
    TokenKey key = key("acme.onmicrosoft.com", "s3cr3t");

    AccessToken first = cache.get(key, CLOCK, () -> fetch(Duration.ofHours(1)));
    AccessToken again = cache.get(key, CLOCK, () -> fetch(Duration.ofHours(1)));

    assertThat(again).isSameAs(first);
    assertThat(fetched).hasValue(1);
  }

  @Test
  void a_token_within_the_refresh_margin_of_expiry_is_renewed() {
    TokenKey key = key("acme.onmicrosoft.com", "s3cr3t");
    cache.get(key, CLOCK, () -> fetch(TokenCache.REFRESH_MARGIN));

    AccessToken renewed = cache.get(key, CLOCK, () -> fetch(Duration.ofHours(1)));

    assertThat(renewed.value()).isEqualTo("token-2");
    Clock later = Clock.offset(CLOCK, Duration.ofMinutes(54).plusSeconds(59));
    assertThat(cache.get(key, later, () -> fetch(Duration.ofHours(1)))).isSameAs(renewed);
    Clock tooLate = Clock.offset(CLOCK, Duration.ofMinutes(55));
    assertThat(cache.get(key, tooLate, () -> fetch(Duration.ofHours(1))).value())
        .isEqualTo("token-3");
  }

  @Test
  void authority_tenant_client_scope_and_credential_each_make_a_key_of_their_own() {
    TokenKey base = key("acme.onmicrosoft.com", "s3cr3t");

    assertThat(
            TokenKey.of(
                "https://LOGIN.microsoftonline.com",
                "ACME.onmicrosoft.com",
                "client",
                "https://graph.microsoft.com/.default",
                "s3cr3t"))
        .isEqualTo(base);
    assertThat(key("other.onmicrosoft.com", "s3cr3t")).isNotEqualTo(base);
    assertThat(key("acme.onmicrosoft.com", "wrong")).isNotEqualTo(base);
    assertThat(
            TokenKey.of(
                "https://login.microsoftonline.us",
                "acme.onmicrosoft.com",
                "client",
                "https://graph.microsoft.com/.default",
                "s3cr3t"))
        .isNotEqualTo(base);
    assertThat(
            TokenKey.of(
                "https://login.microsoftonline.com",
                "acme.onmicrosoft.com",
                "other",
                "https://graph.microsoft.com/.default",
                "s3cr3t"))
        .isNotEqualTo(base);
    assertThat(
            TokenKey.of(
                "https://login.microsoftonline.com",
                "acme.onmicrosoft.com",
                "client",
                "https://graph.microsoft.us/.default",
                "s3cr3t"))
        .isNotEqualTo(base);
    assertThat(base.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void a_forgotten_token_is_fetched_anew_but_a_replaced_one_is_not_dropped() {
    TokenKey key = key("acme.onmicrosoft.com", "s3cr3t");
    AccessToken first = cache.get(key, CLOCK, () -> fetch(Duration.ofHours(1)));

    cache.forget(key, first);
    AccessToken second = cache.get(key, CLOCK, () -> fetch(Duration.ofHours(1)));
    cache.forget(key, first);

    assertThat(second.value()).isEqualTo("token-2");
    assertThat(cache.get(key, CLOCK, () -> fetch(Duration.ofHours(1)))).isSameAs(second);
  }

  @Test
  void a_failed_fetch_caches_nothing() {
    TokenKey key = key("acme.onmicrosoft.com", "s3cr3t");

    assertThatThrownBy(
            () ->
                cache.get(
                    key,
                    CLOCK,
                    () -> {
                      throw new IllegalStateException("refused");
                    }))
        .hasMessage("refused");
    assertThat(cache.get(key, CLOCK, () -> fetch(Duration.ofHours(1))).value())
        .isEqualTo("token-1");
  }

  @Test
  void the_shared_cache_is_one() {
    assertThat(TokenCache.shared()).isSameAs(TokenCache.shared());
  }

  @Test
  void an_access_token_never_shows_its_value() {
    assertThat(new AccessToken("eyJ0eXAi-secret-token", Instant.EPOCH).toString())
        .doesNotContain("eyJ0eXAi-secret-token");
  }
}
