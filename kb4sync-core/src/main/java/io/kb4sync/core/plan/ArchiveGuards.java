package io.kb4sync.core.plan;

import java.util.List;

/**
 * The safety guards on archiving, in order: an incomplete Microsoft 365 read, no in-scope user at
 * all, and the threshold (more archives than max(count, percent of the active KnowBe4 users)),
 * which alone yields to a person's {@link ArchiveConsent}. A guard holds every archive of the run.
 */
final class ArchiveGuards {
  private ArchiveGuards() {}

  /** A guard's hold on every archive: which guard, and why. */
  record Hold(Guard guard, String reason) {}

  /** The safety guard that holds every archive back, or null when archiving may proceed. */
  static Hold hold(
      boolean directoryComplete,
      int inScope,
      List<PlannedArchive> stale,
      int activeBefore,
      SyncOptions options) {
    int archives = stale.size();
    if (archives == 0) {
      return null;
    }
    if (!directoryComplete) {
      return new Hold(Guard.INCOMPLETE_READ, "the Microsoft 365 read was incomplete");
    }
    if (inScope == 0) {
      return new Hold(Guard.NO_USERS_IN_SCOPE, "Microsoft 365 returned no in-scope users");
    }
    boolean overCount = archives > options.archiveThresholdCount();
    boolean overPercent =
        (long) archives * 100 > (long) options.archiveThresholdPercent() * activeBefore;
    if (!overCount || !overPercent) {
      return null;
    }
    ArchiveConsent consent = options.archiveConsent();
    if (consent.allows(archives, Consent.fingerprint(stale))) {
      return null;
    }
    String over =
        "mass archive: "
            + archives
            + " archives exceed max("
            + options.archiveThresholdCount()
            + ", "
            + options.archiveThresholdPercent()
            + "% of "
            + activeBefore
            + " active KnowBe4 users)";
    String why;
    if (consent instanceof ArchiveConsent.UpTo upTo) {
      why = "; consent was given for at most " + upTo.max() + ", so none were archived";
    } else if (consent instanceof ArchiveConsent.Exactly) {
      why = "; the approved set has changed since it was held, so none were archived";
    } else {
      why = "";
    }
    return new Hold(
        Guard.THRESHOLD, over + why + "; run again with " + Consent.flag(archives) + " to consent");
  }
}
