package io.kb4sync.bench;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.directory.DirectoryUser;
import io.kb4sync.core.plan.ArchiveConsent;
import io.kb4sync.core.plan.Planner;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.plan.SyncPlan;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.state.Link;
import io.kb4sync.core.training.TrainingGroup;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Plans a sync of N Microsoft 365 users against N KnowBe4 users, 10% of them changed (4% attribute
 * changes, 2% new, 2% stale, 1% renamed, 1% archived-and-back), with groups and managers, and
 * prints the planning time. Run it on one core with a 512 MB heap (see BENCHMARKS.md):
 *
 * <pre>
 * java -Xmx512m -XX:ActiveProcessorCount=1 -cp kb4sync-core/target/classes:kb4sync-bench/target/classes \
 *   io.kb4sync.bench.PlannerBenchmark 100000
 * </pre>
 */
public final class PlannerBenchmark {
  private static final String[] DEPARTMENTS = {
    "Sales", "Ops", "Finance", "IT", "HR", "Legal", "Support"
  };

  private PlannerBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Inputs inputs = inputs(n);
    Runtime runtime = Runtime.getRuntime();
    System.out.printf(
        "planning %,d Microsoft 365 users against %,d KnowBe4 users, %d rounds, %d processor(s), max heap %d MB%n",
        inputs.tenant.users().size(),
        inputs.account.users().size(),
        rounds,
        runtime.availableProcessors(),
        runtime.maxMemory() / (1024 * 1024));
    for (int i = 0; i < 3; i++) {
      Planner.plan(inputs.tenant, inputs.account, inputs.state, inputs.options);
    }
    long[] millis = new long[rounds];
    SyncPlan plan = null;
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      plan = Planner.plan(inputs.tenant, inputs.account, inputs.state, inputs.options);
      millis[i] = (System.nanoTime() - start) / 1_000_000;
    }
    Arrays.sort(millis);
    System.gc();
    long used = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
    System.out.printf(
        "plan: %d creates, %d restores, %d updates, %d managers, %d archives, %d group additions, %d removals%n",
        plan.creates().size(),
        plan.restores().size(),
        plan.updates().size(),
        plan.managers().size(),
        plan.archives().size() + plan.stagedArchives().size(),
        plan.groupAdditions().size(),
        plan.groupRemovals().size());
    System.out.printf(
        "planning time: min %d ms, median %d ms, max %d ms; heap in use after GC %d MB%n",
        millis[0], millis[rounds / 2], millis[rounds - 1], used);
  }

  private record Inputs(
      DirectorySnapshot tenant,
      TrainingSnapshot account,
      CompanyState state,
      SyncOptions options) {}

  private static Inputs inputs(int n) {
    List<DirectoryUser> m365 = new ArrayList<>(n);
    List<TrainingUser> kb4 = new ArrayList<>(n);
    Map<String, Link> links = new HashMap<>();
    Map<String, Set<String>> members = new HashMap<>();
    for (String department : DEPARTMENTS) {
      members.put(department + " Team", new HashSet<>());
    }
    members.put("All Users", new HashSet<>());
    Instant seen = Instant.parse("2026-11-29T06:00:00Z");
    for (int i = 0; i < n; i++) {
      String local = "user" + i;
      String email = local + "@bench.example";
      String department = DEPARTMENTS[i % DEPARTMENTS.length];
      String manager = i % 10 == 0 ? null : "m-" + (i - i % 10);
      int kind = i % 100; // 0-3 attribute change, 4-5 new, 6-7 stale, 8 renamed, 9 archived
      String mail = kind == 8 ? local + ".renamed@bench.example" : email;
      if (kind < 6 || kind >= 8) {
        m365.add(
            new DirectoryUser(
                "m-" + i,
                local + "@bench.onmicrosoft.com",
                mail,
                "Given" + i,
                "Family" + i,
                "Given" + i + " Family" + i,
                true,
                "Member",
                Set.of("SPE_E3"),
                List.of("SMTP:" + mail),
                department,
                "Title",
                manager));
      }
      if (kind != 4 && kind != 5) {
        String kbId = "k-" + i;
        kb4.add(
            new TrainingUser(
                kbId,
                email,
                kind < 4 ? "Old" + i : "Given" + i,
                "Family" + i,
                department,
                "Title",
                manager == null ? null : "k-" + (i - i % 10),
                kind != 9));
        links.put("m-" + i, new Link("m-" + i, kbId, email, seen));
        members.get("All Users").add(kbId);
        members.get(department + " Team").add(kbId);
      }
    }
    List<TrainingGroup> groups = new ArrayList<>();
    members.forEach((name, ids) -> groups.add(new TrainingGroup("g-" + name, name, ids)));
    Map<String, String> mapping = new HashMap<>();
    for (String department : DEPARTMENTS) {
      mapping.put(department, department + " Team");
    }
    SyncOptions options =
        SyncOptions.builder()
            .licenseFilter(List.of("SPE_E3"))
            .removeStaleUsers(true)
            .dryRun(true)
            .archiveConsent(new ArchiveConsent.UpTo(Integer.MAX_VALUE))
            .defaultGroup("All Users")
            .departmentGroupMapping(mapping)
            .build();
    return new Inputs(
        new DirectorySnapshot(
            "bench.onmicrosoft.com", m365, Set.of("bench.example"), Set.of("SPE_E3"), true),
        new TrainingSnapshot(kb4, groups, OptionalInt.empty()),
        new CompanyState(links, Set.of()),
        options);
  }
}
