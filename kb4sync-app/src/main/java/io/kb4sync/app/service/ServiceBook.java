package io.kb4sync.app.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.app.Messages;
import io.kb4sync.app.Precedence;
import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ScheduleConfig;
import io.kb4sync.app.config.Variables;
import io.kb4sync.app.run.RunPhases;
import io.kb4sync.core.plan.Guard;
import io.kb4sync.core.run.RunStatus;
import io.kb4sync.core.state.RunQuery;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.server.Book;
import io.kb4sync.server.Caller;
import io.kb4sync.store.RunOwner;
import io.kb4sync.store.ServiceScheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link Book} over the configuration in force, the state store, the scheduler and the one
 * runner: what the HTTP face (API, dashboard) sees of the service. Never answers with a secret.
 */
public final class ServiceBook implements Book {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int HELD_LOOKBACK = 3;

  private final Service service;

  ServiceBook(Service service) {
    this.service = service;
  }

  @Override
  public List<CompanyView> companies() {
    Config config = service.config();
    Set<String> paused = service.scheduler().pausedCompanies();
    Map<String, Instant> syncs = service.scheduler().planned(ServiceScheduler.SYNC);
    Map<String, Instant> audits = service.scheduler().planned(ServiceScheduler.AUDIT);
    List<CompanyView> views = new ArrayList<>();
    for (CompanyConfig company : config.companies()) {
      views.add(view(company, paused.contains(company.companyId()), syncs, audits));
    }
    return views;
  }

  @Override
  public Optional<CompanyDetail> company(String companyId) {
    Config config = service.config();
    return config
        .company(companyId)
        .map(
            company -> {
              ScheduleConfig schedule = config.schedule(company);
              return new CompanyDetail(
                  view(company),
                  variables(Precedence.variables(config, company)),
                  new Schedule(schedule.sync(), schedule.audit(), schedule.timeZone()));
            });
  }

  @Override
  public Optional<CompanyView> setPaused(String companyId, boolean paused, Caller by) {
    Optional<CompanyConfig> company = service.config().company(companyId);
    if (company.isEmpty()) {
      return Optional.empty();
    }
    service.scheduler().setPaused(companyId, paused, by.trigger());
    return Optional.of(view(company.get()));
  }

  @Override
  public RunStart start(String companyId, RunRequest request, Caller by) {
    Config config = service.config();
    Optional<CompanyConfig> company = config.company(companyId);
    if (company.isEmpty()) {
      return new RunStart.UnknownCompany();
    }
    String kind = request.kind();
    if (!RunRecord.SYNC.equals(kind) && !RunRecord.AUDIT.equals(kind)) {
      return new RunStart.Refused("kind must be sync or audit");
    }
    if (kind.equals(RunRecord.AUDIT)
        && (request.dryRun()
            || request.removeStaleUsers() != null
            || request.approveHeld() != null)) {
      return new RunStart.Refused("an audit takes kind only");
    }
    if (request.approveHeld() != null && request.approveHeld().isBlank()) {
      return new RunStart.Refused("approve_held must be a staged_archives_fingerprint");
    }
    Optional<RunRecord> open = openRun(companyId);
    if (open.isPresent()) {
      return new RunStart.Busy(
          "company "
              + companyId
              + " has a run "
              + open.get().status()
              + " ("
              + open.get().runId()
              + ")");
    }
    QueuedRequest asked =
        new QueuedRequest(
            companyId,
            kind,
            request.dryRun(),
            request.removeStaleUsers(),
            request.approveHeld(),
            by.trigger());
    RunRecord queued =
        RunRecord.queued(
            companyId,
            kind,
            request.dryRun(),
            service.clock().instant(),
            by.trigger(),
            RunOwner.current(),
            asked.describe());
    service.store().startRun(queued);
    service.scheduler().queue(queued.runId(), asked.toJson());
    return new RunStart.Queued(queued.runId());
  }

  private Optional<RunRecord> openRun(String companyId) {
    return service.store().runs(RunQuery.ofCompany(companyId, 20)).stream()
        .filter(r -> r.status().open())
        .findFirst();
  }

  @Override
  public Cancel cancel(String runId, Caller by) {
    Optional<RunRecord> run = service.store().run(runId);
    if (run.isEmpty()) {
      return Cancel.UNKNOWN;
    }
    if (run.get().status() != RunStatus.QUEUED
        || !service
            .store()
            .endRun(runId, RunStatus.QUEUED, RunStatus.SKIPPED, service.clock().instant())) {
      return Cancel.NOT_QUEUED;
    }
    service.scheduler().unqueue(runId);
    return Cancel.CANCELLED;
  }

  @Override
  public List<RunRecord> runs(RunFilter filter) {
    return service
        .store()
        .runs(new RunQuery(filter.companyId(), filter.kind(), filter.limit(), filter.before()));
  }

  @Override
  public Optional<RunRecord> run(String runId) {
    return service.store().run(runId);
  }

  @Override
  public Reload reload(Caller by) {
    return new Reload(service.reload());
  }

