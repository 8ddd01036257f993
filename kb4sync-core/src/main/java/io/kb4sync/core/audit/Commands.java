package io.kb4sync.core.audit;

import java.util.regex.Pattern;

/** Command lines a technician can paste. */
final class Commands {
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

  private Commands() {}

  /** A word the shell passes through unchanged: single-quoted when it holds anything unusual. */
  static String shellWord(String word) {
    if ((word.startsWith("<") && word.endsWith(">")) || SHELL_SAFE.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
