package io.kb4sync.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.server.Book;
import io.kb4sync.server.Caller;
import io.kb4sync.server.Role;
import io.kb4sync.server.RunJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard (docs/dashboard.md): server-rendered pages over the {@link Book}, for people signed
 * in through {@link WebSecurity}, whose guard runs before every page: a live session, and on a POST
 * the session's CSRF token and our own origin. Each route here checks the role (operator: runs and
 * pause; admin: held archives, users): a viewer's forged POST is refused with 403.
 */
public final class Dashboard {
  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

  /** As the API's views: a variable whose name says secret is never shown, whatever the book. */
  private static final java.util.regex.Pattern SECRET_NAME =
      java.util.regex.Pattern.compile(
          "(?i).*(secret|token|passw|pwd|credential|api_?key|private).*");

  /** How far back dismissals of held sets are looked for in the admin log. */
  static final int DISMISSAL_DAYS = 90;

  /** How many of the newest admin actions the admin log page shows; the CSV has them all. */
  static final int LOG_ROWS = 200;

  private static final Map<String, String> STATIC =
      Map.of(
          "dashboard.css", "text/css; charset=utf-8",
          "app.css", "text/css; charset=utf-8",
          "dashboard.js", "text/javascript; charset=utf-8");

  @FunctionalInterface
  private interface PageAction {
    void handle(Context ctx, Session session) throws Exception;
  }

  private final Book book;
  private final People people;
  private final ApiTokens tokens;
  private final AdminLog log;
  private final Clock clock;
  private final TemplateEngine templates;

  public Dashboard(Book book, People people, ApiTokens tokens, AdminLog log, Clock clock) {
    this.book = Objects.requireNonNull(book, "book");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.people = Objects.requireNonNull(people, "people");
    this.log = Objects.requireNonNull(log, "log");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.templates =
        TemplateEngine.createPrecompiled(
            null,
            ContentType.Html,
            Dashboard.class.getClassLoader(),
            "io.kb4sync.server.web.pages");
  }

  /**
   * Adds the pages' routes to the server's configuration, after {@link WebSecurity#install} (which
   * serves {@code /login} and {@code /logout}).
   */
  public void routes(JavalinConfig config) {
    config.routes.get("/static/{file}", this::staticFile);
    route(config, HandlerType.GET, "/", Role.VIEWER, this::companies);
    route(config, HandlerType.GET, "/companies/{id}", Role.VIEWER, this::company);
    route(config, HandlerType.GET, "/companies/{id}/evidence.csv", Role.VIEWER, this::evidence);
    route(config, HandlerType.POST, "/companies/{id}/runs", Role.OPERATOR, this::startRun);
    route(config, HandlerType.POST, "/companies/{id}/pause", Role.OPERATOR, this::pause);
    route(config, HandlerType.POST, "/companies/{id}/held/approve", Role.ADMIN, this::approve);
    route(config, HandlerType.POST, "/companies/{id}/held/dismiss", Role.ADMIN, this::dismiss);
    route(config, HandlerType.GET, "/runs/{id}", Role.VIEWER, this::run);
    route(config, HandlerType.GET, "/runs/{id}/progress", Role.VIEWER, this::progress);
    route(config, HandlerType.GET, "/runs/{id}/report.json", Role.VIEWER, this::runJson);
    route(config, HandlerType.GET, "/held", Role.VIEWER, this::heldList);
    route(config, HandlerType.GET, "/admin/users", Role.ADMIN, this::users);
    route(config, HandlerType.POST, "/admin/users/{name}/disable", Role.ADMIN, this::disable);
    route(config, HandlerType.POST, "/admin/tokens/{name}/revoke", Role.ADMIN, this::revoke);
    route(config, HandlerType.GET, "/admin/log", Role.ADMIN, this::adminLogPage);
    route(config, HandlerType.GET, "/admin/log.csv", Role.ADMIN, this::adminLog);
    config.routes.exception(
        PageException.class, (e, ctx) -> problem(ctx, e.status(), e.getMessage()));
  }

