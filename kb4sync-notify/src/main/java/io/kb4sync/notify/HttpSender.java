package io.kb4sync.notify;

import io.kb4sync.http.HttpOptions;
import io.kb4sync.http.Redactor;
import io.kb4sync.http.RetryRules;
import io.kb4sync.http.RetryingSender;
import io.kb4sync.http.Sleeper;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one choke point of every HTTP channel: POSTs through a {@link RetryingSender} under the
 * channels' {@link #RETRIES}. Every failure is a {@link io.kb4sync.core.remote.RemoteException}
 * whose one-line message names the channel and the host (never the URL: a webhook's path is its
 * secret) and carries no secret.
 */
final class HttpSender {
  /**
   * 429 and 5xx are retried a little (honouring {@code Retry-After}, bounded), and so is a
   * connection that could not be made; a request that timed out is not, since the peer may have
   * acted on it and a slow peer must not hold the run up for long.
   */
  static final RetryRules RETRIES = new RetryRules(status -> status == 429 || status >= 500, false);

  private final RetryingSender sender;

  HttpSender(String channel, HttpOptions options, Sleeper sleeper, Redactor redactor) {
    this.sender =
        new RetryingSender(channel, options, sleeper, redactor, RetryingSender.Naming.HOST);
  }

  /** A webhook channel's sender: the URL, its path and its query are kept out of every message. */
  static HttpSender forWebhook(String channel, URI webhook, HttpOptions options, Sleeper sleeper) {
    return new HttpSender(channel, options, sleeper, new Redactor(Redactor.urlSecrets(webhook)));
  }

  /**
   * POSTs {@code body} and returns the answer {@code success} accepts.
   *
   * @throws io.kb4sync.core.remote.RemoteException on any other answer, after the retries
   */
  RetryingSender.Response post(
      URI uri,
      String contentType,
      Map<String, String> headers,
      String body,
      Predicate<RetryingSender.Response> success) {
    return post(uri, contentType, headers, body, success, List.of());
  }

  /**
   * As above, also keeping {@code moreSecrets} (e.g. this request's bearer token) out of errors.
   */
  RetryingSender.Response post(
      URI uri,
      String contentType,
      Map<String, String> headers,
      String body,
      Predicate<RetryingSender.Response> success,
      List<String> moreSecrets) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Content-Type", contentType);
    all.putAll(headers);
    return sender.send("POST", uri, all, body, success, RETRIES, moreSecrets);
  }
}
