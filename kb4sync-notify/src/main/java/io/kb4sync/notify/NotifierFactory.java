package io.kb4sync.notify;

import io.kb4sync.core.notify.Notifier;
import io.kb4sync.http.HttpOptions;
import io.kb4sync.http.Redactor;
import io.kb4sync.http.RetryRule;
import io.kb4sync.http.RetryingSender;
import io.kb4sync.http.Sleeper;
import io.kb4sync.http.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds the channels of {@link NotificationSettings}. Invalid settings throw {@link
 * IllegalArgumentException} with one line naming the key (never a secret), for the app to report as
 * a configuration error (exit 2).
 */
public final class NotifierFactory {
  /** How long an HTTP channel may take to connect (or the request timeout, when shorter). */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The most of a channel's answer read: 1 MiB. Channels answer {@code ok}, nothing, or a short
   * JSON error; the Graph token endpoint a few KiB.
   */
  public static final long MAX_BODY_BYTES = Transport.MIB;

  private NotifierFactory() {}

  /**
   * The webhook channels' (Teams, Slack, webhooks) retry rule: 429 and 5xx are retried a little
   * (honouring {@code Retry-After}, bounded by the options), for these POSTs too (a notification
   * sent twice is a nuisance, one lost is worse), and so is a connection that could not be made; a
   * request that timed out is not, since the peer may have acted on it and a slow peer must not
   * hold the run up for long.
   */
  static RetryRule retry(HttpOptions options) {
    return options.rule(
        status -> status == 429 || status >= 500, status -> status == 429 || status >= 500, false);
  }

  /**
   * A channel's sender: messages name the channel and the host, never the URL (a webhook's path is
   * its secret), and none of {@code secrets}.
   */
  static RetryingSender sender(
      String channel, HttpOptions options, Sleeper sleeper, List<String> secrets) {
    return new RetryingSender(
        channel, options, sleeper, new Redactor(secrets), RetryingSender.Naming.HOST);
  }

  /** The channels, with Graph mail's token from {@link ClientCredentialsToken}. */
  public static List<Notifier> channels(NotificationSettings settings) {
    return channels(settings, Clock.systemUTC(), null);
  }

  /**
   * The channels in a fixed order: email, Teams, Slack, then the webhooks.
   *
   * @param graphToken null for {@link ClientCredentialsToken}; else gives the Graph mail channel's
   *     token source (e.g. the Graph adapter's token client)
   */
  public static List<Notifier> channels(
      NotificationSettings settings,
      Clock clock,
      Function<GraphMailSettings, Supplier<String>> graphToken) {
    return channels(settings, clock, graphToken, Transport.DEFAULT_DEADLINE);
  }

  /**
   * As {@link #channels(NotificationSettings, Clock, Function)}, each HTTP answer bounded by {@code
   * deadline} (the configuration's {@code http_deadline}).
   */
  public static List<Notifier> channels(
      NotificationSettings settings,
      Clock clock,
      Function<GraphMailSettings, Supplier<String>> graphToken,
      Duration deadline) {
    int timeoutSeconds = settings.effectiveTimeoutSeconds();
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("notifications.timeout_seconds: must be at least 1");
    }
    if (settings.effectiveListLimit() < 1) {
      throw new IllegalArgumentException("notifications.list_limit: must be at least 1");
    }
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    HttpOptions options =
        HttpOptions.withTimeouts(CONNECT_TIMEOUT, timeout).withLimits(deadline, MAX_BODY_BYTES);
    List<Notifier> channels = new ArrayList<>();
    EmailSettings email = settings.email();
    if (email != null) {
      if (email.smtp() != null && email.graph() != null) {
        throw new IllegalArgumentException(
            "notifications.email: set smtp or graph, not both (each would send the mail)");
      }
      if (email.smtp() != null) {
        channels.add(new SmtpNotifier(email.smtp(), email.recipients(), timeout));
      } else if (email.graph() != null) {
        GraphMailSettings graph = email.graph();
        graph.validate("notifications.email.graph");
        Supplier<String> token =
            graphToken == null
                ? new ClientCredentialsToken(graph, options, clock)
                : graphToken.apply(graph);
        channels.add(new GraphMailNotifier(graph, token, email.recipients(), options));
      } else {
        throw new IllegalArgumentException("notifications.email: set smtp or graph");
      }
    }
    if (settings.teams() != null) {
      channels.add(new TeamsNotifier(settings.teams(), options));
    }
    if (settings.slack() != null) {
      channels.add(new SlackNotifier(settings.slack(), options));
    }
    for (int i = 0; i < settings.webhooks().size(); i++) {
      WebhookSettings webhook = settings.webhooks().get(i);
      if (webhook == null) {
        throw new IllegalArgumentException("notifications.webhooks[" + i + "]: empty entry");
      }
      channels.add(new WebhookNotifier(webhook, i, options, Sleeper.REAL, clock));
    }
    return List.copyOf(channels);
  }

  /** The dispatcher over {@link #channels(NotificationSettings)}. */
  public static Notifications dispatcher(NotificationSettings settings) {
    return new Notifications(channels(settings));
  }
}
