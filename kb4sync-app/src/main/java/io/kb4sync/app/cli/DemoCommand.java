package io.kb4sync.app.cli;

import io.kb4sync.app.SyncInputs;
import io.kb4sync.app.SyncRunner;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigLoader;
import io.kb4sync.app.output.JsonDocuments;
import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.notify.EmailRenderer;
import io.kb4sync.notify.ReportNotifications;
import io.kb4sync.simulators.demo.DemoWorld;
import io.kb4sync.simulators.http.LoggedRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code kb4sync demo}: starts the built-in simulators with a sample company, runs a dry run, then
 * a real sync, prints a readable summary of both and the real run's JSON report, and leaves its
 * files (configuration, report, rendered notification, state) in {@code ./kb4sync-demo/}.
 */
@Command(
    name = "demo",
    description = "Run a dry run and a real sync of a built-in sample company against simulators.",
    footer = {
      "",
      "Takes no option. Leaves its files in ./kb4sync-demo/ under the current folder.",
      "Exit code: the real sync's (0 when it worked)."
    })
public final class DemoCommand implements Callable<Integer> {
  static final String FOLDER = "kb4sync-demo";
  private static final String SECRET_VARIABLE = "KB4SYNC_DEMO_CLIENT_SECRET";
  private static final String TOKEN_VARIABLE = "KB4SYNC_DEMO_SCIM_TOKEN";
  private static final String KEY_VARIABLE = "KB4SYNC_DEMO_REPORTING_KEY";

  private final Cli cli;

