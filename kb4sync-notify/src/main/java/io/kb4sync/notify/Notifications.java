package io.kb4sync.notify;

import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.notify.Notifier;
import io.kb4sync.core.remote.RemoteException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one notification to every configured channel, one after another. A failing channel never
 * throws out of here and never stops the others: each gets an outcome, which the caller puts in the
 * report's {@code warnings} ({@link ChannelOutcome#warning()}) and the run history.
 */
public final class Notifications {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

  private final List<Notifier> channels;

  public Notifications(List<Notifier> channels) {
    this.channels = List.copyOf(channels);
  }

  public List<Notifier> channels() {
    return channels;
  }

  public boolean isEmpty() {
    return channels.isEmpty();
  }

  /** Sends to every channel; one outcome per channel, in the channels' order. */
  public List<ChannelOutcome> send(Notification notification) {
    List<ChannelOutcome> outcomes = new ArrayList<>();
    for (Notifier channel : channels) {
      outcomes.add(sendOne(channel, notification));
    }
    return List.copyOf(outcomes);
  }

  /** The warnings of the failed outcomes, for the report. */
  public static List<String> warnings(List<ChannelOutcome> outcomes) {
    return outcomes.stream().filter(o -> !o.ok()).map(ChannelOutcome::warning).toList();
  }

  private static ChannelOutcome sendOne(Notifier channel, Notification notification) {
    String name = safeName(channel);
    try {
      channel.send(notification);
      return new ChannelOutcome(name, true, "sent");
    } catch (RemoteException e) {
      // Our channels word these messages themselves: one line, no secret.
      LOG.warn("notification via {} failed: {}", name, e.getMessage());
      return new ChannelOutcome(name, false, e.getMessage());
    } catch (RuntimeException e) {
      // A message we did not write could carry anything (a URL with its token): only the type.
      String message = name + ": unexpected " + e.getClass().getSimpleName();
      LOG.warn("notification via {} failed: {}", name, message);
      return new ChannelOutcome(name, false, message);
    }
  }

  private static String safeName(Notifier channel) {
    try {
      return channel.name();
    } catch (RuntimeException e) {
      return channel.getClass().getSimpleName();
    }
  }
}
