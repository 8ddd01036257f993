package io.kb4sync.app.output;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * The one writer of kb4sync's JSON documents: the sync report ({@code docs/report.schema.json}) and
 * the audit ({@code docs/audit.schema.json}). Record components in declaration order (the seed's
 * keys first), names in snake_case, enums by their ids (outcomes, guards, categories, severities),
 * nulls kept. stdout, {@code --output} files, the run history and webhooks all carry this text.
 */
public final class JsonDocuments {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          // Only record components: helper methods such as hasChanges() never become keys.
          .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
          .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
          .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private JsonDocuments() {}

  /** One document (a report or an audit) as JSON. */
  public static String write(Object document) {
    try {
      return MAPPER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the document as JSON", e);
    }
  }

  /** Several documents as one JSON array ({@code --all-companies}). */
  public static String writeAll(List<?> documents) {
    return write(documents);
  }
}
