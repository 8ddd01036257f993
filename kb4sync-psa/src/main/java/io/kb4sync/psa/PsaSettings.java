package io.kb4sync.psa;

import java.util.List;
import java.util.Locale;

/**
 * {@code psa}: the PSA that gets kb4sync's tickets. Only the section named by {@code type} is read.
 *
 * @param type null for no PSA
 * @param when null for {@link TicketPolicy#DEFAULT_WHEN} (failure, guard_hold); empty for never
 * @param timeoutSeconds per request; null for {@value #DEFAULT_TIMEOUT_SECONDS}
 */
public record PsaSettings(
    Type type,
    List<TicketPolicy.Trigger> when,
    Integer timeoutSeconds,
    ConnectWiseSettings connectwise,
    AutotaskSettings autotask,
    HaloSettings halo) {

  public static final int DEFAULT_TIMEOUT_SECONDS = 30;

  /** The supported PSAs. */
  public enum Type {
    CONNECTWISE,
    AUTOTASK,
    HALO;

    /** {@code connectwise}, {@code autotask} or {@code halo}, case-insensitive. */
    public static Type fromConfig(String value) {
      for (Type type : values()) {
        if (type.name().equals(value == null ? "" : value.trim().toUpperCase(Locale.ROOT))) {
          return type;
        }
      }
      throw new IllegalArgumentException(
          "unknown PSA type '" + value + "': use connectwise, autotask or halo");
    }
  }

  public TicketPolicy policy() {
    return new TicketPolicy(when);
  }

  public int effectiveTimeoutSeconds() {
    return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
  }
}
