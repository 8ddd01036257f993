package io.kb4sync.graph;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The adapter's single choke point for HTTP: every Graph and token request goes through {@link
 * #send}, which repeats it under the {@link RetryPolicy} and hands back the final answer. It never
 * translates statuses itself; {@link GraphErrors} does.
 */
final class RetryingHttp {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingHttp.class);

  private final HttpClient client;
  private final RetryPolicy policy;

  RetryingHttp(HttpClient client, RetryPolicy policy) {
    this.client = client;
    this.policy = policy;
  }

  /**
   * Sends the request, repeating it on 429, 503, 504 and on connection errors and timeouts.
   *
   * @param request builds each attempt anew (so a token refreshed meanwhile is picked up)
   * @param system who is called, for messages
   * @return the last answer: a success, a status that is not retried, or the last retryable status
   *     once the policy is exhausted
   * @throws io.kb4sync.core.remote.RemoteException UNAVAILABLE when no answer came at all
   */
  HttpResponse<String> send(Supplier<HttpRequest> request, String system, String tenant) {
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      HttpRequest built = request.get();
      URI url = built.uri();
      HttpResponse<String> response;
      try {
        response = client.send(built, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        Optional<Duration> wait = policy.nextWait(attempt, waited, Optional.empty());
        if (wait.isEmpty()) {
          throw GraphErrors.unreachable(system, tenant, built.method(), url, e);
        }
        LOG.atLevel(levelOf(wait.get()))
            .log(
                "{} not reachable for tenant {} ({}); retrying in {} ms (attempt {} of {})",
                system,
                tenant,
                e.getClass().getSimpleName(),
                wait.get().toMillis(),
                attempt + 1,
                policy.maxAttempts());
        waited = waited.plus(wait.get());
        pause(wait.get(), system, tenant);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw GraphErrors.interrupted(system, tenant);
      }
      if (!isRetryable(response.statusCode())) {
        return response;
      }
      Optional<Duration> wait = policy.nextWait(attempt, waited, retryAfter(response));
      if (wait.isEmpty()) {
        return response;
      }
      LOG.atLevel(levelOf(wait.get()))
          .log(
              "{} answered {} for tenant {}; retrying in {} ms (attempt {} of {})",
              system,
              response.statusCode(),
              tenant,
              wait.get().toMillis(),
              attempt + 1,
              policy.maxAttempts());
      waited = waited.plus(wait.get());
      pause(wait.get(), system, tenant);
    }
  }

  /**
   * Long waits are told at WARN, so a technician watching stderr sees why a run pauses; short ones
   * stay at INFO.
   */
  static Level levelOf(Duration wait) {
    return wait.compareTo(Duration.ofSeconds(5)) >= 0 ? Level.WARN : Level.INFO;
  }

  /** Graph's throttling guidance: 429 always, 503 and 504 too (microsoft-graph.md §7). */
  static boolean isRetryable(int status) {
    return status == 429 || status == 503 || status == 504;
  }

  /** {@code Retry-After} in seconds (what Graph sends) or, defensively, as an HTTP date. */
  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    if (value.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration until = Duration.between(ZonedDateTime.now(when.getZone()), when);
      return Optional.of(until.isNegative() ? Duration.ZERO : until);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private void pause(Duration wait, String system, String tenant) {
    try {
      policy.sleeper().sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GraphErrors.interrupted(system, tenant);
    }
  }
}
