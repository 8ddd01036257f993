package io.kb4sync.server.web;

/**
 * A company's state at a glance, worst first: the companies page sorts by it. Shown as text (and an
 * icon-free badge), never by colour alone.
 */
public enum Health {
  /** The newest ended run failed or was abandoned. */
  FAILING("failing", "Failing"),
  /** The threshold guard holds archives an admin has not approved or dismissed. */
  HELD("held", "Held archives"),
  /** The newest ended run finished with errors (partial or interrupted). */
  ERRORS("errors", "Errors"),
  /** No run has ended yet. */
  NEVER_RUN("never", "Never run"),
  /** The newest ended run went well. */
  OK("ok", "OK");

  private final String id;
  private final String label;

  Health(String id, String label) {
    this.id = id;
    this.label = label;
  }

  /** The filter's value in the query string, and the CSS class of the badge. */
  public String id() {
    return id;
  }

  public String label() {
    return label;
  }
}
