package io.kb4sync.app.audit;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.kb4sync.core.audit.AuditReport;
import java.util.List;

/**
 * The audit as JSON ({@code docs/audit.schema.json}): record components in declaration order, names
 * in snake_case, categories and severities by their ids, nulls kept. The one writer of audits:
 * stdout, {@code --output} files, the run history and webhooks all carry this text.
 */
public final class AuditJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          // Only record components: helper methods such as worst() never become keys.
          .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
          .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
          .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private AuditJson() {}

  public static String write(AuditReport audit) {
    return serialise(audit);
  }

  /** Several audits as one JSON array ({@code --all-companies}). */
  public static String writeAll(List<AuditReport> audits) {
    return serialise(audits);
  }

  private static String serialise(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the audit as JSON", e);
    }
  }
}
