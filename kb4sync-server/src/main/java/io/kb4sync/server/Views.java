package io.kb4sync.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kb4sync.core.state.RunRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The API's answers as JSON: the contract's keys, in snake_case, in its order. */
final class Views {
  private Views() {}

  /**
   * Variables whose name says secret are never shown, whatever the book hands over: the book
   * promises none, and this keeps the promise if it ever slips.
   */
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(secret|token|passw|pwd|credential|api_?key|private).*");

  /** A company as {@code GET /api/v1/companies} lists it. */
  record Company(
      String companyId,
      String name,
      boolean paused,
      RunJson lastRun,
      String nextSyncAt,
      String nextAuditAt,
      int heldArchives) {

    static Company of(Book.CompanyView company) {
      return new Company(
          company.companyId(),
          company.name(),
          company.paused(),
          company.lastRun() == null ? null : RunJson.of(company.lastRun()),
          RunJson.seconds(company.nextSyncAt()),
          RunJson.seconds(company.nextAuditAt()),
          company.heldArchives());
    }
  }

  /** A company with its effective variables and schedule ({@code GET .../companies/{id}}). */
  record CompanyDetail(
      String companyId,
      String name,
      boolean paused,
      RunJson lastRun,
      String nextSyncAt,
      String nextAuditAt,
      int heldArchives,
      Map<String, Object> variables,
      Schedule schedule) {

    static CompanyDetail of(Book.CompanyDetail detail) {
      Company company = Company.of(detail.company());
      Map<String, Object> variables = new LinkedHashMap<>();
      if (detail.variables() != null) {
        detail
            .variables()
            .forEach(
                (name, value) -> {
                  if (!SECRET_NAME.matcher(name).matches()) {
                    variables.put(name, value);
                  }
                });
      }
      Book.Schedule schedule = detail.schedule();
      return new CompanyDetail(
          company.companyId(),
          company.name(),
          company.paused(),
          company.lastRun(),
          company.nextSyncAt(),
          company.nextAuditAt(),
          company.heldArchives(),
          variables,
          schedule == null
              ? null
              : new Schedule(schedule.sync(), schedule.audit(), schedule.timeZone()));
    }
  }

  /** A company's schedule, under the configuration's keys. */
  record Schedule(String sync, String audit, String timeZone) {}

  /** {@code 202}'s body. */
  record Queued(String runId) {}

  /** {@code /readyz}'s body. */
  record Readiness(boolean ready, List<String> problems, List<String> nodesWithOtherConfiguration) {
    static Readiness of(Book.Readiness readiness) {
      return new Readiness(
          readiness.ready(),
          List.copyOf(readiness.problems()),
          readiness.nodesWithOtherConfiguration() == null
              ? List.of()
              : List.copyOf(readiness.nodesWithOtherConfiguration()));
    }
  }

  /** {@code POST /api/v1/reload}'s body when the new file is in force. */
  record Reloaded(boolean reloaded) {}

  /** {@code /healthz}'s body. */
  record Health(String status) {}

  /** An error: one line. */
  record Error(String error) {}

  /**
   * A run with its {@code report}: the JSON document the run printed, embedded as JSON; null until
   * it ends.
   */
  static ObjectNode runWithReport(RunRecord run) {
    ObjectNode node = Json.MAPPER.valueToTree(RunJson.of(run));
    node.set("report", report(run));
    return node;
  }

  private static JsonNode report(RunRecord run) {
    if (run.reportJson() == null) {
      return null;
    }
    try {
      return Json.read(run.reportJson());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Not JSON (a run recorded by hand, a damaged row): shown as text rather than hidden.
      return TextNode.valueOf(run.reportJson());
    }
  }
}
