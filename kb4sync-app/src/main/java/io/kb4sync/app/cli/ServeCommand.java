package io.kb4sync.app.cli;

import io.kb4sync.app.Messages;
import io.kb4sync.app.Shutdown;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigLoader;
import io.kb4sync.app.dashboard.DashboardDemo;
import io.kb4sync.app.service.Service;
import io.kb4sync.app.service.ServiceHttp;
import io.kb4sync.app.service.Signals;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.sync.StopSignal;
import io.kb4sync.server.ServiceMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kb4sync serve}: the long-lived service for the whole book (docs/service.md): every
 * company's schedules, cluster-safe on PostgreSQL, the JSON API, health and metrics.
 */
@Command(
    name = "serve",
    description = {
      "Run as a service: schedule every company's sync and audit, and answer the API.",
      "Prints 'kb4sync: serving on http://HOST:PORT' on stderr when ready."
    },
    sortOptions = false,
    footer = {
      "",
      "SIGHUP re-reads the configuration (a broken file is refused, the running one kept).",
      "SIGTERM: no new run or write, runs in progress end interrupted, exit within 30 s.",
      "Exit codes: 0 after SIGTERM, 1 cannot bind or reach the state store,",
      "2 usage or configuration error."
    })
public final class ServeCommand implements Callable<Integer> {
  private final Cli cli;
  private final ServiceHttp.Factory http;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The configuration file (YAML); required unless --demo.")
  Path config;

  @Option(
      names = "--demo",
      description = {
        "Serve a sample book against built-in simulators, with a state store in a temporary",
        "folder; prints the dashboard's URL, the user admin and a one-time password."
      })
  boolean demo;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "The address to listen on (default: server.bind, else 127.0.0.1).")
  String bind;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The port (default: server.port, else 8080); 0 picks a free port.")
  Integer port;

  public ServeCommand(Cli cli, ServiceHttp.Factory http) {
    this.cli = cli;
    this.http = http;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  @Override
  public Integer call() {
    if (port != null && (port < 0 || port > 65535)) {
      throw new io.kb4sync.app.config.ConfigException(
          "serve: --port must be between 0 and 65535, found " + port);
    }
    if (demo) {
      if (config != null) {
        throw new io.kb4sync.app.config.ConfigException("serve: --demo takes no --config");
      }
      return demo();
    }
    if (config == null) {
      throw new io.kb4sync.app.config.ConfigException("serve: --config FILE is required");
    }
    Config loaded = ConfigLoader.load(cli.path(config), cli.environment());
    String host = bind != null ? bind : loaded.server().effectiveBind();
    int wanted = port != null ? port : loaded.server().effectivePort();
    StopSignal stop = Shutdown.PROCESS.signal();
    Service service;
    try {
      service =
          Service.start(
              loaded, cli.connectors(), cli.clock(), cli.err(), stop, cli.environment(), List.of());
    } catch (RuntimeException e) {
      cli.err().println("kb4sync: " + Messages.describe(e));
      return Outcome.ExitCode.CANNOT_PROCEED;
    }
    ServiceMetrics metrics = new ServiceMetrics();
    service.observe(service.metricsObserver(metrics));
    service.refreshGauges(metrics);
    service.refreshGaugesRegularly(metrics);
    ServiceHttp face = http.create(service, metrics, cli.clock());
    int listening;
    try {
      listening = face.start(host, wanted);
    } catch (RuntimeException e) {
      service.stop();
      metrics.close();
      cli.err()
          .println(
              "kb4sync: cannot listen on "
                  + host
                  + ":"
                  + wanted
                  + ": "
                  + Messages.describe(rootCause(e)).replaceAll("\\s+", " "));
      return Outcome.ExitCode.CANNOT_PROCEED;
    }
    Signals.onHangUp(
        () -> {
          String problem = service.reload();
          cli.err()
              .println(
                  problem == null
                      ? "kb4sync: configuration reloaded from " + loaded.file()
                      : "kb4sync: reload refused, the running configuration is kept: " + problem);
        });
    cli.err().println("kb4sync: serving on http://" + host + ":" + listening);
    try {
      while (!stop.requested()) {
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    face.stop();
    service.stop();
    metrics.close();
    return Outcome.ExitCode.OK;
  }

  private int demo() {
    StopSignal stop = Shutdown.PROCESS.signal();
    int wanted = port != null ? port : 8080;
    cli.err().println("kb4sync: starting the demo: simulators, sample companies, first syncs...");
    DashboardDemo started;
    try {
      started = DashboardDemo.start(cli.connectors(), cli.clock(), cli.err(), stop, wanted);
    } catch (RuntimeException e) {
      cli.err()
          .println(
              "kb4sync: cannot start the demo: "
                  + Messages.describe(rootCause(e)).replaceAll("\\s+", " "));
      return Outcome.ExitCode.CANNOT_PROCEED;
    }
    try (DashboardDemo running = started) {
      char[] password = running.password();
      cli.out().println("kb4sync demo dashboard: " + running.url());
      cli.out().println("  user:     " + DashboardDemo.ADMIN);
      cli.out().println("  password: " + new String(password));
      cli.out()
          .println(
              "  (a one-time password for this demo; its state store, in "
                  + running.folder()
                  + ", is deleted when it stops)");
      cli.out().println("Stop with Ctrl-C.");
      java.util.Arrays.fill(password, '\0');
      cli.err().println("kb4sync: serving on " + running.url().replaceAll("/$", ""));
      while (!stop.requested()) {
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Outcome.ExitCode.OK;
  }
}
