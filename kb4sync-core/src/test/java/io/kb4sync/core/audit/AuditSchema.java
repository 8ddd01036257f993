package io.kb4sync.core.audit;

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
import io.kb4sync.core.testing.ReportSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Set;

/**
 * Validates audits against the committed {@code docs/audit.schema.json}. Every audit a test builds
 * or a command prints passes through here, so the schema and the document cannot drift apart.
 */
public final class AuditSchema {
  /** Configured as the app's writer: snake_case record components, enums by their ids. */
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
          .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
          .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);

  private static final JsonSchema SCHEMA = load();

  private AuditSchema() {}

  /** Asserts the audit's JSON validates, and returns that JSON as a tree. */
  public static JsonNode assertValid(AuditReport audit) {
    return assertValid(JSON.valueToTree(audit));
  }

  /** Asserts one audit, or an array of audits ({@code --all-companies}), validates. */
  public static JsonNode assertValid(JsonNode tree) {
    if (tree.isArray()) {
      tree.forEach(AuditSchema::assertValid);
      return tree;
    }
    Set<ValidationMessage> problems = SCHEMA.validate(tree);
    assertThat(problems).as("schema violations of %s", tree).isEmpty();
    return tree;
  }

  /** The problems of a tree, for tests that show the schema refuses something. */
  public static Set<ValidationMessage> problems(JsonNode tree) {
    return SCHEMA.validate(tree);
  }

  private static JsonSchema load() {
    try (InputStream in =
        Files.newInputStream(ReportSchema.repositoryRoot().resolve("docs/audit.schema.json"))) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
