package io.kb4sync.app.audit;

import io.kb4sync.core.audit.AffectedUser;
import io.kb4sync.core.audit.AuditReport;
import io.kb4sync.core.audit.Finding;
import io.kb4sync.core.audit.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The audit as one self-contained HTML page: no external resource (styles, script and the bar chart
 * are inline), summary counts, a bar chart of findings by category (inline SVG), and sortable
 * tables (a small inline script: click a heading; {@code #sort=findings:2} or {@code
 * #sort=users:3:desc} in the URL sorts on load). Every value from Microsoft 365, KnowBe4 or the
 * configuration is HTML-escaped, and a Content-Security-Policy allows only the page's own script
 * (by its hash), so even a value that slipped through could not run.
 */
public final class AuditHtml {
  static final String SCRIPT =
      """
      (function () {
        function key(cell) {
          var v = cell.getAttribute('data-sort');
          if (v === null) { v = cell.textContent.trim(); }
          var n = Number(v);
          return v !== '' && !isNaN(n) ? n : v.toLowerCase();
        }
        function sort(table, col, ascending) {
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = key(a.cells[col]);
            var y = key(b.cells[col]);
            var c = typeof x === 'number' && typeof y === 'number'
                ? x - y : String(x).localeCompare(String(y));
            return ascending ? c : -c;
          });
          rows.forEach(function (r) { body.appendChild(r); });
          var heads = table.tHead.rows[0].cells;
          for (var i = 0; i < heads.length; i++) {
            heads[i].setAttribute('aria-sort',
                i === col ? (ascending ? 'ascending' : 'descending') : 'none');
          }
        }
        document.querySelectorAll('table.sortable').forEach(function (table) {
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
            th.tabIndex = 0;
            var go = function () { sort(table, col, th.getAttribute('aria-sort') !== 'ascending'); };
            th.addEventListener('click', go);
            th.addEventListener('keydown', function (e) {
              if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); }
            });
          });
          table.setAttribute('data-sortable', 'ready');
        });
        var m = /^#sort=([a-z]+):(\\d+)(:desc)?$/.exec(location.hash);
        if (m) {
          document.querySelectorAll('table.sortable[data-table="' + m[1] + '"]')
              .forEach(function (t) { sort(t, Number(m[2]), !m[3]); });
        }
      })();
      """;

  private static final String STYLE =
      """
      body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
             margin: 2rem; color: #1f2328; }
      h1 { font-size: 1.5rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #d0d7de; }
      .meta { color: #59636e; }
      .cards { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
      .card { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .9rem; min-width: 7rem; }
      .card .n { display: block; font-size: 1.6rem; font-weight: 600; }
      .card.critical .n { color: #cf222e; } .card.warning .n { color: #9a6700; }
      .card.info .n { color: #0969da; }
      table { border-collapse: collapse; margin: .5rem 0 1.5rem; width: 100%; }
      th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left;
               vertical-align: top; }
      th { background: #f6f8fa; }
      table.sortable th { cursor: pointer; user-select: none; }
      th[aria-sort="ascending"]::after { content: " \\25B2"; }
      th[aria-sort="descending"]::after { content: " \\25BC"; }
      td.num { text-align: right; }
      .sev { font-weight: 600; } .sev.critical { color: #cf222e; }
      .sev.warning { color: #9a6700; } .sev.info { color: #0969da; }
      .errors { color: #cf222e; font-weight: 600; }
      code { background: #f6f8fa; padding: 0 .25rem; border-radius: 4px; }
      svg text { font: 12px system-ui, sans-serif; fill: #1f2328; }
      @media print { table.sortable th { cursor: auto; } }
      """;

  private static final int BAR_WIDTH = 360;
  private static final int LABEL_WIDTH = 330;
  private static final int ROW_HEIGHT = 26;

  private AuditHtml() {}

  public static byte[] render(List<AuditReport> audits) {
    return page(audits).getBytes(StandardCharsets.UTF_8);
  }

  static String page(List<AuditReport> audits) {
    StringBuilder out = new StringBuilder(16_384);
    String heading =
        audits.size() == 1
            ? "KnowBe4 audit — " + audits.get(0).company()
            : "KnowBe4 audit — " + audits.size() + " companies";
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; ")
        .append("script-src '")
        .append(scriptHash())
        .append("'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"generator\" content=\"kb4sync audit\">\n")
        .append("<title>")
        .append(escape(heading))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(escape(heading))
        .append("</h1>\n");
    if (audits.size() > 1) {
      overview(out, audits);
    }
    for (int i = 0; i < audits.size(); i++) {
      company(out, audits.get(i), i + 1);
    }
    out.append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  /** The CSP source for the inline script: {@code sha256-BASE64} of its exact text. */
  static String scriptHash() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(SCRIPT.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  private static void overview(StringBuilder out, List<AuditReport> audits) {
    out.append("<table class=\"sortable overview\" data-table=\"overview\">\n<thead><tr>")
        .append("<th>Company</th><th>Company id</th><th>Complete</th><th>Critical</th>")
        .append("<th>Warning</th><th>Info</th><th>Findings</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < audits.size(); i++) {
      AuditReport a = audits.get(i);
      AuditReport.Summary s = a.summary();
      out.append("<tr><td><a href=\"#company-")
          .append(i + 1)
          .append("\">")
          .append(escape(a.company()))
          .append("</a></td><td>")
          .append(escape(a.companyId()))
          .append("</td><td>")
          .append(a.complete() ? "yes" : "<span class=\"errors\">no: could not read</span>")
          .append("</td>");
      number(out, s.critical());
      number(out, s.warning());
      number(out, s.info());
      number(out, s.findings());
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  private static void company(StringBuilder out, AuditReport audit, int index) {
    AuditReport.Summary s = audit.summary();
    out.append("<section class=\"company\" id=\"company-")
        .append(index)
        .append("\" data-company-id=\"")
        .append(escape(audit.companyId()))
        .append("\">\n<h2>")
        .append(escape(audit.company()))
        .append(" <small>(company ")
        .append(escape(audit.companyId()))
        .append(")</small></h2>\n<p class=\"meta\">Audited ")
        .append(escape(audit.auditTimestamp()))
        .append(" · read-only: nothing was written to Microsoft 365 or KnowBe4</p>\n");
    if (!audit.complete()) {
      out.append("<p class=\"errors\">The audit could not read; nothing below is known.</p>\n")
          .append("<ul class=\"errors\">\n");
      for (AuditReport.ErrorEntry error : audit.errors()) {
        out.append("<li>")
            .append(escape(error.operation()))
            .append(": ")
            .append(escape(error.message()))
            .append("</li>\n");
      }
      out.append("</ul>\n</section>\n");
      return;
    }
    out.append("<div class=\"cards\">\n");
    card(out, "critical", "Critical", s.critical());
    card(out, "warning", "Warning", s.warning());
    card(out, "info", "Info", s.info());
    card(out, "findings", "Findings", s.findings());
    card(out, "in-scope", "In scope in Microsoft 365", s.m365UsersFound());
    card(out, "active", "Active in KnowBe4", s.knowbe4UsersFound());
    card(out, "matched", "Matched", s.usersMatched());
    if (s.seats() != null) {
      out.append("<div class=\"card seats\"><span class=\"n\" data-count=\"seats\">")
          .append(s.seatsUsed())
          .append(" / ")
          .append(s.seats())
          .append("</span>Seats in use</div>\n");
    }
    out.append("</div>\n");
    chart(out, s);
    nextSync(out, audit.nextSync());
    findings(out, audit.findings());
    users(out, audit.findings());
    if (!audit.warnings().isEmpty()) {
      out.append("<h3>Notes</h3>\n<ul class=\"notes\">\n");
      audit.warnings().forEach(w -> out.append("<li>").append(escape(w)).append("</li>\n"));
      out.append("</ul>\n");
    }
    out.append("</section>\n");
  }

  private static void card(StringBuilder out, String kind, String label, int count) {
    out.append("<div class=\"card ")
        .append(kind)
        .append("\"><span class=\"n\" data-count=\"")
        .append(kind)
        .append("\">")
        .append(count)
        .append("</span>")
        .append(escape(label))
        .append("</div>\n");
  }

  /** Horizontal bars: users concerned per category (findings, for categories about no user). */
  private static void chart(StringBuilder out, AuditReport.Summary s) {
    out.append("<h3>Findings by category</h3>\n");
    if (s.categories().isEmpty()) {
      out.append("<p class=\"chart-empty\">No drift found.</p>\n");
      return;
    }
    int max = 1;
    for (AuditReport.CategoryCount c : s.categories()) {
      max = Math.max(max, value(c));
    }
    int height = s.categories().size() * ROW_HEIGHT + 6;
    int width = LABEL_WIDTH + BAR_WIDTH + 140;
    out.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" ")
        .append("width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" aria-label=\"Findings by category\">\n");
    int y = 3;
    for (AuditReport.CategoryCount c : s.categories()) {
      int bar = Math.max(2, (int) Math.round((double) value(c) * BAR_WIDTH / max));
      String label =
          c.users() > 0
              ? c.users() + (c.users() == 1 ? " user" : " users")
              : c.findings() + (c.findings() == 1 ? " finding" : " findings");
      out.append("<g class=\"bar\" data-category=\"")
          .append(escape(c.category().id()))
          .append("\" data-value=\"")
          .append(value(c))
          .append("\"><title>")
          .append(escape(c.title() + ": " + label + " (" + c.severity().id() + ")"))
          .append("</title><text x=\"0\" y=\"")
          .append(y + 16)
          .append("\">")
          .append(escape(c.title()))
          .append("</text><rect x=\"")
          .append(LABEL_WIDTH)
          .append("\" y=\"")
          .append(y + 3)
          .append("\" width=\"")
          .append(bar)
          .append("\" height=\"")
          .append(ROW_HEIGHT - 8)
          .append("\" fill=\"")
          .append(color(c.severity()))
          .append("\"></rect><text x=\"")
          .append(LABEL_WIDTH + bar + 6)
          .append("\" y=\"")
          .append(y + 16)
          .append("\">")
          .append(escape(label))
          .append("</text></g>\n");
      y += ROW_HEIGHT;
    }
    out.append("</svg>\n");
  }

  private static int value(AuditReport.CategoryCount c) {
    return c.users() > 0 ? c.users() : c.findings();
  }

  private static void nextSync(StringBuilder out, AuditReport.NextSync next) {
    out.append("<h3>What the next sync would do</h3>\n<p>Command: <code>")
        .append(escape(next.command()))
        .append("</code> (remove_stale_users ")
        .append(next.removeStaleUsers())
        .append(", sync_groups ")
        .append(next.syncGroups())
        .append(")</p>\n<table class=\"next\">\n<tbody>\n");
    nextRow(out, "Create users", next.usersCreated());
    nextRow(out, "Hold creates back (no seats)", next.createsHeld());
    nextRow(out, "Restore archived users", next.usersRestored());
    nextRow(out, "Update users", next.usersUpdated());
    nextRow(out, "Update managers", next.managersUpdated());
    nextRow(out, "Archive stale users", next.usersArchived());
    nextRow(out, "Hold archives back (safety guard)", next.archivesHeld());
    nextRow(out, "Leave stale users active", next.staleLeftAlone());
    nextRow(out, "Create groups", next.groupsCreated());
    nextRow(out, "Add memberships", next.groupAdditions());
    nextRow(out, "Remove memberships", next.groupRemovals());
    nextRow(out, "Leave conflicts untouched", next.conflicts());
    out.append("</tbody>\n</table>\n");
  }

  private static void nextRow(StringBuilder out, String label, int count) {
    out.append("<tr><th scope=\"row\">").append(escape(label)).append("</th>");
    number(out, count);
    out.append("</tr>\n");
  }

  private static void findings(StringBuilder out, List<Finding> findings) {
    out.append("<h3>Findings</h3>\n");
    if (findings.isEmpty()) {
      out.append("<p>None: KnowBe4 matches Microsoft 365.</p>\n");
      return;
    }
    out.append("<table class=\"sortable findings\" data-table=\"findings\">\n<thead><tr>")
        .append("<th>Severity</th><th>Category</th><th>Subject</th><th>Finding</th>")
        .append("<th>Users</th><th>Next sync</th><th>Suggested action</th></tr></thead>\n")
        .append("<tbody>\n");
    for (Finding f : findings) {
      out.append("<tr>");
      severity(out, f.severity());
      cell(out, f.category().id());
      cell(out, f.subject());
      cell(out, f.title());
      number(out, f.users().size());
      cell(out, f.nextSync());
      cell(out, f.suggestedAction());
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  private static void users(StringBuilder out, List<Finding> findings) {
    boolean any = findings.stream().anyMatch(f -> !f.users().isEmpty());
    if (!any) {
      return;
    }
    out.append("<h3>Users concerned</h3>\n")
        .append("<table class=\"sortable users\" data-table=\"users\">\n<thead><tr>")
        .append("<th>Severity</th><th>Category</th><th>Email</th><th>Detail</th>")
        .append("<th>KnowBe4 value</th><th>Microsoft 365 value</th>")
        .append("<th>Last seen in scope</th><th>Finding</th></tr></thead>\n<tbody>\n");
    for (Finding f : findings) {
      for (AffectedUser u : f.users()) {
        out.append("<tr>");
        severity(out, f.severity());
        cell(out, f.category().id());
        cell(out, u.email());
        cell(out, u.detail());
        cell(out, u.knowbe4Value());
        cell(out, u.m365Value());
        cell(out, u.lastM365Sync());
        cell(out, f.title());
        out.append("</tr>\n");
      }
    }
    out.append("</tbody>\n</table>\n");
  }

  private static void severity(StringBuilder out, Severity severity) {
    out.append("<td class=\"sev ")
        .append(severity.id())
        .append("\" data-sort=\"")
        .append(severity.ordinal())
        .append("\">")
        .append(severity.id())
        .append("</td>");
  }

  private static void cell(StringBuilder out, String value) {
    out.append("<td>").append(value == null ? "" : escape(value)).append("</td>");
  }

  private static void number(StringBuilder out, int value) {
    out.append("<td class=\"num\">").append(value).append("</td>");
  }

  private static String color(Severity severity) {
    switch (severity) {
      case CRITICAL:
        return "#cf222e";
      case WARNING:
        return "#d4a72c";
      case INFO:
      default:
        return "#54aeff";
    }
  }

  /** Text and attribute values: {@code & < > " '} become entities. */
  static String escape(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
