package io.kb4sync.core.plan;

import java.util.Objects;

/**
 * A person's consent to archives the threshold guard would hold back. It binds to what was held: a
 * count ({@code --allow-mass-archive=N}) or the exact set ({@code approve_held}, by the fingerprint
 * a held report carried). A plan beyond it is held again, with nothing archived.
 */
public sealed interface ArchiveConsent {
  /** No consent: the threshold guard holds a mass archive. */
  None NONE = new None();

  /** True when this consent lets a plan of these archives through the threshold guard. */
  boolean allows(int archives, String fingerprint);

  /** No consent given. */
  record None() implements ArchiveConsent {
    @Override
    public boolean allows(int archives, String fingerprint) {
      return false;
    }
  }

  /** At most {@code max} archives in total ({@code --allow-mass-archive=N}); 0 allows none. */
  record UpTo(int max) implements ArchiveConsent {
    public UpTo {
      if (max < 0) {
        throw new IllegalArgumentException("the archive allowance must not be negative");
      }
    }

    @Override
    public boolean allows(int archives, String fingerprint) {
      return archives <= max;
    }
  }

  /** Exactly the held set whose fingerprint a person approved. */
  record Exactly(String fingerprint) implements ArchiveConsent {
    public Exactly {
      Objects.requireNonNull(fingerprint, "fingerprint");
    }

    @Override
    public boolean allows(int archives, String fingerprint) {
      return this.fingerprint.equals(fingerprint);
    }
  }
}
