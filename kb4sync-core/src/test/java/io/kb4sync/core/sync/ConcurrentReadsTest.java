package io.kb4sync.core.sync;

import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.directory.DirectorySource;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.testing.InMemoryPlatform;
import io.kb4sync.core.testing.InMemoryStateStore;
import io.kb4sync.core.testing.Scenario;
import io.kb4sync.core.training.TrainingPlatform;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Microsoft 365 and KnowBe4 are read at the same time, and a failure of either writes nothing. */
class ConcurrentReadsTest {
  final InMemoryStateStore store = new InMemoryStateStore();
  final InMemoryPlatform platform = InMemoryPlatform.of(account(kb4("ann")));
  final CountDownLatch knowbe4ReadStarted = new CountDownLatch(1);

  /** The platform, telling when its read starts. */
  TrainingPlatform watched() {
    return (TrainingPlatform)
        Proxy.newProxyInstance(
            TrainingPlatform.class.getClassLoader(),
            new Class<?>[] {TrainingPlatform.class},
            (proxy, method, args) -> {
              if (method.getName().equals("read")) {
                knowbe4ReadStarted.countDown();
              }
              try {
                return method.invoke(platform, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  Report sync(DirectorySource directory) {
    return new SyncService(store, Clock.systemUTC(), SyncListener.none())
        .run(Scenario.ACME, SyncOptions.defaults(), directory, watched())
        .report();
  }

  @Test
  void the_knowbe4_read_starts_while_microsoft_365_is_still_being_read() {
    DirectorySnapshot snapshot = tenant(m365("ann"), m365("bob"));

    Report report =
        sync(
            () -> {
              try {
                // Read one after the other, KnowBe4 would start only after this returns.
                assertThat(knowbe4ReadStarted.await(30, TimeUnit.SECONDS)).isTrue();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return snapshot;
            });

    assertThat(report.outcome()).isEqualTo(Outcome.OK);
    assertThat(report.usersCreated()).hasSize(1);
  }

  @Test
  void a_failed_microsoft_365_read_writes_nothing_even_though_knowbe4_was_read() {
    Report report =
        sync(
            () -> {
              throw new RemoteException(
                  RemoteException.Kind.UNAVAILABLE, "Microsoft Graph", "Graph: HTTP 503");
            });

    assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(report.errors().get(0).operation()).isEqualTo("read Microsoft Graph");
    assertThat(platform.writes()).isEmpty();
    assertThat(store.commits()).isZero();
  }

  @Test
  void a_stop_while_microsoft_365_is_read_ends_the_run_at_once_and_writes_nothing()
      throws Exception {
    StopSignal stop = new StopSignal();
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    DirectorySource endless =
        () -> {
          reading.countDown();
          try {
            Thread.sleep(TimeUnit.MINUTES.toMillis(10)); // a read retrying for ever
          } catch (InterruptedException e) {
            interrupted.countDown();
            throw new RemoteException(
                RemoteException.Kind.UNAVAILABLE, "Microsoft Graph", "interrupted");
          }
          return tenant(m365("ann"));
        };
    CompletableFuture<Report> run =
        CompletableFuture.supplyAsync(
            () ->
                new SyncService(store, Clock.systemUTC(), SyncListener.none(), stop)
                    .run(Scenario.ACME, SyncOptions.defaults(), endless, watched())
                    .report());
    assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();

    stop.request("kb4sync was told to stop (SIGTERM)");
    Report report = run.get(30, TimeUnit.SECONDS);

    assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(report.errors().get(0).operation()).isEqualTo(CompanyRead.STOP);
    assertThat(report.errors().get(0).message())
        .contains("told to stop")
        .contains("while reading Microsoft 365")
        .contains("nothing was written");
    assertThat(platform.writes()).isEmpty();
    assertThat(store.commits()).isZero();
    assertThat(interrupted.await(30, TimeUnit.SECONDS)).as("the read was abandoned").isTrue();
  }
}
