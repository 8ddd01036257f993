package io.kb4sync.graph;

import io.kb4sync.simulators.graph.GraphSimulator;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.http.Faults;
import java.time.Duration;

/**
 * Measures one full read of a simulated tenant: requests sent and wall time, with and without
 * simulated latency. Not a test: run by hand, e.g. {@code java -cp ...
 * io.kb4sync.graph.ReadMeasurement 10000 0 20}.
 */
public final class ReadMeasurement {
  private ReadMeasurement() {}

  public static void main(String[] args) {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int[] latencies = {0, 20};
    if (args.length > 1) {
      latencies = new int[args.length - 1];
      for (int i = 1; i < args.length; i++) {
        latencies[i - 1] = Integer.parseInt(args[i]);
      }
    }
    GraphTenant tenant = GraphDirectorySourceTest.withUsers(users);
    for (int latency : latencies) {
      try (GraphSimulator simulator = GraphSimulator.start(tenant)) {
        simulator.faults(Faults.none().latency(Duration.ofMillis(latency)));
        GraphSettings settings =
            GraphSettings.withSecret(
                tenant.name(),
                tenant.clientId(),
                tenant.clientSecret(),
                simulator.baseUri(),
                simulator.baseUri());
        // One warm-up read so that class loading and JIT do not count.
        new GraphDirectorySource(settings).read();
        simulator.log().clear();
        long start = System.nanoTime();
        int read = new GraphDirectorySource(settings).read().users().size();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(
            "users=%d latency=%dms requests=%d (token %d, graph %d) wall=%dms%n",
            read,
            latency,
            simulator.log().all().size(),
            simulator.tokenRequests(),
            simulator.graphRequests(),
            millis);
      }
    }
  }
}
