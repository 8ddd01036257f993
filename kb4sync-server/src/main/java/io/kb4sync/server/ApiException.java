package io.kb4sync.server;

/**
 * A request answered with an error: its status and a one-line message, sent as {@code {"error":
 * "<message>"}}. The message is the caller's business only: never a secret, a token or a stack.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  ApiException(int status, String message) {
    super(oneLine(message), null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  static ApiException unauthorized() {
    return new ApiException(401, "missing, unknown or expired bearer token");
  }

  static ApiException forbidden(String what, Role needed) {
    return new ApiException(403, what + " needs the " + needed.id() + " role");
  }

  static ApiException notFound(String message) {
    return new ApiException(404, message);
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  static ApiException conflict(String message) {
    return new ApiException(409, message);
  }

  /** Control characters (line breaks first) become spaces; runs of blanks shrink to one. */
  static String oneLine(String message) {
    String text = message == null ? "" : message;
    return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").replaceAll(" {2,}", " ").strip();
  }
}
