package io.kb4sync.core.testing;

import io.kb4sync.core.state.StateStore;

/** The in-memory store keeps the run history as the SQL stores do. */
class InMemoryStateStoreTest extends RunHistoryContract {
  @Override
  protected StateStore emptyStore() {
    return new InMemoryStateStore();
  }
}
