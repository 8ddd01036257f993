package io.kb4sync.http;

import io.kb4sync.core.remote.RemoteException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one choke point of an HTTP client: sends with timeouts and no redirects, retries what the
 * caller's {@link RetryRules} allow (honouring {@code Retry-After}, bounded by {@link
 * HttpOptions}), and turns every failure into a {@link RemoteException} whose one-line message
 * names the system and the host and carries no secret.
 */
public final class RetryingSender {
  private static final int SNIPPET = 200;
  private static final int MESSAGE = 400;

  /** What a failure message says about the request besides its host. */
  public enum Naming {
    /** {@code HTTP 502 from host}: for endpoints whose path is a secret (webhooks). */
    HOST,
    /** {@code HTTP 401 for POST /v1.0/Tickets at host}: for APIs whose paths say what failed. */
    METHOD_AND_PATH
  }

  /** An answer: the status and the body. */
  public record Response(int status, String body) {
    /** A 2xx answer. */
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final String system;
  private final HttpClient client;
  private final HttpOptions options;
  private final Sleeper sleeper;
  private final Naming naming;
  private volatile Redactor redactor;

  /**
   * @param system what every message starts with and {@link RemoteException#system()} says (e.g.
   *     {@code teams}, {@code Autotask})
   * @param redactor the secrets no message may show
   */
  public RetryingSender(
      String system, HttpOptions options, Sleeper sleeper, Redactor redactor, Naming naming) {
    this.system = Objects.requireNonNull(system, "system");
    this.options = Objects.requireNonNull(options, "options");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.naming = Objects.requireNonNull(naming, "naming");
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Adds a secret learnt later (e.g. a bearer token) to what messages never show. */
  public synchronized void addSecret(String secret) {
    redactor = redactor.plus(List.of(secret));
  }

  /**
   * Sends a request and returns the answer {@code success} accepts.
   *
   * @param headers sent as they are, after {@code User-Agent: kb4sync}
   * @param body null for none
   * @param moreSecrets kept out of this request's errors besides the sender's own (e.g. this
   *     request's bearer token); empty for none
   * @throws RemoteException on any other answer, after the retries {@code retry} allows
   */
  public Response send(
      String method,
      URI uri,
      Map<String, String> headers,
      String body,
      Predicate<Response> success,
      RetryRules retry,
      List<String> moreSecrets) {
    Redactor redactor = moreSecrets.isEmpty() ? this.redactor : this.redactor.plus(moreSecrets);
    String host = Urls.hostOf(uri);
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(uri)
              .timeout(options.requestTimeout())
              .header("User-Agent", "kb4sync")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      headers.forEach(builder::header);
      HttpResponse<String> response;
      try {
        response =
            client.send(
                builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (HttpConnectTimeoutException | ConnectException e) {
        // Nothing reached the peer: safe to try again.
        if (attempt < options.maxAttempts()) {
          pause(backoff(attempt), host, redactor);
          continue;
        }
        throw unavailable(redactor, host, "could not connect", attempt, e);
      } catch (HttpTimeoutException e) {
        // The peer may have acted on it: tried again only where the rules allow.
        if (retry.timeouts() && attempt < options.maxAttempts()) {
          pause(backoff(attempt), host, redactor);
          continue;
        }
        throw unavailable(
            redactor, host, "no answer within " + human(options.requestTimeout()), attempt, e);
      } catch (IOException e) {
        throw unavailable(redactor, host, "connection failed", attempt, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw unavailable(redactor, host, "interrupted", attempt, e);
      }
      Response answer = new Response(response.statusCode(), response.body());
      if (success.test(answer)) {
        return answer;
      }
      if (retry.status().test(answer.status()) && attempt < options.maxAttempts()) {
        Duration wait = retryAfter(response).orElse(backoff(attempt));
        if (wait.compareTo(options.maxRetryWait()) <= 0) {
          pause(wait, host, redactor);
          continue;
        }
      }
      throw failure(redactor, method, uri, answer, attempt, retryAfter(response).orElse(null));
    }
  }

  /** A one-line failure of this system, e.g. for an answer that could not be understood. */
  public RemoteException error(RemoteException.Kind kind, String message) {
    return new RemoteException(kind, system, redactor.line(system + ": " + message, MESSAGE));
  }

  /** {@code 15 s}, or {@code 1500 ms} when not whole seconds. */
  public static String human(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  private Duration backoff(int attempt) {
    return options.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
  }

  private void pause(Duration wait, String host, Redactor redactor) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(redactor, host, "interrupted while waiting to retry", 1, e);
    }
  }

  /** {@code Retry-After} in seconds; empty when absent or an HTTP date (the backoff applies). */
  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              try {
                long seconds = Long.parseLong(value.trim());
                return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
              } catch (NumberFormatException e) {
                // An HTTP date: not worth parsing here; fall back to our backoff.
                return Optional.empty();
              }
            });
  }

  private RemoteException failure(
      Redactor redactor,
      String method,
      URI uri,
      Response answer,
      int attempts,
      Duration retryAfter) {
    int status = answer.status();
    RemoteException.Kind kind;
    if (status == 401) {
      kind = RemoteException.Kind.UNAUTHORIZED;
    } else if (status == 403) {
      kind = RemoteException.Kind.FORBIDDEN;
    } else if (status == 404) {
      kind = RemoteException.Kind.NOT_FOUND;
    } else if (status == 409) {
      kind = RemoteException.Kind.CONFLICT;
    } else if (status == 429) {
      kind = RemoteException.Kind.THROTTLED;
    } else if (status >= 500) {
      kind = RemoteException.Kind.UNAVAILABLE;
    } else if (status >= 400) {
      kind = RemoteException.Kind.BAD_REQUEST;
    } else {
      kind = RemoteException.Kind.BAD_RESPONSE;
    }
    String where =
        naming == Naming.HOST
            ? " from " + Urls.hostOf(uri)
            : " for " + method + " " + uri.getRawPath() + " at " + Urls.hostOf(uri);
    String snippet = redactor.line(answer.body(), SNIPPET);
    String message =
        system
            + ": HTTP "
            + status
            + where
            + (attempts > 1 ? " after " + attempts + " attempts" : "")
            + (snippet.isEmpty() ? "" : ": " + snippet);
    return new RemoteException(kind, system, redactor.line(message, MESSAGE), retryAfter, null);
  }

  private RemoteException unavailable(
      Redactor redactor, String host, String what, int attempts, Exception cause) {
    String message =
        system
            + ": "
            + what
            + " to "
            + host
            + (attempts > 1 ? " after " + attempts + " attempts" : "")
            + " ("
            + cause.getClass().getSimpleName()
            + ")";
    // The cause is not attached: its message is not ours to vouch for (it could name the URL).
    return new RemoteException(
        RemoteException.Kind.UNAVAILABLE, system, redactor.line(message, MESSAGE));
  }
}
