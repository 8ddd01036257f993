package io.kb4sync.notify;

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
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one choke point of every HTTP channel: POSTs with timeouts, retries 429 and 5xx a little
 * (honouring {@code Retry-After}, bounded), and turns every failure into a {@link RemoteException}
 * whose one-line message names the channel and the host and carries no secret.
 */
final class HttpSender {
  private static final int SNIPPET = 200;

  private final String channel;
  private final HttpClient client;
  private final HttpOptions options;
  private final Sleeper sleeper;
  private final Redactor redactor;

  HttpSender(String channel, HttpOptions options, Sleeper sleeper, Redactor redactor) {
    this.channel = channel;
    this.options = options;
    this.sleeper = sleeper;
    this.redactor = redactor;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** An answer that counted as success. */
  record Response(int status, String body) {}

  /**
   * POSTs {@code body} and returns the answer {@code success} accepts.
   *
   * @throws RemoteException on any other answer, after the retries
   */
  Response post(
      URI uri,
      String contentType,
      Map<String, String> headers,
      String body,
      Predicate<Response> success) {
    return post(uri, contentType, headers, body, success, List.of());
  }

  /**
   * As above, also keeping {@code moreSecrets} (e.g. this request's bearer token) out of errors.
   */
  Response post(
      URI uri,
      String contentType,
      Map<String, String> headers,
      String body,
      Predicate<Response> success,
      List<String> moreSecrets) {
    Redactor redactor = moreSecrets.isEmpty() ? this.redactor : this.redactor.plus(moreSecrets);
    String host = Urls.hostOf(uri);
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(uri)
              .timeout(options.requestTimeout())
              .header("Content-Type", contentType)
              .header("User-Agent", "kb4sync")
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
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
        // The peer may have acted on it: no retry, so a slow peer cannot hold the run up for long.
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
      int status = answer.status();
      boolean retryable = status == 429 || status >= 500;
      if (retryable && attempt < options.maxAttempts()) {
        Optional<Duration> asked = retryAfter(response);
        Duration wait = asked.orElse(backoff(attempt));
        if (wait.compareTo(options.maxRetryWait()) <= 0) {
          pause(wait, host, redactor);
          continue;
        }
      }
      throw failure(redactor, host, answer, attempt, retryAfter(response).orElse(null));
    }
  }

  static String human(Duration duration) {
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

  static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              try {
                long seconds = Long.parseLong(value.trim());
                return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
              } catch (NumberFormatException e) {
                // An HTTP date: not worth parsing for a notification; fall back to our backoff.
                return Optional.empty();
              }
            });
  }

  private RemoteException failure(
      Redactor redactor, String host, Response answer, int attempts, Duration retryAfter) {
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
    String snippet = redactor.line(answer.body(), SNIPPET);
    String message =
        channel
            + ": HTTP "
            + status
            + " from "
            + host
            + (attempts > 1 ? " after " + attempts + " attempts" : "")
            + (snippet.isEmpty() ? "" : ": " + snippet);
    return new RemoteException(kind, channel, redactor.line(message, 400), retryAfter, null);
  }

  private RemoteException unavailable(
      Redactor redactor, String host, String what, int attempts, Exception cause) {
    String message =
        channel
            + ": "
            + what
            + " to "
            + host
            + (attempts > 1 ? " after " + attempts + " attempts" : "");
    // The cause is not attached: its message is not ours to vouch for (it could name the URL).
    return new RemoteException(
        RemoteException.Kind.UNAVAILABLE,
        channel,
        redactor.line(message + " (" + cause.getClass().getSimpleName() + ")", 400));
  }
}
