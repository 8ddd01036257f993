package io.kb4sync.core.notify;

/**
 * One notification channel (SMTP email, Graph sendMail, Teams, Slack, webhook). A failing channel
 * throws {@link io.kb4sync.core.remote.RemoteException}; the caller records it as a warning and the
 * other channels still run.
 */
public interface Notifier {

  /** A short name for warnings and the run history, e.g. {@code email (smtp)}, {@code teams}. */
  String name();

  void send(Notification notification);
}
