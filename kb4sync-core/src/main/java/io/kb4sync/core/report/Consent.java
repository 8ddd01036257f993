package io.kb4sync.core.report;

import java.util.regex.Pattern;

/**
 * The consent a person gives to archives the mass-archive guard held back: the flag that lifts the
 * guard, whether a report needs it, and the command line that gives it. The other guards (no
 * in-scope users, an incomplete read) are not lifted from the command line.
 */
public final class Consent {
  /** The option that lifts the mass-archive threshold for one run. */
  public static final String MASS_ARCHIVE_FLAG = "--allow-mass-archive";

  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

  private Consent() {}

  /** True when the guard that held an archive is the one {@link #MASS_ARCHIVE_FLAG} lifts. */
  public static boolean liftedByFlag(String heldBy) {
    return heldBy != null && heldBy.contains(MASS_ARCHIVE_FLAG);
  }

  /** True when the report holds archives that a person's consent would release. */
  public static boolean neededBy(Report report) {
    return report.stagedArchives().stream().anyMatch(s -> liftedByFlag(s.heldBy()));
  }

  /** The command that gives consent; a placeholder stands for an unknown configuration path. */
  public static String command(String configPath, String companyId) {
    return "kb4sync sync --config "
        + shellWord(configPath == null || configPath.isBlank() ? "<config.yaml>" : configPath)
        + " --company "
        + shellWord(companyId)
        + " --remove-stale-users "
        + MASS_ARCHIVE_FLAG;
  }

  /** A word the shell passes through unchanged: single-quoted when it holds anything unusual. */
  public static String shellWord(String word) {
    if ((word.startsWith("<") && word.endsWith(">")) || SHELL_SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
