package io.kb4sync.graph;

import java.time.Clock;
import java.time.Duration;

/**
 * Keeps a token until shortly before it expires, so that a read of many pages asks for one token,
 * and a read that outlives the token renews it between pages instead of failing with 401.
 */
final class CachingTokenProvider implements TokenProvider {

  /** Renew this long before expiry: clocks drift, and a page request takes time. */
  static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

  private final TokenProvider source;
  private final Clock clock;
  private AccessToken cached;

  CachingTokenProvider(TokenProvider source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  @Override
  public synchronized AccessToken token() {
    if (cached == null || !clock.instant().plus(REFRESH_MARGIN).isBefore(cached.expiresAt())) {
      cached = source.token();
    }
    return cached;
  }
}
