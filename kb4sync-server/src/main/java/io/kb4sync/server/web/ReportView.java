package io.kb4sync.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's report as people read it (docs/report.md, docs/audit.md): what was created, restored,
 * updated (old → new), archived with the reason, held, the conflicts and the errors. Read from the
 * JSON document the run stored; keys it lacks read as empty.
 */
public record ReportView(
    boolean audit,
    boolean dryRun,
    String outcome,
    List<Count> counts,
    List<Created> created,
    List<String> restored,
    List<Updated> updated,
    List<Archived> archived,
    List<Archived> held,
    String heldFingerprint,
    List<Conflict> conflicts,
    List<Failure> errors,
    List<String> warnings,
    List<Finding> findings) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A labelled number of the summary. */
  public record Count(String label, long value) {}

  /** A user created, with the groups it was put in. */
  public record Created(String email, String name, String groups) {}

  /** A user with at least one attribute changed. */
  public record Updated(String email, List<Change> changes) {}

  /** One attribute, from its KnowBe4 value to the Microsoft 365 one. */
  public record Change(String attribute, String from, String to) {}

  /** A user archived (or held), with the reason and when a sync last saw it in scope. */
  public record Archived(String email, String reason, String lastSeen, String heldBy) {}

  /** Users left untouched because they could not be matched safely. */
  public record Conflict(String kind, String m365Users, String knowbe4Users) {}

  /** An operation that failed. */
  public record Failure(String email, String operation, String message) {}

  /** One finding of an audit. */
  public record Finding(
      String severity, String category, String title, int users, String suggestedAction) {}

  /** Empty when there is no report (a run not ended, or one that left none) or it is not JSON. */
  public static java.util.Optional<ReportView> of(String reportJson, boolean audit) {
    if (reportJson == null) {
      return java.util.Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(reportJson);
      if (root == null || !root.isObject()) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(audit ? audit(root) : sync(root));
    } catch (JsonProcessingException e) {
      return java.util.Optional.empty();
    }
  }

  /** Errors and conflicts in a sync report; drift (critical, warning, info) in an audit. */
  public int errorCount() {
    return errors.size();
  }

  public boolean empty() {
    return created.isEmpty()
        && restored.isEmpty()
        && updated.isEmpty()
        && archived.isEmpty()
        && held.isEmpty()
        && conflicts.isEmpty()
        && errors.isEmpty()
        && findings.isEmpty();
  }

  private static ReportView sync(JsonNode root) {
    JsonNode summary = root.path("sync_summary");
    List<Count> counts = new ArrayList<>();
    count(counts, "Microsoft 365 users in scope", summary, "m365_users_found");
    count(counts, "KnowBe4 users found", summary, "knowbe4_users_found");
    count(counts, "Matched", summary, "users_matched");
    count(counts, "Created", summary, "users_created");
    counts.add(new Count("Restored", root.path("users_restored").size()));
    count(counts, "Updated", summary, "users_updated");
    count(counts, "Archived", summary, "users_archived");
    counts.add(new Count("Held archives", root.path("staged_archives").size()));
    counts.add(new Count("Conflicts", root.path("conflicts").size()));
    counts.add(new Count("Errors", root.path("errors").size()));

    List<Created> created = new ArrayList<>();
    for (JsonNode u : root.path("users_created")) {
      created.add(
          new Created(
              text(u, "email"),
              join(text(u, "first_name"), text(u, "last_name")),
              joined(u.path("knowbe4_groups"))));
    }
    List<String> restored = new ArrayList<>();
    for (JsonNode u : root.path("users_restored")) {
      restored.add(text(u, "email"));
    }
    List<Updated> updated = new ArrayList<>();
    for (JsonNode u : root.path("user_updates")) {
      List<Change> changes = new ArrayList<>();
      for (JsonNode c : u.path("changes")) {
        changes.add(new Change(text(c, "attribute"), text(c, "from"), text(c, "to")));
      }
      updated.add(new Updated(text(u, "email"), List.copyOf(changes)));
    }
    List<Conflict> conflicts = new ArrayList<>();
    for (JsonNode c : root.path("conflicts")) {
      conflicts.add(
          new Conflict(
              text(c, "kind"), joined(c.path("m365_users")), joined(c.path("knowbe4_users"))));
    }
    List<Failure> errors = new ArrayList<>();
    for (JsonNode e : root.path("errors")) {
      errors.add(new Failure(text(e, "email"), text(e, "operation"), text(e, "message")));
    }
    List<String> warnings = new ArrayList<>();
    root.path("warnings").forEach(w -> warnings.add(w.asText()));
    return new ReportView(
        false,
        root.path("dry_run").asBoolean(false),
        text(root, "outcome"),
        List.copyOf(counts),
        List.copyOf(created),
        List.copyOf(restored),
        List.copyOf(updated),
        archived(root.path("users_archived")),
        archived(root.path("staged_archives")),
        text(root, "staged_archives_fingerprint"),
        List.copyOf(conflicts),
        List.copyOf(errors),
        List.copyOf(warnings),
        List.of());
  }

  private static ReportView audit(JsonNode root) {
    JsonNode summary = root.path("summary");
    List<Count> counts = new ArrayList<>();
    count(counts, "Findings", summary, "findings");
    count(counts, "Critical", summary, "critical");
    count(counts, "Warning", summary, "warning");
    count(counts, "Info", summary, "info");
    count(counts, "Microsoft 365 users in scope", summary, "m365_users_found");
    count(counts, "KnowBe4 users found", summary, "knowbe4_users_found");
    List<Finding> findings = new ArrayList<>();
    for (JsonNode f : root.path("findings")) {
      findings.add(
          new Finding(
              text(f, "severity"),
              text(f, "category"),
              text(f, "title"),
              f.path("users").size(),
              text(f, "suggested_action")));
    }
    List<Failure> errors = new ArrayList<>();
    for (JsonNode e : root.path("errors")) {
      errors.add(new Failure(null, text(e, "operation"), text(e, "message")));
    }
    List<String> warnings = new ArrayList<>();
    root.path("warnings").forEach(w -> warnings.add(w.asText()));
    return new ReportView(
        true,
        false,
        root.path("complete").asBoolean(true) ? "complete" : "incomplete",
        List.copyOf(counts),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null,
        List.of(),
        List.copyOf(errors),
        List.copyOf(warnings),
        List.copyOf(findings));
  }

  /**
   * The lengths of a sync report's {@code errors} and {@code conflicts}, read as a stream without
   * building the document (the companies page reads one report per company).
   */
  public static int[] errorsAndConflicts(String reportJson) {
    int[] counts = new int[2];
    if (reportJson == null) {
      return counts;
    }
    try (com.fasterxml.jackson.core.JsonParser parser =
        JSON.getFactory().createParser(reportJson)) {
      if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        return counts;
      }
      while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        com.fasterxml.jackson.core.JsonToken value = parser.nextToken();
        int slot = "errors".equals(name) ? 0 : "conflicts".equals(name) ? 1 : -1;
        if (slot >= 0 && value == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
          while (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
            counts[slot]++;
            parser.skipChildren();
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (java.io.IOException e) {
      return new int[2];
    }
    return counts;
  }

  /**
   * A sync report's changes in a few words, for a list of runs: {@code 3 created, 1 restored, 2
   * updated, 1 archived, 5 held, 1 error}; {@code no change} when none; null without a report.
   * Streams the report: only the summary and the lengths of a few lists are read.
   */
  public static String changes(String reportJson) {
    if (reportJson == null) {
      return null;
    }
    long created = 0;
    long updated = 0;
    long archived = 0;
    int restored = 0;
    int held = 0;
    int errors = 0;
    try (com.fasterxml.jackson.core.JsonParser parser =
        JSON.getFactory().createParser(reportJson)) {
      if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        com.fasterxml.jackson.core.JsonToken value = parser.nextToken();
        if ("sync_summary".equals(name)
            && value == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
          JsonNode summary = JSON.readTree(parser);
          created = summary.path("users_created").asLong();
          updated = summary.path("users_updated").asLong();
          archived = summary.path("users_archived").asLong();
        } else if (value == com.fasterxml.jackson.core.JsonToken.START_ARRAY
            && ("users_restored".equals(name)
                || "staged_archives".equals(name)
                || "errors".equals(name))) {
          int n = 0;
          while (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
            n++;
            parser.skipChildren();
          }
          switch (name) {
            case "users_restored" -> restored = n;
            case "staged_archives" -> held = n;
            default -> errors = n;
          }
        } else {
          parser.skipChildren();
        }
      }
    } catch (java.io.IOException e) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    part(parts, created, "created");
    part(parts, restored, "restored");
    part(parts, updated, "updated");
    part(parts, archived, "archived");
    part(parts, held, "held");
    if (errors > 0) {
      parts.add(errors + (errors == 1 ? " error" : " errors"));
    }
    return parts.isEmpty() ? "no change" : String.join(", ", parts);
  }

  private static void part(List<String> parts, long n, String word) {
    if (n > 0) {
      parts.add(n + " " + word);
    }
  }

  /** Drift of an audit document as one short line: {@code 2 critical, 5 warning, 3 info}. */
  public static String drift(String auditJson) {
    if (auditJson == null) {
      return null;
    }
    try {
      JsonNode summary = JSON.readTree(auditJson).path("summary");
      if (summary.isMissingNode()) {
        return null;
      }
      return summary.path("critical").asInt()
          + " critical, "
          + summary.path("warning").asInt()
          + " warning, "
          + summary.path("info").asInt()
          + " info";
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static List<Archived> archived(JsonNode list) {
    List<Archived> out = new ArrayList<>();
    for (JsonNode a : list) {
      out.add(
          new Archived(
              text(a, "email"), text(a, "reason"), text(a, "last_m365_sync"), text(a, "held_by")));
    }
    return List.copyOf(out);
  }

  private static void count(List<Count> counts, String label, JsonNode node, String key) {
    if (node.has(key) && node.get(key).isNumber()) {
      counts.add(new Count(label, node.get(key).asLong()));
    }
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String joined(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(v -> parts.add(v.asText()));
    return String.join(", ", parts);
  }

  private static String join(String first, String last) {
    return ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
  }
}
