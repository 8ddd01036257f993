package io.kb4sync.app.audit;

import io.kb4sync.app.output.JsonDocuments;
import io.kb4sync.core.audit.AuditReport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The documents {@code kb4sync audit --format} writes. */
public enum AuditFormat {
  /** {@code docs/audit.schema.json}; an array of audits with several companies. The default. */
  JSON,
  /** One row per finding per user; a company column with several companies. */
  CSV,
  /** One self-contained page; a section per company. */
  HTML;

  /**
   * The document's bytes.
   *
   * @param several true with {@code --all-companies} (a JSON array, CSV company columns), also when
   *     only one company is configured
   */
  public byte[] render(List<AuditReport> audits, boolean several) {
    switch (this) {
      case CSV:
        return AuditCsv.render(audits, several);
      case HTML:
        return AuditHtml.render(audits);
      case JSON:
      default:
        String json = several ? JsonDocuments.writeAll(audits) : JsonDocuments.write(audits.get(0));
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }
  }

  /** {@code json}, {@code csv} or {@code html}, as typed (case-insensitive). */
  public static AuditFormat parse(String value) {
    for (AuditFormat format : values()) {
      if (format.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown format '" + value + "': use json, csv or html");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
