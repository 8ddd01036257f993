package io.kb4sync.core.testing;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.execute.WriteGate;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.report.Company;
import io.kb4sync.core.sync.SyncListener;
import io.kb4sync.core.sync.SyncResult;
import io.kb4sync.core.sync.SyncService;
import io.kb4sync.core.training.TrainingSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** One company wired to in-memory ports: run syncs against it and inspect what happened. */
public final class Scenario {
  public static final Company ACME = new Company("1001", "Acme Corp", "kb4sync.yaml");
  public static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

  private DirectorySnapshot tenant;
  private final InMemoryPlatform platform;
  private final InMemoryStateStore store = new InMemoryStateStore();
  private Instant now = NOW;
  private WriteGate stop = WriteGate.OPEN;

  public Scenario(DirectorySnapshot tenant, TrainingSnapshot account) {
    this.tenant = tenant;
    this.platform = InMemoryPlatform.of(account);
  }

  public InMemoryPlatform platform() {
    return platform;
  }

  public InMemoryStateStore store() {
    return store;
  }

  public Scenario tenant(DirectorySnapshot value) {
    tenant = value;
    return this;
  }

  /** Runs from now on watch this stop signal. */
  public Scenario stop(WriteGate value) {
    stop = value;
    return this;
  }

  public Scenario at(Instant value) {
    now = value;
    return this;
  }

  public SyncResult sync(SyncOptions options) {
    SyncService service =
        new SyncService(store, Clock.fixed(now, ZoneOffset.UTC), SyncListener.none(), stop);
    DirectorySnapshot snapshot = tenant;
    SyncResult result = service.run(ACME, options, () -> snapshot, platform);
    ReportSchema.assertValid(result.report());
    return result;
  }

  public SyncResult sync() {
    return sync(SyncOptions.defaults());
  }
}
