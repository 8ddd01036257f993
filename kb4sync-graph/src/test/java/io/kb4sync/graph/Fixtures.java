package io.kb4sync.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Microsoft's example responses in {@code shared/fixtures/graph}, read at test time. The folder
 * sits beside the repository (in CI: beside a fresh clone), so it is found by walking up from the
 * working directory.
 */
final class Fixtures {
  private static final Path DIRECTORY = locate();

  private Fixtures() {}

  static String read(String name) {
    try {
      return Files.readString(DIRECTORY.resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path locate() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("fixtures").resolve("graph");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no shared/fixtures/graph above " + start + "; the shared folder must sit beside the repo");
  }
}
