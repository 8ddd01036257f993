package io.kb4sync.server.web;

import java.util.List;

/**
 * RFC 4180 text: every field in double quotes, quotes doubled, CRLF. A field that a spreadsheet
 * would run as a formula ({@code = + - @}, tab, carriage return) gets a leading apostrophe.
 */
final class Csv {
  private final StringBuilder out = new StringBuilder();

  Csv row(List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String field = fields.get(i) == null ? "" : fields.get(i);
      if (!field.isEmpty() && "=+-@\t\r".indexOf(field.charAt(0)) >= 0) {
        field = "'" + field;
      }
      out.append('"').append(field.replace("\"", "\"\"")).append('"');
    }
    out.append("\r\n");
    return this;
  }

  Csv row(String... fields) {
    return row(List.of(fields));
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
