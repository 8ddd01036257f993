package io.kb4sync.app.signin;

import io.kb4sync.core.state.AdminEntry;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.server.web.AdminAction;
import io.kb4sync.server.web.AdminLog;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The audit log of admin actions over the state store: every node appends to the same log. */
public final class StoreAdminLog implements AdminLog {

  private final StateStore store;

  public StoreAdminLog(StateStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void record(AdminAction action) {
    store.recordAdminAction(
        new AdminEntry(
            action.at(), action.actor(), action.action(), action.companyId(), action.detail()));
  }

  @Override
  public List<AdminAction> between(Instant from, Instant to) {
    return between(null, from, to);
  }

  @Override
  public List<AdminAction> between(String action, Instant from, Instant to) {
    return store.adminActions(action, from, to).stream().map(StoreAdminLog::action).toList();
  }

  @Override
  public List<AdminAction> newest(String action, int limit) {
    return store.newestAdminActions(action, limit).stream().map(StoreAdminLog::action).toList();
  }

  private static AdminAction action(AdminEntry e) {
    return new AdminAction(e.at(), e.actor(), e.action(), e.companyId(), e.detail());
  }
}
