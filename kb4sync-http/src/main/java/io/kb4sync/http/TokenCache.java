package io.kb4sync.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The one cache of client-credentials tokens: Entra tokens for Graph reads and Graph sendMail, and
 * the tokens of PSAs that sign in with OAuth (HaloPSA), keyed by {@link TokenKey}. A token is kept
 * until {@link #REFRESH_MARGIN} before it expires, so that a read of many pages asks for one token
 * and a read that outlives its token renews it between requests instead of failing with 401.
 * Callers for the same key wait for one another: one token request at a time per key.
 */
public final class TokenCache {
  /** Renew this long before expiry: clocks drift, and a request takes time. */
  public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

  private static final TokenCache SHARED = new TokenCache();

  private final Map<TokenKey, Slot> slots = new ConcurrentHashMap<>();

  /** A cache of its own (tests, or an application that scopes tokens itself). */
  public TokenCache() {}

  /** The cache every adapter of this process uses unless given another. */
  public static TokenCache shared() {
    return SHARED;
  }

  /**
   * A token for {@code key} valid for more than {@link #REFRESH_MARGIN} by {@code clock}, from the
   * cache or else from {@code fetch} (which may throw; nothing is then cached).
   */
  public AccessToken get(TokenKey key, Clock clock, Supplier<AccessToken> fetch) {
    Slot slot = slots.computeIfAbsent(Objects.requireNonNull(key, "key"), k -> new Slot());
    synchronized (slot) {
      AccessToken token = slot.token;
      if (token == null || !clock.instant().plus(REFRESH_MARGIN).isBefore(token.expiresAt())) {
        token = Objects.requireNonNull(fetch.get(), "fetched token");
        slot.token = token;
      }
      return token;
    }
  }

  /** Drops {@code refused} (a token the server no longer takes), unless already replaced. */
  public void forget(TokenKey key, AccessToken refused) {
    Slot slot = slots.get(key);
    if (slot != null) {
      synchronized (slot) {
        if (slot.token != null && slot.token.value().equals(refused.value())) {
          slot.token = null;
        }
      }
    }
  }

  private static final class Slot {
    private AccessToken token;
  }
}