  @Override
  public Readiness readiness() {
    List<String> problems = new ArrayList<>();
    List<String> others = new ArrayList<>();
    try {
      service.store().runs(RunQuery.newest(1));
      String mine = service.configHash();
      for (ServiceScheduler.Node node : service.scheduler().liveNodes()) {
        if (!node.name().equals(service.scheduler().node()) && !node.configHash().equals(mine)) {
          others.add(node.name());
        }
      }
    } catch (RuntimeException e) {
      problems.add("the state store cannot be reached: " + Messages.describe(e));
    }
    if (!service.scheduler().running()) {
      problems.add("the scheduler is not running");
    }
    return new Readiness(List.copyOf(problems), List.copyOf(others));
  }

  @Override
  public Optional<HeldSet> held(String companyId) {
    List<RunRecord> syncs = newestSyncs(companyId);
    for (RunRecord run : syncs) {
      if (run.dryRun() || run.reportJson() == null) {
        continue;
      }
      try {
        JsonNode report = JSON.readTree(run.reportJson());
        List<HeldUser> users = new ArrayList<>();
        for (JsonNode archive : report.path("staged_archives")) {
          if (Guard.THRESHOLD.id().equals(archive.path("guard").asText())) {
            JsonNode seen = archive.path("last_m365_sync");
            users.add(
                new HeldUser(
                    archive.path("email").asText(),
                    archive.path("reason").asText(),
                    seen.isTextual() ? Instant.parse(seen.asText()) : null,
                    archive.path("held_by").asText()));
          }
        }
        JsonNode fingerprint = report.path("staged_archives_fingerprint");
        if (users.isEmpty() || !fingerprint.isTextual()) {
          return Optional.empty();
        }
        return Optional.of(
            new HeldSet(
                companyId,
                run.runId(),
                run.finishedAt() == null ? run.startedAt() : run.finishedAt(),
                fingerprint.asText(),
                users));
      } catch (java.io.IOException | java.time.format.DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<RunRecord> latestAudit(String companyId) {
    // The newest audit has usually ended: one row; else a few (each comes with its document).
    List<RunRecord> newest =
        service.store().runs(new RunQuery(companyId, RunRecord.AUDIT, 1, null));
    if (newest.isEmpty() || !newest.get(0).status().open()) {
      return newest.stream().findFirst();
    }
    return service.store().runs(new RunQuery(companyId, RunRecord.AUDIT, 5, null)).stream()
        .filter(r -> !r.status().open())
        .findFirst();
  }

  @Override
  public Optional<Progress> progress(String runId) {
    return service
        .store()
        .run(runId)
        .map(
            run -> {
              if (run.status() != RunStatus.RUNNING) {
                return new Progress(run, null, null, null);
              }
              return RunPhases.PROCESS
                  .of(run.companyId(), run.startedAt())
                  .map(p -> new Progress(run, p.phase(), p.detail(), p.at()))
                  .orElse(new Progress(run, null, null, null));
            });
  }

  private CompanyView view(CompanyConfig company) {
    return view(
        company,
        service.scheduler().paused(company.companyId()),
        service.scheduler().planned(ServiceScheduler.SYNC),
        service.scheduler().planned(ServiceScheduler.AUDIT));
  }

  private CompanyView view(
      CompanyConfig company,
      boolean paused,
      Map<String, Instant> syncs,
      Map<String, Instant> audits) {
    String id = company.companyId();
    List<RunRecord> recent = service.store().runs(RunQuery.ofCompany(id, 1));
    return new CompanyView(
        id,
        company.displayName(),
        paused,
        recent.isEmpty() ? null : recent.get(0),
        paused ? null : syncs.get(id),
        paused ? null : audits.get(id),
        heldArchives(id));
  }

  /**
   * Users held by the threshold guard in the newest real sync that has a report, among the
   * company's newest {@value #HELD_LOOKBACK} syncs (runs come with their reports: a few only).
   */
  int heldArchives(String companyId) {
    return held(companyId).map(set -> set.users().size()).orElse(0);
  }

  /**
   * The company's newest syncs to look for held archives in: the newest alone when it is a real
   * sync with a report (the usual case: one row read), else the newest {@value #HELD_LOOKBACK}.
   */
  private List<RunRecord> newestSyncs(String companyId) {
    List<RunRecord> newest = service.store().runs(new RunQuery(companyId, RunRecord.SYNC, 1, null));
    if (newest.isEmpty() || (!newest.get(0).dryRun() && newest.get(0).reportJson() != null)) {
      return newest;
    }
    return service.store().runs(new RunQuery(companyId, RunRecord.SYNC, HELD_LOOKBACK, null));
  }

  /** The effective variables by their configuration keys; unset ones left out. No secret. */
  static Map<String, Object> variables(Variables v) {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "knowbe4_sync_license_filter", v.licenseFilter());
    put(out, "knowbe4_default_group", v.defaultGroup());
    put(out, "knowbe4_department_group_mapping", v.departmentGroupMapping());
    put(out, "knowbe4_remove_stale_users", v.removeStaleUsers());
    put(out, "knowbe4_notification_recipients", v.notificationRecipients());
    put(out, "knowbe4_archive_threshold_count", v.archiveThresholdCount());
    put(out, "knowbe4_archive_threshold_percent", v.archiveThresholdPercent());
    put(out, "knowbe4_stale_action", v.staleAction());
    put(out, "knowbe4_notification_policy", v.notificationPolicy());
    return out;
  }

  private static void put(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value);
    }
  }
}
