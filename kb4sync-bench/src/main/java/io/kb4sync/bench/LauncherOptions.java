package io.kb4sync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options a launcher ({@code ./kb4sync}) starts kb4sync with: the {@code -X...} words of
 * its {@code exec java} line, so that a benchmark runs kb4sync as the launcher does.
 */
final class LauncherOptions {
  private LauncherOptions() {}

  /** None when there is no launcher at {@code launcher}. */
  static List<String> of(Path launcher) throws IOException {
    if (launcher == null || !Files.isRegularFile(launcher)) {
      return List.of();
    }
    for (String line : Files.readAllLines(launcher)) {
      String text = line.trim();
      if (text.startsWith("exec java ")) {
        List<String> options = new ArrayList<>();
        for (String word : text.substring("exec java ".length()).split("\\s+")) {
          if (word.startsWith("-X")) {
            options.add(word);
          } else if (!word.startsWith("$") && !word.startsWith("\"")) {
            break;
          }
        }
        return options;
      }
    }
    return List.of();
  }

  /** {@code REPO/kb4sync} for a jar at {@code REPO/kb4sync-app/target/kb4sync.jar}. */
  static Path beside(Path jar) {
    Path target = jar.toAbsolutePath().getParent();
    if (target == null || target.getParent() == null || target.getParent().getParent() == null) {
      return null;
    }
    return target.getParent().getParent().resolve("kb4sync");
  }
}
