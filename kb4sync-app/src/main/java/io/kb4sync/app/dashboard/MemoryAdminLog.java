package io.kb4sync.app.dashboard;

import io.kb4sync.server.web.AdminAction;
import io.kb4sync.server.web.AdminLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The admin log kept in memory (the demo). Interim until the state-store log of dash-auth. */
public final class MemoryAdminLog implements AdminLog {
  private final List<AdminAction> actions = new ArrayList<>();

  @Override
  public synchronized void record(AdminAction action) {
    actions.add(action);
  }

  @Override
  public synchronized List<AdminAction> between(Instant from, Instant to) {
    return actions.stream().filter(a -> !a.at().isBefore(from) && a.at().isBefore(to)).toList();
  }
}
