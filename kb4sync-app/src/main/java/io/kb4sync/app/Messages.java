package io.kb4sync.app;

/** One-line descriptions of failures for reports, warnings and stderr. */
public final class Messages {
  private Messages() {}

  /** The failure's message, or its type when it has none. */
  public static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
