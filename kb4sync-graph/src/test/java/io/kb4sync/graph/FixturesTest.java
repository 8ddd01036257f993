package io.kb4sync.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Microsoft's examples live in this module, each with its source named in the folder's README. */
class FixturesTest {

  @Test
  void every_example_is_on_the_classpath_and_names_its_source_in_the_readme()
      throws IOException, URISyntaxException {
    Path folder = Path.of(Fixtures.class.getResource("/" + Fixtures.FOLDER).toURI());
    List<String> examples;
    try (Stream<Path> files = Files.list(folder)) {
      examples =
          files
              .map(p -> p.getFileName().toString())
              .filter(name -> !name.equals("README.md"))
              .sorted()
              .toList();
    }
    List<String> rows =
        Fixtures.read("README.md").lines().filter(l -> l.startsWith("| `")).toList();

    assertThat(examples).isNotEmpty();
    assertThat(rows).hasSameSizeAs(examples);
    for (String name : examples) {
      assertThat(Fixtures.read(name)).as(name).isNotBlank();
      assertThat(rows)
          .as(name)
          .anySatisfy(row -> assertThat(row).startsWith("| `" + name + "` | https://"));
    }
  }
}
