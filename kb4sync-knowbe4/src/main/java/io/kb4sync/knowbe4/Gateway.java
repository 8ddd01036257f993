package io.kb4sync.knowbe4;

import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.remote.RemoteException.Kind;
import io.kb4sync.http.Answer;
import io.kb4sync.http.Attempt;
import io.kb4sync.http.Gate;
import io.kb4sync.http.HttpFailure;
import io.kb4sync.http.Redactor;
import io.kb4sync.http.Request;
import io.kb4sync.http.RetryRule;
import io.kb4sync.http.RetryingSender;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is KnowBe4's own about one surface (SCIM or Reporting) on the way to the wire: the
 * credentials, the pacing ({@link Pacing}, the gate of every attempt), the translation of answers
 * through {@link RemoteErrors}, and duplicate-safe creates. Sending, timeouts and retries (429, 5xx
 * and timeouts, honouring {@code Retry-After}; {@link ClientTuning#retry()}) are kb4sync-http's.
 *
 * <p>Retrying is safe for reads and for idempotent writes (PATCH, DELETE). A create is not
 * idempotent: {@link #create} looks the resource up before any retry that follows an answer which
 * may hide an applied write, so no retry ever makes a duplicate.
 */
final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

  private final RetryingSender http;
  private final RetryRule retry;
  private final String authorization;
  private final String mediaType;
  private final RemoteErrors errors;
  private final ClientTuning tuning;
  private final java.util.concurrent.atomic.AtomicLong attempts =
      new java.util.concurrent.atomic.AtomicLong();

  Gateway(
      String secret, String mediaType, Pacing pacing, RemoteErrors errors, ClientTuning tuning) {
    this.authorization = "Bearer " + secret;
    this.mediaType = mediaType;
    this.errors = errors;
    this.tuning = tuning;
    this.retry = tuning.retry();
    this.http =
        RetryingSender.builder(errors.system())
            .transport(tuning.transport())
            .redactor(new Redactor(List.of(secret)))
            .naming(RetryingSender.Naming.METHOD_AND_PATH)
            .gate(request -> pace(pacing, request))
            .build();
  }

  RemoteErrors errors() {
    return errors;
  }

  /** Attempts put on the wire so far (retries included): what a server counts against a budget. */
  long attempts() {
    return attempts.get();
  }

  /** Sends with retries; returns only successful answers. */
  ApiResponse send(ApiRequest request) {
    return exchange(request, retry);
  }

  /** One attempt, not repeated. Successful answers only. */
  ApiResponse sendOnce(ApiRequest request) {
    return exchange(request, retry.withMaxAttempts(1));
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
    // Retried like an idempotent request: the lookup before each retry makes it one.
    Attempt.Result<T> result =
        http.retrying(
            retry,
            wire(request).idempotent(true),
            attempt -> {
              try {
                return new Attempt.Done<>(createOnce(request, parse, lookup, mayHaveApplied));
              } catch (RemoteException e) {
                if (e.kind() == Kind.THROTTLED || e.kind() == Kind.UNAVAILABLE) {
                  return new Attempt.Transient<>(e, e.retryAfter());
                }
                throw e;
              }
            });
    if (result instanceof Attempt.Done<T> done) {
      return done.value();
    }
    if (result instanceof Attempt.Transient<T> passing) {
      throw passing.error();
    }
    throw errors.interrupted(request);
  }

  private <T> T createOnce(
      ApiRequest request,
      Function<ApiResponse, T> parse,
      Supplier<Optional<T>> lookup,
      AtomicBoolean mayHaveApplied) {
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
  }

  private ApiResponse exchange(ApiRequest request, RetryRule rule) {
    Answer answer;
    try {
      answer = http.exchange(wire(request), rule);
    } catch (HttpFailure e) {
      throw translate(request, e);
    }
    ApiResponse response =
        new ApiResponse(
            answer.status(),
            answer.body(),
            answer.retryAfter(),
            answer.header("X-Request-Id").orElse(null));
    RemoteException failure = errors.check(request, response);
    if (failure != null) {
      throw failure;
    }
    return response;
  }

  private RemoteException translate(ApiRequest request, HttpFailure failure) {
    switch (failure.kind()) {
      case TIMEOUT:
        return errors.timeout(request, tuning.requestTimeout());
      case INTERRUPTED:
      case INTERRUPTED_WAITING:
        return errors.interrupted(request);
      case TOO_LARGE:
      case DEADLINE:
        return errors.badResponse(request, failure.getMessage());
      default:
        return errors.unreachable(
            request, failure.getCause() instanceof IOException cause ? cause : failure);
    }
  }

  private Gate.Permit pace(Pacing pacing, Request request) throws InterruptedException {
    Gate.Permit permit = pacing.acquire(!"GET".equals(request.method()));
    if (permit != null) {
      attempts.incrementAndGet();
    }
    if (permit == null) {
      throw new RemoteException(
          Kind.THROTTLED,
          errors.system(),
          errors.system()
              + " "
              + request.method()
              + " "
              + request.uri().getRawPath()
              + ": client-side pacing waited longer than "
              + Pacing.MAX_PACING_WAIT.toMinutes()
              + " min");
    }
    return permit;
  }

  /** PATCH and DELETE are idempotent here (replace, add or remove the same values again). */
  private Request wire(ApiRequest request) {
    Request wire =
        Request.of(request.method(), request.uri())
            .header("Authorization", authorization)
            .header("Accept", mediaType)
            .idempotent(!request.method().equals("POST"));
    return request.body() == null
        ? wire
        : wire.header("Content-Type", mediaType).body(request.body());
  }
}
