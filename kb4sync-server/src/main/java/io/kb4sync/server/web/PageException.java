package io.kb4sync.server.web;

/** A page that cannot be shown: its status and one line for a person. */
public final class PageException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public PageException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  public static PageException forbidden() {
    return new PageException(403, "Your role does not allow this.");
  }

  public static PageException notFound(String what) {
    return new PageException(404, "No such " + what + ".");
  }
}
