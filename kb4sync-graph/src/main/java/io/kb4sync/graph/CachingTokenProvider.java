package io.kb4sync.graph;

import io.kb4sync.http.AccessToken;
import io.kb4sync.http.TokenCache;
import io.kb4sync.http.TokenKey;
import java.time.Clock;

/**
 * A tenant's tokens through the one {@link TokenCache}, keyed by login host, tenant, client, scope
 * and credential: a read of many pages asks for one token, Graph sendMail and other reads of the
 * same app and tenant share it, and a read that outlives it renews it between pages.
 *
 * @param source where a token comes from when the cache has none fresh enough
 */
record CachingTokenProvider(TokenProvider source, TokenCache cache, TokenKey key, Clock clock)
    implements TokenProvider {

  /** The provider of {@code settings}' tokens: keyed by what they are good for. */
  static CachingTokenProvider of(
      TokenProvider source, TokenCache cache, GraphSettings settings, Clock clock) {
    TokenKey key =
        TokenKey.of(
            settings.effectiveLoginUrl().toString(),
            settings.tenantId(),
            settings.clientId(),
            settings.scope(),
            settings.usesCertificate()
                ? "certificate " + settings.certificatePath().toAbsolutePath()
                : settings.clientSecret());
    return new CachingTokenProvider(source, cache, key, clock);
  }

  @Override
  public AccessToken token() {
    return cache.get(key, clock, source::token);
  }

  /** Graph refused this token (revoked, or cached from elsewhere): the next one is fetched anew. */
  void refused(AccessToken token) {
    cache.forget(key, token);
  }
}
