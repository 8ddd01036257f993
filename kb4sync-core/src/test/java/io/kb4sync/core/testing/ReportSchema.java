package io.kb4sync.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.kb4sync.core.report.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Validates reports against the committed {@code docs/report.schema.json}. Engine tests pass every
 * report they build through here, so the schema and the report cannot drift apart.
 */
public final class ReportSchema {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
          .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
          .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
  private static final JsonSchema SCHEMA = load();

  private ReportSchema() {}

  /** The repository root: the first folder upwards holding {@code docs/report.schema.json}. */
  public static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docs/report.schema.json"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "docs/report.schema.json not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** Asserts the report's JSON validates, and returns that JSON as a tree. */
  public static JsonNode assertValid(Report report) {
    JsonNode tree = JSON.valueToTree(report);
    return assertValid(tree);
  }

  public static JsonNode assertValid(JsonNode tree) {
    Set<ValidationMessage> problems = SCHEMA.validate(tree);
    assertThat(problems).as("schema violations of %s", tree).isEmpty();
    return tree;
  }

  private static JsonSchema load() {
    try (InputStream in =
        Files.newInputStream(repositoryRoot().resolve("docs/report.schema.json"))) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
