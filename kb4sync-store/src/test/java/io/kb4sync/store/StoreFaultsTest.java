package io.kb4sync.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.state.Link;
import io.kb4sync.core.state.StateChanges;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test-only fault hook higher layers' end-to-end tests use to stage a full disk. */
class StoreFaultsTest {
  @TempDir Path tempDir;

  @AfterEach
  void disarm() {
    System.clearProperty(StoreFaults.FAIL_COMMIT_PROPERTY);
  }

  private static StateChanges oneLink(String id) {
    return new StateChanges(List.of(new Link(id, "kb-" + id, null, null)), Set.of());
  }

  @Test
  void the_nth_commit_fails_as_a_full_disk_would_and_writes_nothing() {
    System.setProperty(StoreFaults.FAIL_COMMIT_PROPERTY, "2");
    try (JdbcStateStore store = StateStores.open("sqlite:" + tempDir.resolve("s.db"), null)) {
      store.commit("1001", oneLink("a"));

      assertThatThrownBy(() -> store.commit("1001", oneLink("b")))
          .isInstanceOf(StateStoreException.class)
          .hasMessageContaining("database or disk is full")
          .hasMessageContaining("company 1001")
          .hasMessageContaining(StoreFaults.FAIL_COMMIT_ENV);
      store.commit("1001", oneLink("c"));

      assertThat(store.load("1001").links()).containsOnlyKeys("a", "c");
    }
  }

  @Test
  void unarmed_no_commit_fails() {
    try (JdbcStateStore store = StateStores.open("sqlite:" + tempDir.resolve("s.db"), null)) {
      for (int i = 0; i < 5; i++) {
        String id = "m" + i;
        assertThatCode(() -> store.commit("1001", oneLink(id))).doesNotThrowAnyException();
      }
    }
    assertThat(StoreFaults.fromSystem().armed())
        .isEqualTo(System.getenv(StoreFaults.FAIL_COMMIT_ENV) != null);
  }

  @Test
  void a_value_that_is_not_a_positive_number_is_refused() {
    for (String bad : List.of("0", "-1", "two")) {
      System.setProperty(StoreFaults.FAIL_COMMIT_PROPERTY, bad);
      assertThatThrownBy(StoreFaults::fromSystem)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(StoreFaults.FAIL_COMMIT_PROPERTY);
    }
  }
}
