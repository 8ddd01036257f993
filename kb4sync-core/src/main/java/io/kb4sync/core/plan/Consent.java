package io.kb4sync.core.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The words of a person's consent to archives the threshold guard held back: the option that gives
 * it for a number of archives, the command line that carries it (safe to paste into a POSIX shell,
 * whatever the company id or the configuration path hold), and the fingerprint of a held set that
 * an approval names.
 */
public final class Consent {
  /** The option that lets one run archive up to N users past the threshold. */
  public static final String MASS_ARCHIVE_FLAG = "--allow-mass-archive";

  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

  private Consent() {}

  /** {@code --allow-mass-archive=N}. */
  public static String flag(int archives) {
    return MASS_ARCHIVE_FLAG + "=" + archives;
  }

  /**
   * The command that gives consent to {@code archives} archives.
   *
   * @param configPath the configuration file; null or blank stands for a quoted placeholder
   */
  public static String command(String configPath, String companyId, int archives) {
    return syncCommand(configPath, companyId) + " --remove-stale-users " + flag(archives);
  }

  /**
   * {@code kb4sync sync --config FILE --company ID}, each word quoted for a POSIX shell where
   * needed; null or blank {@code configPath} stands for a quoted placeholder.
   */
  public static String syncCommand(String configPath, String companyId) {
    return "kb4sync sync --config "
        + shellWord(configPath == null || configPath.isBlank() ? "<config.yaml>" : configPath)
        + " --company "
        + shellWord(companyId);
  }

  /**
   * A word a POSIX shell passes through unchanged: as it is when it holds only characters no shell
   * gives a meaning to, else single-quoted (inside single quotes nothing is special; a single quote
   * itself is closed, escaped and reopened).
   */
  public static String shellWord(String word) {
    if (!word.isEmpty() && SHELL_SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * The fingerprint of a held set: SHA-256 over the held users' KnowBe4 ids, sorted, one per line,
   * in hex. The same users give the same fingerprint whatever their order.
   */
  public static String fingerprint(Collection<PlannedArchive> archives) {
    List<String> ids = archives.stream().map(PlannedArchive::knowbe4Id).sorted().toList();
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (String id : ids) {
        sha256.update(id.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
