package io.kb4sync.knowbe4;

import io.kb4sync.core.training.NewUser;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures creating 1,000 users through the platform, from 16 engine threads, against the simulator
 * with 50 ms latency per request. Not a test: run it by hand.
 *
 * <pre>java -cp ... io.kb4sync.knowbe4.CreateThousandUsersMeasurement</pre>
 */
public final class CreateThousandUsersMeasurement {
  private CreateThousandUsersMeasurement() {}

  public static void main(String[] args) throws Exception {
    measure("defaults (1,000 writes/s ceiling, write_concurrency 8)", ClientTuning.defaults(), 8);
    measure(
        "unpaced, write_concurrency 8",
        ClientTuning.defaults().toBuilder().scimWritesPerSecond(0).build(),
        8);
    measure(
        "unpaced, write_concurrency 1",
        ClientTuning.defaults().toBuilder().scimWritesPerSecond(0).build(),
        1);
  }

  private static void measure(String label, ClientTuning tuning, int concurrency) throws Exception {
    try (KnowBe4Simulator simulator = KnowBe4Simulator.start()) {
      simulator.faults(new Faults(1).latency(Duration.ofMillis(50)));
      KnowBe4Platform platform =
          new KnowBe4Platform(
              new KnowBe4Settings(
                  simulator.scimUrl(), simulator.scimToken(), "us", null, null, concurrency),
              tuning,
              new ReportingBudgets());
      ExecutorService engine = Executors.newFixedThreadPool(16);
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        NewUser user = new NewUser("m" + i + "@acme.example", "M", "User", "Ops", "Clerk", null);
        futures.add(engine.submit(() -> platform.create(user)));
      }
      for (Future<?> future : futures) {
        future.get();
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      engine.shutdown();
      System.out.printf(
          "%s: %d users in %.1f s, %d requests (%d writes), max %d writes in flight%n",
          label,
          simulator.users().size(),
          millis / 1000.0,
          simulator.log().all().size(),
          simulator.log().writes(),
          simulator.maxConcurrentWrites());
    }
  }
}
