package io.kb4sync.core.testing;

import io.kb4sync.core.state.StateStore;
import org.junit.jupiter.api.Nested;

/**
 * The in-memory store keeps the run history, the API tokens, the tenant mappings and the
 * dashboard's accounts, sessions and audit log as the SQL stores do.
 */
class InMemoryStateStoreTest extends RunHistoryContract {
  @Override
  protected StateStore emptyStore() {
    return new InMemoryStateStore();
  }

  @Nested
  class Tokens extends TokenStoreContract {
    @Override
    protected StateStore emptyStore() {
      return new InMemoryStateStore();
    }
  }

  @Nested
  class Dashboard extends DashboardStoreContract {
    @Override
    protected StateStore emptyStore() {
      return new InMemoryStateStore();
    }
  }

  @Nested
  class Mappings extends TenantMappingContract {
    @Override
    protected StateStore emptyStore() {
      return new InMemoryStateStore();
    }
  }
}
