package io.kb4sync.core.remote;

/**
 * Why something failed, in words, for a one-line message. An exception's message when it has one;
 * else its type and its causes' (a {@code ConnectException} from {@code java.net.http} often has no
 * message, only a cause): never the word {@code null}.
 */
public final class Causes {
  /** How many causes deep a description looks. */
  private static final int MAX_DEPTH = 4;

  private Causes() {}

  /**
   * The message of {@code failure} when it has one, e.g. {@code Connection refused}; else its type
   * and its causes', e.g. {@code ConnectException (caused by ClosedChannelException)}.
   */
  public static String describe(Throwable failure) {
    String message = messageOf(failure);
    return message != null ? message : typed(failure, 0);
  }

  /**
   * Its type always, then its message or its causes', e.g. {@code IllegalStateException: closed} or
   * {@code NullPointerException}: for failures nobody expected, whose type is the clue.
   */
  public static String withType(Throwable failure) {
    return typed(failure, 0);
  }

  private static String typed(Throwable failure, int depth) {
    StringBuilder line = new StringBuilder(failure.getClass().getSimpleName());
    String message = messageOf(failure);
    if (message != null) {
      line.append(": ").append(message);
      return line.toString();
    }
    Throwable cause = failure.getCause();
    if (cause != null && cause != failure && depth < MAX_DEPTH) {
      line.append(" (caused by ").append(typed(cause, depth + 1)).append(')');
    }
    return line.toString();
  }

  /** The message on one line, or null when there is none worth printing. */
  private static String messageOf(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank() || message.strip().equals("null")) {
      return null;
    }
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
