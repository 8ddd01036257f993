package io.kb4sync.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Microsoft's example responses, read from the test classpath: {@code
 * src/test/resources/microsoft-graph-examples/}, whose README.md names each file's source.
 */
final class Fixtures {
  static final String FOLDER = "microsoft-graph-examples";

  private Fixtures() {}

  static String read(String name) {
    String resource = "/" + FOLDER + "/" + name;
    try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