  public DemoCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws IOException {
    Path folder = cli.path(Path.of(FOLDER));
    if (!Files.isDirectory(folder)
        && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      // Owner-only, as the state store makes its own folders: it holds a state database.
      Files.createDirectories(
          folder,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Files.createDirectories(folder);
    for (String old : List.of("state.db", "state.db-wal", "state.db-shm")) {
      Files.deleteIfExists(folder.resolve(old));
    }
    PrintStream out = cli.out();
    try (DemoWorld world = DemoWorld.start()) {
      Path configFile = folder.resolve("kb4sync-demo.yaml");
      Files.writeString(configFile, config(world));
      Map<String, String> secrets =
          Map.of(
              SECRET_VARIABLE, DemoWorld.CLIENT_SECRET,
              TOKEN_VARIABLE, world.knowbe4().scimToken(),
              KEY_VARIABLE, world.knowbe4().reportingKey());
      Config config = ConfigLoader.load(configFile, secrets::get);
      SyncRunner runner = new SyncRunner(cli.connectors(), cli.clock(), cli.err());

      out.println(
          "kb4sync demo: " + DemoWorld.COMPANY_NAME + " (company " + DemoWorld.COMPANY_ID + ")");
      out.println(
          "  Microsoft 365 tenant "
              + DemoWorld.TENANT
              + " simulated at "
              + world.graph().baseUri());
      out.println("  KnowBe4 account simulated at " + world.knowbe4().scimUrl());
      out.println();

      long writesBefore = world.knowbe4().log().writes();
      Report dry = runOnce(runner, config, true);
      long dryWrites = world.knowbe4().log().writes() - writesBefore;
      out.println("1. Dry run (" + dryWrites + " write requests reached KnowBe4):");
      summary(out, dry, true);
      write(folder.resolve("dry-run-report.json"), JsonDocuments.write(dry));

      world.knowbe4().log().clear();
      Report real = runOnce(runner, config, false);
      List<LoggedRequest> requests = world.knowbe4().log().all();
      long writes = requests.stream().filter(LoggedRequest::isWrite).count();
      out.println();
      out.println(
          "2. Real run ("
              + writes
              + " write requests to KnowBe4, "
              + (requests.size() - writes)
              + " reads):");
      summary(out, real, false);

      String json = JsonDocuments.write(real);
      write(folder.resolve("report.json"), json);
      Notification notification =
          ReportNotifications.compose(
              real,
              List.of("it@" + DemoWorld.DOMAIN),
              ReportNotifications.DEFAULT_LIST_LIMIT,
              json);
      EmailRenderer renderer = new EmailRenderer();
      write(folder.resolve("notification.html"), renderer.html(notification));
      write(folder.resolve("notification.txt"), renderer.text(notification));

      out.println();
      out.println("Files in " + folder + ":");
      out.println(
          "  kb4sync-demo.yaml       the configuration the demo used (secrets come from ${env:...})");
      out.println("  dry-run-report.json     the dry run's report");
      out.println("  report.json             the real run's report (also below)");
      out.println("  notification.html/.txt  the email kb4sync would send for this run");
      out.println("  state.db                the state store (links, managed groups, run history)");
      out.println();
      out.println("The real run's JSON report:");
      out.println(json);
      return real.exitCode() == 0 && dry.exitCode() == 0 ? Outcome.ExitCode.OK : real.exitCode();
    }
  }

  private static Report runOnce(SyncRunner runner, Config config, boolean dryRun) {
    SyncInputs inputs = new SyncInputs(null, null, null, null, dryRun, null);
    return runner.run(config, config.companies(), inputs, false).get(0);
  }

  private static void summary(PrintStream out, Report r, boolean dry) {
    Report.SyncSummary s = r.syncSummary();
    String verb = dry ? "would be " : "";
    line(out, "Microsoft 365 users in scope", s.m365UsersFound());
    line(out, "KnowBe4 users found (active)", s.knowbe4UsersFound());
    line(out, "matched", s.usersMatched());
    line(out, verb + "created", s.usersCreated());
    line(out, verb + "restored (archived, back in scope)", r.usersRestored().size());
    line(out, verb + "updated", s.usersUpdated());
    out.printf(
        "     names %d, departments %d, titles %d, managers %d, emails %d%n",
        r.attributeUpdates().namesUpdated(),
        r.attributeUpdates().departmentsUpdated(),
        r.attributeUpdates().titlesUpdated(),
        r.attributeUpdates().managersUpdated(),
        r.attributeUpdates().emailsUpdated());
    line(out, verb + "archived (stale)", s.usersArchived());
    r.usersArchived().forEach(a -> out.printf("     %s: %s%n", a.email(), a.reason()));
    line(out, "groups synced", s.groupsSynced());
    out.printf(
        "     groups created %s, memberships added %d, removed %d%n",
        r.groupsCreated().isEmpty() ? "none" : String.join(", ", r.groupsCreated()),
        r.groupChanges().groupAdditions(),
        r.groupChanges().groupRemovals());
    line(out, "held archives (need consent)", r.stagedArchives().size());
    line(out, "conflicts", r.conflicts().size());
    line(out, "errors", r.errors().size());
    r.errors().forEach(e -> out.printf("     %s %s: %s%n", e.operation(), e.email(), e.message()));
    r.warnings().forEach(w -> out.println("   warning: " + w));
    out.println("   exit code " + r.exitCode() + (r.success() ? " (success)" : ""));
  }

  private static void line(PrintStream out, String label, int value) {
    out.printf("   %-44s %5d%n", label, value);
  }

  private static String config(DemoWorld world) {
    return """
        # Written by `kb4sync demo`: the sample company against the built-in simulators.
        # Secrets are never written here: they come from the environment (${env:NAME}).
        state: "sqlite:./state.db"
        companies:
          - company_id: "%s"
            name: "%s"
            m365:
              tenant_id: "%s"
              client_id: "%s"
              client_secret: "${env:%s}"
              graph_url: "%s"
              login_url: "%s"
            knowbe4:
              region: us
              scim_url: "%s"
              scim_token: "${env:%s}"
              reporting_url: "%s"
              reporting_api_key: "${env:%s}"
            variables:
              knowbe4_sync_license_filter: ["%s", "%s"]
              knowbe4_default_group: "All Users"
              knowbe4_department_group_mapping: { "Sales": "Sales Team", "Engineering": "Engineering Team" }
              knowbe4_remove_stale_users: true
              knowbe4_notification_recipients: ["it@%s"]
        """
        .formatted(
            DemoWorld.COMPANY_ID,
            DemoWorld.COMPANY_NAME,
            DemoWorld.TENANT,
            DemoWorld.CLIENT_ID,
            SECRET_VARIABLE,
            world.graph().baseUri(),
            world.graph().baseUri(),
            world.knowbe4().scimUrl(),
            TOKEN_VARIABLE,
            world.knowbe4().reportingUrl(),
            KEY_VARIABLE,
            DemoWorld.E3,
            DemoWorld.BUSINESS_PREMIUM,
            DemoWorld.DOMAIN);
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text + System.lineSeparator());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
