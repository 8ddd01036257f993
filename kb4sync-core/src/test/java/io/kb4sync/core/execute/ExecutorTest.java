package io.kb4sync.core.execute;

import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.plan.Planner;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.plan.SyncPlan;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.testing.InMemoryPlatform;
import io.kb4sync.core.training.AttributeChange;
import io.kb4sync.core.training.NewUser;
import io.kb4sync.core.training.TrainingGroup;
import io.kb4sync.core.training.TrainingPlatform;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** How the executor schedules creates: managers first, but no phase-wide waves. */
class ExecutorTest {

  private static SyncPlan plan(DirectorySnapshot tenant, TrainingSnapshot account) {
    return Planner.plan(
        tenant, account, CompanyState.empty(), SyncOptions.builder().syncGroups(false).build());
  }

  @Test
  void a_report_is_created_while_an_unrelated_create_of_the_first_round_is_still_in_flight()
      throws Exception {
    // boss and slow need nobody; cid needs boss. With waves cid waited for slow as well.
    DirectorySnapshot tenant = tenant(m365("boss"), m365("slow"), m365("cid").manager("m365-boss"));
    TrainingSnapshot empty = account();
    CountDownLatch cidStarted = new CountDownLatch(1);
    AtomicBoolean slowSawCid = new AtomicBoolean();
    InMemoryPlatform memory = InMemoryPlatform.of(empty);
    TrainingPlatform platform =
        new Delegating(memory) {
          @Override
          public TrainingUser create(NewUser user) {
            if (user.email().startsWith("slow@")) {
              try {
                // Not a time assertion: the bound only keeps a broken scheduler from hanging.
                slowSawCid.set(cidStarted.await(10, TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            } else if (user.email().startsWith("cid@")) {
              cidStarted.countDown();
            }
            return super.create(user);
          }
        };

    ExecutionResult result =
        new Executor(platform, 2, Executor.ProgressListener.none()).apply(plan(tenant, empty));

    assertThat(slowSawCid).isTrue();
    assertThat(result.errors()).isEmpty();
    assertThat(memory.byEmail("cid@acme.example").managerId())
        .isEqualTo(memory.byEmail("boss@acme.example").id());
  }

  @Test
  void a_chain_of_new_managers_is_created_top_down_each_with_its_manager() {
    DirectorySnapshot tenant =
        tenant(
            m365("d").manager("m365-c"),
            m365("c").manager("m365-b"),
            m365("b").manager("m365-a"),
            m365("a"));
    TrainingSnapshot empty = account();
    InMemoryPlatform memory = InMemoryPlatform.of(empty);

    ExecutionResult result =
        new Executor(memory, 4, Executor.ProgressListener.none()).apply(plan(tenant, empty));

    assertThat(result.errors()).isEmpty();
    assertThat(memory.writes())
        .containsExactly(
            "create a@acme.example",
            "create b@acme.example",
            "create c@acme.example",
            "create d@acme.example");
    assertThat(memory.byEmail("d@acme.example").managerId())
        .isEqualTo(memory.byEmail("c@acme.example").id());
  }

  @Test
  void a_report_under_a_cycle_of_new_managers_is_created_and_gets_its_manager_after() {
    DirectorySnapshot tenant =
        tenant(
            m365("ping").manager("m365-pong"),
            m365("pong").manager("m365-ping"),
            m365("kid").manager("m365-ping"));
    TrainingSnapshot empty = account();
    InMemoryPlatform memory = InMemoryPlatform.of(empty);

    ExecutionResult result =
        new Executor(memory, 2, Executor.ProgressListener.none()).apply(plan(tenant, empty));

    assertThat(result.errors()).isEmpty();
    assertThat(memory.byEmail("kid@acme.example").managerId())
        .isEqualTo(memory.byEmail("ping@acme.example").id());
    assertThat(memory.byEmail("ping@acme.example").managerId())
        .isEqualTo(memory.byEmail("pong@acme.example").id());
    assertThat(memory.writes().stream().filter(w -> w.startsWith("create "))).hasSize(3);
  }

  /** Passes every call to another platform. */
  private static class Delegating implements TrainingPlatform {
    private final TrainingPlatform inner;

    Delegating(TrainingPlatform inner) {
      this.inner = inner;
    }

    @Override
    public TrainingSnapshot read() {
      return inner.read();
    }

    @Override
    public TrainingUser create(NewUser user) {
      return inner.create(user);
    }

    @Override
    public void update(String userId, List<AttributeChange> changes) {
      inner.update(userId, changes);
    }

    @Override
    public void setActive(String userId, boolean active) {
      inner.setActive(userId, active);
    }

    @Override
    public void delete(String userId) {
      inner.delete(userId);
    }

    @Override
    public TrainingGroup createGroup(String displayName) {
      return inner.createGroup(displayName);
    }

    @Override
    public void addMembers(String groupId, List<String> userIds) {
      inner.addMembers(groupId, userIds);
    }

    @Override
    public void removeMembers(String groupId, List<String> userIds) {
      inner.removeMembers(groupId, userIds);
    }
  }
}
