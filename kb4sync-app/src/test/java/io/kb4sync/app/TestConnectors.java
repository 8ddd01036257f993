package io.kb4sync.app;

import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.directory.DirectorySource;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.state.RunQuery;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.testing.InMemoryPlatform;
import io.kb4sync.core.testing.InMemoryStateStore;
import io.kb4sync.core.training.TrainingPlatform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** In-memory companies for CLI tests: records which tenants were read with which settings. */
public final class TestConnectors implements Connectors {
  private final Map<String, DirectorySnapshot> tenants = new HashMap<>();
  private final Map<String, InMemoryPlatform> platforms = new HashMap<>();
  private final Map<String, RemoteException> failingTenants = new HashMap<>();
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final List<String> tenantsRead = new ArrayList<>();
  private int connections;

  public TestConnectors company(
      String companyId, DirectorySnapshot tenant, InMemoryPlatform platform) {
    tenants.put(companyId, tenant);
    platforms.put(companyId, platform);
    return this;
  }

  public TestConnectors failing(String companyId, RemoteException failure) {
    failingTenants.put(companyId, failure);
    return this;
  }

  public InMemoryPlatform platform(String companyId) {
    return platforms.get(companyId);
  }

  public synchronized List<String> tenantsRead() {
    return List.copyOf(tenantsRead);
  }

  /** How many adapters were built: zero when a bad configuration stopped the run first. */
  public synchronized int connections() {
    return connections;
  }

  public List<RunRecord> runs(String companyId) {
    return store.runs(RunQuery.ofCompany(companyId, 100));
  }

  @Override
  public synchronized DirectorySource directory(CompanyConfig company) {
    connections++;
    String id = company.companyId();
    return () -> {
      synchronized (this) {
        tenantsRead.add(company.m365().tenantId());
      }
      if (failingTenants.containsKey(id)) {
        throw failingTenants.get(id);
      }
      return tenants.get(id);
    };
  }

  @Override
  public synchronized TrainingPlatform platform(CompanyConfig company) {
    connections++;
    return platforms.get(company.companyId());
  }

  @Override
  public StateStore store(Config config) {
    return store;
  }
}
