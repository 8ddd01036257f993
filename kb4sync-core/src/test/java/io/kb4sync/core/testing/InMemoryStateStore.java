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
  private int failingCommit;
  private volatile String lockLost;

  @Override
  public synchronized CompanyState load(String companyId) {
    return new CompanyState(
        links.getOrDefault(companyId, Map.of()), groups.getOrDefault(companyId, Set.of()));
  }

  @Override
  public synchronized void commit(String companyId, StateChanges changes) {
    if (failingCommit > 0 && --failingCommit == 0) {
      throw new IllegalStateException("database or disk is full");
    }
    commits++;
    Map<String, Link> company = links.computeIfAbsent(companyId, k -> new HashMap<>());
    changes.forgottenLinks().forEach(company::remove);
    changes.links().forEach(l -> company.put(l.m365Id(), l));
    groups.put(companyId, new HashSet<>(changes.managedGroups()));
  }

  /** The {@code n}th commit from now fails, as a full disk or a locked file would make it. */
  public synchronized InMemoryStateStore failCommit(int n) {
    failingCommit = n;
    return this;
  }

  /** Every lock held now or later is lost, as a PostgreSQL session ended by the server. */
  public void loseLocks(String reason) {
    lockLost = reason;
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
    return new CompanyLock() {
      @Override
      public String lost() {
        return lockLost;
      }

      @Override
      public void close() {
        synchronized (InMemoryStateStore.this) {
          locked.remove(companyId);
        }
      }
    };
  }

  @Override
  public void close() {}
}
