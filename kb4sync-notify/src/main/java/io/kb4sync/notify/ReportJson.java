package io.kb4sync.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * The report as the contract's JSON: record components in declaration order (the seed's keys
 * first), names in snake_case, nulls kept ({@code last_m365_sync} may be null). The one writer of
 * reports: stdout, {@code --output} files, the run history and webhooks all carry this text.
 */
public final class ReportJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private ReportJson() {}

  /** One report (or any record of the report family, e.g. an audit) as JSON. */
  public static String write(Object report) {
    try {
      return MAPPER.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  /** Several reports as one JSON array ({@code --all-companies}). */
  public static String writeAll(List<?> reports) {
    return write(reports);
  }
}
