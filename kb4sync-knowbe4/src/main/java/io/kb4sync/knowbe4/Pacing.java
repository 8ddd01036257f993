package io.kb4sync.knowbe4;

import io.kb4sync.http.Gate;
import java.time.Duration;

/**
 * Client-side pacing applied to every attempt before it goes on the wire (the {@link Gate} of a
 * surface's sender), so the server rarely has to say 429. A permit is held only while one request
 * is in flight, never across a backoff.
 */
interface Pacing {

  /**
   * Waits until the request may be sent.
   *
   * @param write whether it changes state (writes are paced and bounded; reads pass on SCIM)
   * @return the permit, or null when pacing waited longer than it allows (the caller reports this
   *     as throttling)
   */
  Gate.Permit acquire(boolean write) throws InterruptedException;

  /** The most any caller waits for a rate permit before giving up. */
  Duration MAX_PACING_WAIT = Duration.ofMinutes(15);
}
