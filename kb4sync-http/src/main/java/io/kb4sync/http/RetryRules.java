package io.kb4sync.http;

import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Which failures a {@link RetryingSender} tries again, within the budget of its {@link
 * HttpOptions}. A connection that could not be made is always tried again: nothing reached the
 * peer.
 *
 * @param status the answers to try again, by HTTP status (e.g. 429 and 5xx)
 * @param timeouts whether a request that got no answer within the request timeout is sent again;
 *     the peer may have acted on it, so only where acting twice does no harm (a read)
 */
public record RetryRules(IntPredicate status, boolean timeouts) {
  public RetryRules {
    Objects.requireNonNull(status, "status");
  }
}
