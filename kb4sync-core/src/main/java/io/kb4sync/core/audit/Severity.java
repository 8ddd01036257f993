package io.kb4sync.core.audit;

import java.util.Locale;

/**
 * How much a finding should worry the technician. Declared from the most to the least severe, so
 * the natural order sorts critical findings first. Written in documents as the lower-case name.
 */
public enum Severity {
  /**
   * A person must act: the sync cannot fix it on its own (conflicts, held creates, held archives).
   */
  CRITICAL,
  /** Drift that costs seats or leaves someone untrained until the next sync, or needs a look. */
  WARNING,
  /** Drift the next sync fixes by itself, or a fact worth knowing. */
  INFO;

  /** The document spelling: {@code critical}, {@code warning}, {@code info}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }
}
