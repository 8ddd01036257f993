package io.kb4sync.core.testing;

import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.CompanyLockedException;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.state.Link;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.state.StateChanges;
import io.kb4sync.core.state.StateStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The state store in memory, for engine tests. */
public final class InMemoryStateStore implements StateStore {
  private final Map<String, Map<String, Link>> links = new HashMap<>();
  private final Map<String, Set<String>> groups = new HashMap<>();
  private final List<RunRecord> runs = new ArrayList<>();
  private final Set<String> locked = new HashSet<>();
  private int commits;

  @Override
  public synchronized CompanyState load(String companyId) {
    return new CompanyState(
        links.getOrDefault(companyId, Map.of()), groups.getOrDefault(companyId, Set.of()));
  }

  @Override
  public synchronized void commit(String companyId, StateChanges changes) {
    commits++;
    Map<String, Link> company = links.computeIfAbsent(companyId, k -> new HashMap<>());
    changes.forgottenLinks().forEach(company::remove);
    changes.links().forEach(l -> company.put(l.m365Id(), l));
    groups.put(companyId, new HashSet<>(changes.managedGroups()));
  }

  public synchronized int commits() {
    return commits;
  }

  @Override
  public synchronized void recordRun(RunRecord run) {
    runs.add(0, run);
  }

  @Override
  public synchronized List<RunRecord> runs(String companyId, int limit) {
    return runs.stream().filter(r -> r.companyId().equals(companyId)).limit(limit).toList();
  }

  @Override
  public synchronized CompanyLock lock(String companyId) {
    if (!locked.add(companyId)) {
      throw new CompanyLockedException(companyId);
    }
    return () -> {
      synchronized (this) {
        locked.remove(companyId);
      }
    };
  }

  @Override
  public void close() {}
}
