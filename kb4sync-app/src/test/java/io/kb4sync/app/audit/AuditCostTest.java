package io.kb4sync.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.app.Main;
import io.kb4sync.app.RealConnectors;
import io.kb4sync.app.cli.Cli;
import io.kb4sync.core.audit.AuditSchema;
import io.kb4sync.simulators.graph.GraphSimulator;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserSeed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit reads no more than a sync does: the requests both simulators receive for an audit and
 * for a dry-run sync of the same company are counted and compared, request by request kind.
 *
 * <p>{@code -Dkb4sync.audit.cost.users=10000} measures a larger company (the default keeps the
 * build fast); the figures are printed, never asserted on time.
 */
class AuditCostTest {
  static final int USERS = Integer.getInteger("kb4sync.audit.cost.users", 1_000);
  static final List<String> DEPARTMENTS = List.of("Sales", "Engineering", "Finance", "Support");

  @TempDir Path dir;

  @Test
  void an_audit_sends_no_more_requests_than_a_dry_run_sync_of_the_same_company() throws Exception {
    GraphTenant tenant =
        GraphTenant.builder("big.onmicrosoft.com")
            .verifiedDomain("big.example")
            .sku("SPE_E3", "05e9a617-0261-4cee-bb44-138d3ef5d965")
            .users(
                USERS,
                n ->
                    u ->
                        u.upn("user" + n + "@big.example")
                            .mail("user" + n + "@big.example")
                            .name("User", "Number" + n)
                            .department(DEPARTMENTS.get(n % DEPARTMENTS.size()))
                            .license("SPE_E3"))
            .build();
    try (GraphSimulator graph = GraphSimulator.start(tenant);
        KnowBe4Simulator knowbe4 = KnowBe4Simulator.start()) {
      // 95% in KnowBe4 (some with drift), 5% missing, and 2% stale leavers.
      for (int n = 0; n < USERS; n++) {
        if (n % 20 == 0) {
          continue;
        }
        knowbe4.seedUser(
            UserSeed.of("user" + n + "@big.example")
                .named("User", "Number" + n)
                .department(n % 7 == 0 ? "Old" : DEPARTMENTS.get(n % DEPARTMENTS.size()))
                .groups("All Users"));
      }
      for (int n = 0; n < USERS / 50; n++) {
        knowbe4.seedUser(UserSeed.of("leaver" + n + "@big.example").groups("All Users"));
      }
      Path config = config(tenant, graph, knowbe4);

      // Warm-up of both paths, so neither pays for the JIT alone.
      run(config, "audit", "--config", config.toString(), "--company", "1");
      run(config, "sync", "--config", config.toString(), "--company", "1", "--dry-run");
      // Twice each, alternating; the faster of each pair is reported (the first run after the
      // seeding pays for garbage collection, whichever it is).
      Cost sync = measure(graph, knowbe4, config, "sync", "--dry-run");
      Cost audit = measure(graph, knowbe4, config, "audit");
      long syncMillis =
          Math.min(sync.millis, measure(graph, knowbe4, config, "sync", "--dry-run").millis);
      long auditMillis = Math.min(audit.millis, measure(graph, knowbe4, config, "audit").millis);

      JsonNode document = AuditSchema.assertValid(new ObjectMapper().readTree(audit.stdout));
      assertThat(document.at("/summary/m365_users_found").asInt()).isEqualTo(USERS);
      assertThat(document.at("/next_sync/users_created").asInt()).isEqualTo(USERS / 20);
      assertThat(audit.writes).isZero();
      assertThat(audit.total()).isLessThanOrEqualTo(sync.total());
      // Not only as many: the very same reads.
      assertThat(audit.byKind).isEqualTo(sync.byKind);
      System.out.printf(
          "audit cost, %d users: audit %d requests (Graph %d incl. %d token, KnowBe4 %d) in %d ms;"
              + " dry-run sync %d requests (Graph %d, KnowBe4 %d) in %d ms%n",
          USERS,
          audit.total(),
          audit.graph,
          audit.tokens,
          audit.knowbe4,
          auditMillis,
          sync.total(),
          sync.graph,
          sync.knowbe4,
          syncMillis);
    }
  }

  /** What one run cost: requests per simulator, per kind (method and path), and wall time. */
  record Cost(
      long graph,
      long tokens,
      long knowbe4,
      long writes,
      Map<String, Long> byKind,
      long millis,
      String stdout) {
    long total() {
      return graph + knowbe4;
    }
  }

  Cost measure(
      GraphSimulator graph, KnowBe4Simulator knowbe4, Path config, String command, String... more)
      throws IOException {
    graph.log().clear();
    knowbe4.log().clear();
    String[] args = new String[4 + more.length + 1];
    args[0] = command;
    args[1] = "--config";
    args[2] = config.toString();
    args[3] = "--company=1";
    System.arraycopy(more, 0, args, 4, more.length);
    args[args.length - 1] = "--output=" + dir.resolve(command + ".json");
    long start = System.nanoTime();
    run(config, args);
    long millis = (System.nanoTime() - start) / 1_000_000;
    Map<String, Long> byKind = new TreeMap<>();
    for (List<LoggedRequest> log : List.of(graph.log().all(), knowbe4.log().all())) {
      for (LoggedRequest r : log) {
        byKind.merge(r.method() + " " + r.path(), 1L, Long::sum);
      }
    }
    return new Cost(
        graph.log().all().size(),
        graph.tokenRequests(),
        knowbe4.log().all().size(),
        knowbe4.log().writes(),
        byKind,
        millis,
        Files.readString(dir.resolve(command + ".json")));
  }

  void run(Path config, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Cli cli =
        new Cli(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new RealConnectors(),
            Clock.fixed(Instant.parse("2026-11-30T06:00:00Z"), ZoneOffset.UTC),
            dir,
            Map.<String, String>of()::get);
    int exit = Main.run(cli, args);
    assertThat(exit).as("%s; stderr: %s", String.join(" ", args), err).isZero();
  }

  Path config(GraphTenant tenant, GraphSimulator graph, KnowBe4Simulator knowbe4)
      throws IOException {
    Path file = dir.resolve("kb4sync.yaml");
    Files.writeString(
        file,
        """
        state: "sqlite:./state.db"
        companies:
          - company_id: "1"
            m365:
              tenant_id: "big.onmicrosoft.com"
              client_id: "%s"
              client_secret: "%s"
              graph_url: "%s"
              login_url: "%s"
            knowbe4:
              scim_url: "%s"
              scim_token: "%s"
            variables:
              knowbe4_default_group: "All Users"
              knowbe4_department_group_mapping: { "Sales": "Sales Team" }
        """
            .formatted(
                tenant.clientId(),
                tenant.clientSecret(),
                graph.baseUri(),
                graph.baseUri(),
                knowbe4.scimUrl(),
                knowbe4.scimToken()));
    return file;
  }
}
