package io.kb4sync.notify;

import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.notify.Notification.Fact;
import io.kb4sync.core.notify.Notification.Section;

/**
 * Renders a {@link Notification} as an email: an HTML body and a plain-text body with the same
 * content. Every value is escaped in the HTML (user names and error messages come from outside).
 * Pure and stateless; the demo also uses it to write {@code notification.html}.
 */
public final class EmailRenderer {

  public EmailRenderer() {}

  /** The subject line: the notification's title. */
  public String subject(Notification notification) {
    return notification.title().replaceAll("[\\r\\n]+", " ");
  }

  /** A complete HTML document (UTF-8), inline styles only, as mail clients want it. */
  public String html(Notification n) {
    StringBuilder out = new StringBuilder(4096);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(n.title()))
        .append("</title>\n</head>\n")
        .append("<body style=\"font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;")
        .append("color:#1f2328;margin:0;padding:16px;\">\n");
    out.append("<div style=\"border-left:6px solid ")
        .append(color(n.severity()))
        .append(";padding:4px 12px;margin-bottom:16px;\">\n")
        .append("<div style=\"font-size:12px;font-weight:bold;color:")
        .append(color(n.severity()))
        .append(";\">")
        .append(escape(label(n.severity())))
        .append("</div>\n<h1 style=\"font-size:18px;margin:4px 0;\">")
        .append(escape(n.title()))
        .append("</h1>\n</div>\n");
    if (n.consentCommand() != null) {
      out.append("<p style=\"margin:0 0 4px 0;\"><strong>Consent needed.</strong> ")
          .append("Review the held archives below; to let them happen, run:</p>\n")
          .append("<pre style=\"background:#f6f8fa;padding:8px;border-radius:4px;")
          .append("white-space:pre-wrap;\">")
          .append(escape(n.consentCommand()))
          .append("</pre>\n");
    }
    out.append("<table style=\"border-collapse:collapse;margin-bottom:16px;\">\n");
    for (Fact fact : n.facts()) {
      out.append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0;font-weight:normal;")
          .append("color:#59636e;\">")
          .append(escape(fact.name()))
          .append("</th><td style=\"padding:2px 0;\">")
          .append(escape(fact.value()))
          .append("</td></tr>\n");
    }
    out.append("</table>\n");
    for (Section section : n.sections()) {
      out.append("<h2 style=\"font-size:15px;margin:16px 0 4px 0;\">")
          .append(escape(section.heading()))
          .append("</h2>\n<ul style=\"margin:0;padding-left:20px;\">\n");
      for (String line : section.lines()) {
        out.append("<li>").append(escape(line)).append("</li>\n");
      }
      if (section.more() > 0) {
        out.append("<li><em>and ").append(section.more()).append(" more</em></li>\n");
      }
      out.append("</ul>\n");
    }
    out.append("<p style=\"color:#59636e;font-size:12px;margin-top:24px;\">")
        .append("Sent by kb4sync. The full report is in the run history and the sync's JSON")
        .append(" output.</p>\n</body>\n</html>\n");
    return out.toString();
  }

  /** The same content as plain text. */
  public String text(Notification n) {
    StringBuilder out = new StringBuilder(2048);
    out.append(n.title()).append('\n');
    out.append("=".repeat(Math.min(n.title().length(), 72))).append('\n');
    out.append(label(n.severity())).append("\n\n");
    if (n.consentCommand() != null) {
      out.append("Consent needed. Review the held archives below; to let them happen, run:\n")
          .append("  ")
          .append(n.consentCommand())
          .append("\n\n");
    }
    for (Fact fact : n.facts()) {
      out.append(fact.name()).append(": ").append(fact.value()).append('\n');
    }
    for (Section section : n.sections()) {
      out.append('\n').append(section.heading()).append('\n');
      for (String line : section.lines()) {
        out.append("  - ").append(line).append('\n');
      }
      if (section.more() > 0) {
        out.append("  ... and ").append(section.more()).append(" more\n");
      }
    }
    out.append("\n-- \nSent by kb4sync.\n");
    return out.toString();
  }

  /** HTML-escapes text for element content and quoted attribute values; "" for null. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\'':
          out.append("&#39;");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }

  static String label(Notification.Severity severity) {
    switch (severity) {
      case FAILURE:
        return "FAILED";
      case ACTION_REQUIRED:
        return "ACTION REQUIRED";
      case WARNING:
        return "WARNING";
      case INFO:
      default:
        return "OK";
    }
  }

  private static String color(Notification.Severity severity) {
    switch (severity) {
      case FAILURE:
        return "#cf222e";
      case ACTION_REQUIRED:
        return "#bc4c00";
      case WARNING:
        return "#9a6700";
      case INFO:
      default:
        return "#1a7f37";
    }
  }
}
