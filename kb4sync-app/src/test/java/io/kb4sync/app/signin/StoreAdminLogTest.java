package io.kb4sync.app.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.testing.InMemoryStateStore;
import io.kb4sync.server.web.AdminAction;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoreAdminLogTest {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  @Test
  void recorded_actions_read_back_between_two_times_oldest_first() {
    StoreAdminLog log = new StoreAdminLog(new InMemoryStateStore());
    AdminAction signIn = new AdminAction(T0, "ui:alice", "sign_in", null, "local");
    AdminAction pause = new AdminAction(T0.plusSeconds(5), "ui:alice", "pause", "1001", null);
    log.record(pause);
    log.record(signIn);
    log.record(new AdminAction(T0.plusSeconds(10), "ui:bob", "sign_in", null, null));

    assertThat(log.between(T0, T0.plusSeconds(10))).containsExactly(signIn, pause);
  }
}
