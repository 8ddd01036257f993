package io.kb4sync.psa;

import io.kb4sync.core.remote.RemoteException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one choke point of a PSA client: timeouts, bounded retries and the translation of every
 * failure into a {@link RemoteException} whose one-line message names the PSA and the host, never a
 * key, secret or token.
 */
final class PsaHttp {
  private static final int SNIPPET = 200;

  private final String system;
  private final HttpClient client;
  private final PsaHttpOptions options;
  private final Sleeper sleeper;
  private final boolean retryConflicts;
  private volatile List<String> secrets;

  /**
   * @param retryConflicts retry 409 like 429 (Autotask answers 409 while an entity is locked)
   */
  PsaHttp(
      String system,
      PsaHttpOptions options,
      Sleeper sleeper,
      boolean retryConflicts,
      List<String> secrets) {
    this.system = system;
    this.options = options;
    this.sleeper = sleeper;
    this.retryConflicts = retryConflicts;
    this.secrets = clean(secrets);
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Adds a secret learnt later (a bearer token) to what messages never show. */
  void addSecret(String secret) {
    List<String> more = new ArrayList<>(secrets);
    more.add(secret);
    secrets = clean(more);
  }

  /** An answer: the status and the body. */
  record Response(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * Sends a request and returns the answer when it is 2xx or one of {@code alsoAccept}.
   *
   * @param read true when the request changes nothing (GET, or a query sent as POST): 5xx and
   *     connection failures are then retried
   * @param body null for none
   */
  Response send(
      String method,
      URI uri,
      Map<String, String> headers,
      String body,
      boolean read,
      Set<Integer> alsoAccept) {
    String host = hostOf(uri);
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
        if (attempt < options.maxAttempts()) {
          pause(backoff(attempt), host);
          continue;
        }
        throw unavailable(host, "could not connect", attempt, e);
      } catch (HttpTimeoutException e) {
        if (read && attempt < options.maxAttempts()) {
          pause(backoff(attempt), host);
          continue;
        }
        throw unavailable(host, "no answer within " + human(options.requestTimeout()), attempt, e);
      } catch (IOException e) {
        throw unavailable(host, "connection failed", attempt, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw unavailable(host, "interrupted", attempt, e);
      }
      Response answer = new Response(response.statusCode(), response.body());
      if (answer.ok() || alsoAccept.contains(answer.status())) {
        return answer;
      }
      int status = answer.status();
      boolean retryable =
          status == 429
              || (retryConflicts && status == 409)
              || (status >= 500 && (read || status == 503));
      if (retryable && attempt < options.maxAttempts()) {
        Duration wait = retryAfter(response).orElse(backoff(attempt));
        if (wait.compareTo(options.maxRetryWait()) <= 0) {
          pause(wait, host);
          continue;
        }
      }
      throw failure(method, uri, answer, attempt, retryAfter(response).orElse(null));
    }
  }

  /** A one-line failure of this PSA, e.g. for an answer that could not be understood. */
  RemoteException error(RemoteException.Kind kind, String message) {
    return new RemoteException(kind, system, redact(system + ": " + message, 400));
  }

  String redact(String text, int max) {
    if (text == null) {
      return "";
    }
    String clean = text;
    for (String secret : secrets) {
      clean = clean.replace(secret, "***");
    }
    clean = clean.replaceAll("\\s+", " ").trim();
    return clean.length() <= max ? clean : clean.substring(0, max) + "…";
  }

  static String hostOf(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }

  /**
   * Parses an endpoint: https, or http for loopback hosts only.
   *
   * @throws IllegalArgumentException naming {@code key}
   */
  static URI endpoint(String url, String key) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(key + ": missing (a URL is required)");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(key + ": not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(key + ": not an http(s) URL with a host");
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      throw new IllegalArgumentException(
          key + ": must use https (plain http is accepted only for loopback hosts)");
    }
    String text = uri.toString();
    return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
  }

  static String human(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  private Duration backoff(int attempt) {
    return options.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
  }

  private void pause(Duration wait, String host) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(host, "interrupted while waiting to retry", 1, e);
    }
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            value -> {
              try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }

  private RemoteException failure(
      String method, URI uri, Response answer, int attempts, Duration retryAfter) {
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
    String snippet = redact(answer.body(), SNIPPET);
    String message =
        system
            + ": HTTP "
            + status
            + " for "
            + method
            + " "
            + uri.getRawPath()
            + " at "
            + hostOf(uri)
            + (attempts > 1 ? " after " + attempts + " attempts" : "")
            + (snippet.isEmpty() ? "" : ": " + snippet);
    return new RemoteException(kind, system, redact(message, 400), retryAfter, null);
  }

  private RemoteException unavailable(String host, String what, int attempts, Exception cause) {
    // The cause is not attached: its message is not ours to vouch for.
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
    return new RemoteException(RemoteException.Kind.UNAVAILABLE, system, redact(message, 400));
  }

  private static List<String> clean(List<String> secrets) {
    List<String> list = new ArrayList<>();
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 4) {
        list.add(secret);
      }
    }
    list.sort(Comparator.comparingInt(String::length).reversed());
    return List.copyOf(list);
  }
}
