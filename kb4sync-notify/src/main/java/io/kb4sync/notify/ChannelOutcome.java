package io.kb4sync.notify;

/**
 * What one channel did with one notification.
 *
 * @param channel the channel's name, e.g. {@code teams}, {@code email (smtp)}, {@code webhook[0]}
 * @param ok true when the channel accepted the notification
 * @param message {@code sent}, or the failure in one line (no secret)
 */
public record ChannelOutcome(String channel, boolean ok, String message) {

  /**
   * The line for the report's {@code warnings} when the channel failed, e.g. {@code notification
   * via teams failed: ...}.
   */
  public String warning() {
    return "notification via " + channel + " failed: " + message;
  }
}
