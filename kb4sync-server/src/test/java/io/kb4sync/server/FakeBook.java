package io.kb4sync.server;

import io.kb4sync.core.state.RunRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A book in memory whose answers a test sets, and which remembers what it was asked. */
final class FakeBook implements Book {
  final Map<String, CompanyDetail> companies = new LinkedHashMap<>();
  final List<RunRecord> runs = new ArrayList<>();
  final Map<String, Cancel> cancels = new HashMap<>();
  final List<String> calls = new ArrayList<>();
  RunStart nextStart = new RunStart.Queued("01JRUNQUEUED0000000000000A");
  String reloadProblem;
  Readiness readiness = new Readiness(List.of(), List.of());
  RuntimeException failure;

  RunRequest lastRequest;
  Caller lastCaller;
  RunFilter lastFilter;

  FakeBook company(CompanyDetail detail) {
    companies.put(detail.company().companyId(), detail);
    return this;
  }

  private synchronized void called(String call) {
    calls.add(call);
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public synchronized List<CompanyView> companies() {
    called("companies");
    return companies.values().stream().map(CompanyDetail::company).toList();
  }

  @Override
  public synchronized Optional<CompanyDetail> company(String companyId) {
    called("company " + companyId);
    return Optional.ofNullable(companies.get(companyId));
  }

  @Override
  public synchronized Optional<CompanyView> setPaused(String companyId, boolean paused, Caller by) {
    called("setPaused " + companyId + " " + paused);
    lastCaller = by;
    CompanyDetail detail = companies.get(companyId);
    if (detail == null) {
      return Optional.empty();
    }
    CompanyView old = detail.company();
    CompanyView changed =
        new CompanyView(
            old.companyId(),
            old.name(),
            paused,
            old.lastRun(),
            paused ? null : old.nextSyncAt(),
            paused ? null : old.nextAuditAt(),
            old.heldArchives());
    companies.put(companyId, new CompanyDetail(changed, detail.variables(), detail.schedule()));
    return Optional.of(changed);
  }

  @Override
  public synchronized RunStart start(String companyId, RunRequest request, Caller by) {
    called("start " + companyId);
    lastRequest = request;
    lastCaller = by;
    return nextStart;
  }

  @Override
  public synchronized Cancel cancel(String runId, Caller by) {
    called("cancel " + runId);
    lastCaller = by;
    return cancels.getOrDefault(runId, Cancel.UNKNOWN);
  }

  @Override
  public synchronized List<RunRecord> runs(RunFilter filter) {
    called("runs");
    lastFilter = filter;
    return runs.stream().limit(filter.limit()).toList();
  }

  @Override
  public synchronized Optional<RunRecord> run(String runId) {
    called("run " + runId);
    return runs.stream().filter(r -> r.runId().equals(runId)).findFirst();
  }

  @Override
  public synchronized Reload reload(Caller by) {
    called("reload");
    lastCaller = by;
    return new Reload(reloadProblem);
  }

  @Override
  public synchronized Readiness readiness() {
    called("readiness");
    return readiness;
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }
}