  private void route(
      JavalinConfig config, HandlerType method, String path, Role role, PageAction action) {
    config.routes.addHttpHandler(
        method,
        path,
        ctx -> {
          // The guard let the request through with a session, its CSRF token and origin checked.
          Optional<Session> session = WebSecurity.session(ctx);
          if (session.isEmpty()) {
            throw new PageException(401, "Sign in first.");
          }
          if (!session.get().caller().role().atLeast(role)) {
            throw PageException.forbidden();
          }
          try {
            action.handle(ctx, session.get());
          } catch (PageException e) {
            throw e;
          } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            throw new PageException(500, "Something went wrong; the server's log says what.");
          }
        });
  }

  // ---- sign-in ----

  /** The sign-in page drawn with the pages' template, for {@link WebSecurity#loginForm}. */
  public LoginForm loginForm() {
    return (ctx, view) ->
        render(
            ctx,
            "login.jte",
            new Pages.Login(
                Frame.signedOut("Sign in"),
                view.message(),
                view.name(),
                view.next(),
                view.entra()
                    ? "/auth/entra?next="
                        + java.net.URLEncoder.encode(
                            view.next(), java.nio.charset.StandardCharsets.UTF_8)
                    : null));
  }

  // ---- companies ----

  private void companies(Context ctx, Session session) {
    String query = ctx.queryParam("q");
    String filter = oneOf(ctx.queryParam("filter"), Overview.FILTERS);
    String sort = oneOf(ctx.queryParam("sort"), Overview.SORTS);
    Set<String> dismissed = dismissed();
    List<CompanyRow> rows = new ArrayList<>();
    for (Book.CompanyView company : book.companies()) {
      rows.add(Overview.row(book, company, dismissed));
    }
    List<String> others = List.of();
    try {
      others = book.readiness().nodesWithOtherConfiguration();
    } catch (RuntimeException e) {
      LOG.warn("cannot read the cluster's nodes: {}", e.getMessage());
    }
    render(
        ctx,
        "companies.jte",
        new Pages.Companies(
            frame(session, "Companies", "companies"),
            Overview.shown(rows, query, filter, sort),
            Overview.tally(rows),
            query == null ? "" : query,
            filter == null ? "" : filter,
            sort == null ? "status" : sort,
            others == null ? List.of() : List.copyOf(others)));
  }

  private void company(Context ctx, Session session) {
    Book.CompanyDetail detail = companyOf(ctx);
    String id = detail.company().companyId();
    Set<String> dismissed = dismissed();
    CompanyRow row = Overview.row(book, detail.company(), dismissed);
    List<RunRecord> runs = book.runs(new Book.RunFilter(id, null, 20, null));
    RunRecord latestSync =
        runs.stream()
            .filter(r -> RunRecord.SYNC.equals(r.kind()) && r.reportJson() != null)
            .findFirst()
            .orElse(null);
    RunRecord audit = book.latestAudit(id).orElse(null);
    List<Pages.Setting> settings = new ArrayList<>();
    detail
        .variables()
        .forEach(
            (k, v) -> {
              if (!SECRET_NAME.matcher(k).matches()) {
                settings.add(new Pages.Setting(k, String.valueOf(v)));
              }
            });
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    render(
        ctx,
        "company.jte",
        new Pages.Company(
            frame(session, row.name(), "companies"),
            row,
            runs.stream().map(RunLine::of).toList(),
            latestSync == null ? null : RunLine.of(latestSync),
            latestSync == null ? null : ReportView.of(latestSync.reportJson(), false).orElse(null),
            audit == null ? null : RunLine.of(audit),
            audit == null ? null : ReportView.of(audit.reportJson(), true).orElse(null),
            List.copyOf(settings),
            detail.schedule(),
            held(id, row.name(), dismissed).orElse(null),
            today.minusDays(30).toString(),
            today.toString()));
  }

  private void evidence(Context ctx, Session session) {
    Book.CompanyDetail detail = companyOf(ctx);
    LocalDate from = date(ctx.queryParam("from"), "from");
    LocalDate to = date(ctx.queryParam("to"), "to");
    if (from == null || to == null || to.isBefore(from)) {
      throw new PageException(400, "Give a from date and a to date (YYYY-MM-DD), from first.");
    }
    String id = detail.company().companyId();
    String csv =
        Evidence.csv(
            book,
            id,
            from.atStartOfDay().toInstant(ZoneOffset.UTC),
            to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"kb4sync-evidence-" + safe(id) + "-" + from + "-" + to + ".csv\"");
    ctx.contentType("text/csv; charset=utf-8").result(csv);
  }

  private void startRun(Context ctx, Session session) {
    Book.CompanyDetail detail = companyOf(ctx);
    String what = ctx.formParam("what");
    Book.RunRequest request;
    String action;
    if ("dry_run".equals(what)) {
      request = new Book.RunRequest(RunRecord.SYNC, true, null, null);
      action = "dry_run_now";
    } else if ("sync".equals(what)) {
      request = new Book.RunRequest(RunRecord.SYNC, false, null, null);
      action = "sync_now";
    } else if ("audit".equals(what)) {
      request = new Book.RunRequest(RunRecord.AUDIT, false, null, null);
      action = "audit_now";
    } else {
      throw new PageException(400, "Choose a dry run, a sync or an audit.");
    }
    started(ctx, session, detail, request, action, null);
  }

  private void started(
      Context ctx,
      Session session,
      Book.CompanyDetail detail,
      Book.RunRequest request,
      String action,
      String detailText) {
    String id = detail.company().companyId();
    Caller by = session.caller();
    Book.RunStart start = book.start(id, request, by);
    if (start instanceof Book.RunStart.Queued queued) {
      record(
          by, action, id, (detailText == null ? "" : detailText + "; ") + "run " + queued.runId());
      ctx.redirect("/runs/" + Links.path(queued.runId()), io.javalin.http.HttpStatus.SEE_OTHER);
    } else if (start instanceof Book.RunStart.Busy busy) {
      throw new PageException(409, "Not started: " + busy.message() + ".");
    } else if (start instanceof Book.RunStart.Refused refused) {
      throw new PageException(400, "Not started: " + refused.message() + ".");
    } else {
      throw PageException.notFound("company");
    }
  }

  private void pause(Context ctx, Session session) {
    Book.CompanyDetail detail = companyOf(ctx);
    boolean paused = "true".equals(ctx.formParam("paused"));
    String id = detail.company().companyId();
    book.setPaused(id, paused, session.caller());
    record(session.caller(), paused ? "pause" : "resume", id, null);
    ctx.redirect("/companies/" + Links.path(id), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  // ---- held archives ----

  private void approve(Context ctx, Session session) {
    Book.CompanyDetail detail = companyOf(ctx);
    String fingerprint = fingerprint(ctx);
    int count = book.held(detail.company().companyId()).map(s -> s.users().size()).orElse(0);
    started(
        ctx,
        session,
        detail,
        new Book.RunRequest(RunRecord.SYNC, false, true, fingerprint),
        "approve_held",
        "fingerprint " + fingerprint + " (" + count + " shown)");
  }

  private void dismiss(Context ctx, Session session) {
    Book.CompanyDetail detail = companyOf(ctx);
    String fingerprint = fingerprint(ctx);
    String id = detail.company().companyId();
    record(session.caller(), "dismiss_held", id, "fingerprint " + fingerprint);
    ctx.redirect("/companies/" + Links.path(id), io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void heldList(Context ctx, Session session) {
    List<Pages.Held> sets = new ArrayList<>();
    Set<String> dismissed = dismissed();
    for (Book.CompanyView company : book.companies()) {
      if (company.heldArchives() > 0) {
        held(company.companyId(), company.name(), dismissed)
            .filter(h -> !h.dismissed())
            .ifPresent(sets::add);
      }
    }
    render(ctx, "held.jte", new Pages.HeldList(frame(session, "Held archives", "held"), sets));
  }

  /**
   * @param dismissed {@link #dismissed()}, read once per page
   */
  private Optional<Pages.Held> held(String companyId, String name, Set<String> dismissed) {
    return book.held(companyId)
        .map(
            set ->
                new Pages.Held(
                    companyId,
                    name == null ? companyId : name,
                    set,
                    dismissed.contains(companyId + " " + set.fingerprint())));
  }

  /** {@code companyId + " " + fingerprint} of the held sets dismissed in the last 90 days. */
  private Set<String> dismissed() {
    Instant now = clock.instant();
    Set<String> out = new HashSet<>();
    for (AdminAction action :
        log.between(
            "dismiss_held", now.minus(DISMISSAL_DAYS, ChronoUnit.DAYS), now.plusSeconds(1))) {
      if (action.companyId() != null
          && action.detail() != null
          && action.detail().startsWith("fingerprint ")) {
        out.add(action.companyId() + " " + action.detail().substring("fingerprint ".length()));
      }
    }
    return out;
  }

  private static String fingerprint(Context ctx) {
    String fingerprint = ctx.formParam("fingerprint");
    if (fingerprint == null || !fingerprint.matches("[0-9a-fA-F]{16,128}")) {
      throw new PageException(400, "The held set's fingerprint is missing.");
    }
    return fingerprint;
  }

  // ---- runs ----

  private void run(Context ctx, Session session) {
    RunRecord run = runOf(ctx);
    String name =
        book.company(run.companyId()).map(d -> d.company().name()).orElse(run.companyId());
    render(
        ctx,
        "run.jte",
        new Pages.Run(
            frame(session, "Run " + run.runId(), "companies"),
            RunLine.of(run),
            name == null ? run.companyId() : name,
            ReportView.of(run.reportJson(), RunRecord.AUDIT.equals(run.kind())).orElse(null),
            progressOf(run)));
  }

  private void progress(Context ctx, Session session) {
    RunRecord run = runOf(ctx);
    ctx.header("X-Run-Open", Boolean.toString(run.status().open()));
    render(ctx, "progress.jte", progressOf(run));
  }

  private Pages.Progress progressOf(RunRecord run) {
    Book.Progress progress = book.progress(run.runId()).orElse(null);
    if (progress == null || !progress.run().status().open()) {
      return new Pages.Progress(run.status().id(), null, null, null);
    }
    return new Pages.Progress(
        progress.run().status().id(),
        progress.phase(),
        progress.detail(),
        RunJson.seconds(progress.phaseAt()));
  }

  private void runJson(Context ctx, Session session) {
    RunRecord run = runOf(ctx);
    ctx.header(
        "Content-Disposition",
        "attachment; filename=\"kb4sync-run-" + safe(run.runId()) + ".json\"");
    ctx.contentType("application/json")
        .result(run.reportJson() == null ? "null" : run.reportJson());
  }

  // ---- admin ----

  private void users(Context ctx, Session session) {
    render(
        ctx,
        "users.jte",
        new Pages.Users(frame(session, "Users and tokens", "admin"), people.list(), tokens.list()));
  }

  private void disable(Context ctx, Session session) {
    String name = ctx.pathParam("name");
    if (!people.disable(name)) {
      throw PageException.notFound("user");
    }
    record(session.caller(), "user_disable", null, "user " + name);
    ctx.redirect("/admin/users", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void revoke(Context ctx, Session session) {
    String name = ctx.pathParam("name");
    if (!tokens.revoke(name)) {
      throw PageException.notFound("token");
    }
    record(session.caller(), "token_revoke", null, "token " + name);
    ctx.redirect("/admin/users", io.javalin.http.HttpStatus.SEE_OTHER);
  }

  private void adminLogPage(Context ctx, Session session) {
    String action = oneOf(ctx.queryParam("action"), AdminAction.ACTIONS);
    List<Pages.LogLine> rows =
        log.newest(action, LOG_ROWS).stream()
            .map(
                a ->
                    new Pages.LogLine(
                        RunJson.seconds(a.at()), a.actor(), a.action(), a.companyId(), a.detail()))
            .toList();
    render(
        ctx,
        "adminlog.jte",
        new Pages.Log(
            frame(session, "Admin log", "log"),
            rows,
            action == null ? "" : action,
            AdminAction.ACTIONS,
            LOG_ROWS));
  }

  private void adminLog(Context ctx, Session session) {
    Instant now = clock.instant();
    Csv csv = new Csv().row("at", "actor", "action", "company_id", "detail");
    for (AdminAction a : log.between(Instant.EPOCH, now.plusSeconds(1))) {
      csv.row(
          RunJson.seconds(a.at()),
          a.actor(),
          a.action(),
          a.companyId() == null ? "" : a.companyId(),
          a.detail() == null ? "" : a.detail());
    }
    ctx.header("Content-Disposition", "attachment; filename=\"kb4sync-admin-log.csv\"");
    ctx.contentType("text/csv; charset=utf-8").result(csv.toString());
  }

  // ---- helpers ----

  private void record(Caller by, String action, String companyId, String detail) {
    log.record(new AdminAction(clock.instant(), by.trigger(), action, companyId, detail));
  }

  private Book.CompanyDetail companyOf(Context ctx) {
    return book.company(ctx.pathParam("id")).orElseThrow(() -> PageException.notFound("company"));
  }

  private RunRecord runOf(Context ctx) {
    return book.run(ctx.pathParam("id")).orElseThrow(() -> PageException.notFound("run"));
  }

  private static Frame frame(Session session, String title, String active) {
    return new Frame(
        title, session.caller().name(), session.caller().role(), session.csrfToken(), active);
  }

  private void problem(Context ctx, int status, String message) {
    ctx.status(status);
    Frame frame =
        WebSecurity.session(ctx)
            .map(s -> frame(s, "Error " + status, ""))
            .orElse(Frame.signedOut("Error " + status));
    render(ctx, "error.jte", new Pages.Problem(frame, status, message));
  }

  private void render(Context ctx, String template, Object model) {
    StringOutput out = new StringOutput();
    templates.render(template, model, out);
    ctx.contentType("text/html; charset=utf-8").result(out.toString());
  }

  private void staticFile(Context ctx) {
    String file = ctx.pathParam("file");
    String type = STATIC.get(file);
    if (type == null) {
      throw PageException.notFound("file");
    }
    // app.css: the stylesheet the sign-in's own pages (LoginPage) link to.
    String resource = file.equals("app.css") ? "dashboard.css" : file;
    try (InputStream in = Dashboard.class.getResourceAsStream("static/" + resource)) {
      if (in == null) {
        throw PageException.notFound("file");
      }
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Cache-Control", "max-age=300");
      ctx.contentType(type).result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String oneOf(String value, List<String> allowed) {
    return value != null && allowed.contains(value) ? value : null;
  }

  private static LocalDate date(String text, String name) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new PageException(400, "The " + name + " date must be YYYY-MM-DD.");
    }
  }

  private static String safe(String text) {
    return text.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
