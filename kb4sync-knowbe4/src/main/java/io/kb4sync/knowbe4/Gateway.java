package io.kb4sync.knowbe4;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.remote.RemoteException.Kind;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The choke point of one KnowBe4 surface (SCIM or Reporting): every request passes here once per
 * attempt. It adds the credentials, applies pacing (rate limits and the bound on writes in flight),
 * enforces the request timeout, translates answers through {@link RemoteErrors}, and retries 429,
 * 5xx and timeouts with backoff that honours {@code Retry-After}.
 *
 * <p>Retrying is safe for reads and for idempotent writes (PATCH, DELETE). A create is not
 * idempotent: {@link #create} looks the resource up before any retry that follows an answer which
 * may hide an applied write, so no retry ever makes a duplicate.
 */
final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final HttpClient http;
  private final String authorization;
  private final String mediaType;
  private final Pacing pacing;
  private final RemoteErrors errors;
  private final ClientTuning tuning;
  private final Retry retry;

  Gateway(
      HttpClient http,
      String secret,
      String mediaType,
      Pacing pacing,
      RemoteErrors errors,
      ClientTuning tuning) {
    this.http = http;
    this.authorization = "Bearer " + secret;
    this.mediaType = mediaType;
    this.pacing = pacing;
    this.errors = errors;
    this.tuning = tuning;
    this.retry = Retry.of(errors.system(), retryConfig(tuning));
    this.retry
        .getEventPublisher()
        .onRetry(
            event ->
                LOG.debug(
                    "{}; retry {} of {} in {} ms",
                    event.getLastThrowable() == null
                        ? errors.system()
                        : event.getLastThrowable().getMessage(),
                    event.getNumberOfRetryAttempts(),
                    tuning.maxAttempts() - 1,
                    event.getWaitInterval().toMillis()));
  }

  RemoteErrors errors() {
    return errors;
  }

  /** Sends with retries; returns only successful answers. */
  ApiResponse send(ApiRequest request) {
    return retrying(() -> sendOnce(request));
  }

  /** Runs attempts until one succeeds, the failure is not transient, or attempts run out. */
  <T> T retrying(Supplier<T> attempt) {
    return retry.executeSupplier(attempt);
  }

  /**
   * Sends a create. When an attempt ends in an answer that may hide an applied write (timeout, lost
   * connection, 5xx), the next attempt first asks {@code lookup}; when the server says 409, {@code
   * lookup} is asked at once. What it finds is the result.
   *
   * @param lookup one unretried search for the resource by its unique name
   */
  <T> T create(ApiRequest request, Function<ApiResponse, T> parse, Supplier<Optional<T>> lookup) {
    AtomicBoolean mayHaveApplied = new AtomicBoolean();
    return retrying(
        () -> {
          if (mayHaveApplied.get()) {
            Optional<T> found = lookup.get();
            if (found.isPresent()) {
              LOG.debug(
                  "{} {}: found after an uncertain answer; not sending it again",
                  errors.system(),
                  request.label());
              return found.get();
            }
          }
          try {
            return parse.apply(sendOnce(request));
          } catch (RemoteException e) {
            if (e.kind() == Kind.CONFLICT) {
              // It exists: made by an earlier attempt of ours, or before this run.
              return lookup.get().orElseThrow(() -> e);
            }
            if (e.kind() == Kind.UNAVAILABLE) {
              mayHaveApplied.set(true);
            }
            throw e;
          }
        });
  }

  /** One attempt: pacing, the request, translation. Successful answers only. */
  ApiResponse sendOnce(ApiRequest request) {
    HttpRequest httpRequest = build(request);
    try {
      HttpResponse<String> answer;
      Pacing.Permit permit = acquire(request);
      try {
        answer = http.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } finally {
        permit.close();
      }
      ApiResponse response =
          new ApiResponse(
              answer.statusCode(),
              answer.body(),
              answer.headers().firstValue("Retry-After").flatMap(Gateway::retryAfter),
              answer.headers().firstValue("X-Request-Id").orElse(null));
      RemoteException failure = errors.check(request, response);
      if (failure != null) {
        throw failure;
      }
      return response;
    } catch (HttpTimeoutException e) {
      throw errors.timeout(request, tuning.requestTimeout());
    } catch (IOException e) {
      throw errors.unreachable(request, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw errors.interrupted(request);
    }
  }

  private Pacing.Permit acquire(ApiRequest request) throws InterruptedException {
    Pacing.Permit permit = pacing.acquire(request);
    if (permit == null) {
      throw new RemoteException(
          Kind.THROTTLED,
          errors.system(),
          errors.system()
              + " "
              + request.label()
              + ": client-side pacing waited longer than "
              + Pacing.MAX_PACING_WAIT.toMinutes()
              + " min");
    }
    return permit;
  }

  private HttpRequest build(ApiRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(tuning.requestTimeout())
            .header("Authorization", authorization)
            .header("Accept", mediaType)
            .header("User-Agent", "kb4sync");
    if (request.body() != null) {
      builder
          .header("Content-Type", mediaType)
          .method(
              request.method(),
              HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
    } else {
      builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
    }
    return builder.build();
  }

  private static RetryConfig retryConfig(ClientTuning tuning) {
    IntervalBiFunction<Object> interval =
        (attempt, outcome) -> waitMillis(tuning, attempt, outcome);
    return RetryConfig.custom()
        .maxAttempts(tuning.maxAttempts())
        .retryOnException(e -> retryable(e, tuning))
        .intervalBiFunction(interval)
        .build();
  }

  private static boolean retryable(Throwable failure, ClientTuning tuning) {
    if (Thread.currentThread().isInterrupted() || !(failure instanceof RemoteException e)) {
      return false;
    }
    if (e.kind() != Kind.THROTTLED && e.kind() != Kind.UNAVAILABLE) {
      return false;
    }
    // A server asking for a longer pause than we are willing to wait ends the call now.
    return e.retryAfter().map(wait -> wait.compareTo(tuning.maxRetryAfter()) <= 0).orElse(true);
  }

  /** The server's {@code Retry-After} when it named one, else jittered exponential backoff. */
  private static long waitMillis(
      ClientTuning tuning, int attempt, Either<Throwable, Object> outcome) {
    if (outcome.isLeft() && outcome.getLeft() instanceof RemoteException e) {
      Optional<Duration> asked = e.retryAfter();
      if (asked.isPresent()) {
        return asked.get().toMillis();
      }
    }
    long base = tuning.initialBackoff().toMillis();
    long ceiling = tuning.maxBackoff().toMillis();
    long exponential = Math.min(ceiling, base << Math.min(20, Math.max(0, attempt - 1)));
    // Full jitter on the upper half: concurrent callers that failed together retry apart.
    return exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
  }

  /** {@code Retry-After} in seconds or as an HTTP date (RFC 9110 §10.2.3). */
  static Optional<Duration> retryAfter(String value) {
    String text = value.trim();
    try {
      long seconds = Long.parseLong(text);
      return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
