package io.kb4sync.app.dashboard;

import io.kb4sync.app.Connectors;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigLoader;
import io.kb4sync.app.service.Service;
import io.kb4sync.app.service.ServiceHttp;
import io.kb4sync.app.signin.DashboardSignIn;
import io.kb4sync.app.signin.StoreAdminLog;
import io.kb4sync.app.signin.StorePeople;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.core.sync.StopSignal;
import io.kb4sync.server.Book;
import io.kb4sync.server.Caller;
import io.kb4sync.server.Role;
import io.kb4sync.server.ServiceMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kb4sync serve --demo}: the simulators with the sample book ({@link DemoBook}), a state
 * store in a temporary folder (accounts, sessions and the admin log in it too), the service with
 * its API and dashboard on loopback, a local {@code admin} account with a one-time random password,
 * and a first real sync of the sample companies (Northwind Traders is left never run, for a dry run
 * from the dashboard).
 */
public final class DashboardDemo implements AutoCloseable {
  /** The demo's admin account. */
  public static final String ADMIN = "admin";

  /** How long the first syncs may take before the demo gives up waiting for them. */
  static final Duration FIRST_SYNCS = Duration.ofSeconds(90);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DemoBook book;
  private final Service service;
  private final ServiceMetrics metrics;
  private final ServiceHttp http;
  private final StorePeople people;
  private final Path folder;
  private final String url;
  private final char[] password;

  private DashboardDemo(
      DemoBook book,
      Service service,
      ServiceMetrics metrics,
      ServiceHttp http,
      StorePeople people,
      Path folder,
      String url,
      char[] password) {
    this.book = book;
    this.service = service;
    this.metrics = metrics;
    this.http = http;
    this.people = people;
    this.folder = folder;
    this.url = url;
    this.password = password;
  }

  /**
   * Starts everything and waits for the first syncs.
   *
   * @param port the dashboard's port on 127.0.0.1; 0 picks a free one
   */
  public static DashboardDemo start(
      Connectors connectors, Clock clock, PrintStream err, StopSignal stop, int port) {
    return start(connectors, clock, err, stop, port, "", Map.of());
  }

  /**
   * Starts everything with more configuration (tests: a {@code server:} section with {@code oidc})
   * and the secrets it reads.
   */
  public static DashboardDemo start(
      Connectors connectors,
      Clock clock,
      PrintStream err,
      StopSignal stop,
      int port,
      String moreConfig,
      Map<String, String> moreSecrets) {
    DemoBook book = DemoBook.start();
    Service service = null;
    ServiceMetrics metrics = new ServiceMetrics();
    try {
      Path folder = Files.createTempDirectory("kb4sync-serve-demo-");
      Path configFile = folder.resolve("kb4sync-demo.yaml");
      Files.writeString(
          configFile,
          book.config("sqlite:" + folder.resolve("state.db").toAbsolutePath()) + moreConfig);
      Map<String, String> secrets = new java.util.HashMap<>(book.secrets());
      secrets.putAll(moreSecrets);
      Config config = ConfigLoader.load(configFile, secrets::get);
      service = Service.start(config, connectors, clock, err, stop, secrets::get, List.of());
      service.observe(service.metricsObserver(metrics));
      StorePeople people = new StorePeople(service.stateStore(), clock);
      char[] password = randomPassword();
      people.add(ADMIN, Role.ADMIN, password);
      ServiceHttp http =
          ServiceHttp.withDashboard(
              service,
              metrics,
              clock,
              people,
              DashboardSignIn.sessions(service.stateStore(), config.server()),
              new StoreAdminLog(service.stateStore()));
      int listening = http.start("127.0.0.1", port);
      DashboardDemo demo =
          new DashboardDemo(
              book,
              service,
              metrics,
              http,
              people,
              folder,
              "http://127.0.0.1:" + listening + "/",
              password);
      demo.firstSyncs(clock);
      return demo;
    } catch (IOException e) {
      close(book, service, metrics);
      throw new UncheckedIOException("cannot write the demo's files: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close(book, service, metrics);
      throw e;
    }
  }

  private void firstSyncs(Clock clock) {
    Caller demo = new Caller("demo", Role.ADMIN, "ui:demo");
    List<String> runs = new ArrayList<>();
    for (String companyId : book.firstSyncs()) {
      Book.RunStart start =
          service
              .book()
              .start(companyId, new Book.RunRequest(RunRecord.SYNC, false, null, null), demo);
      if (start instanceof Book.RunStart.Queued queued) {
        runs.add(queued.runId());
      }
    }
    Instant deadline = clock.instant().plus(FIRST_SYNCS);
    for (String runId : runs) {
      while (service.book().run(runId).map(r -> r.status().open()).orElse(false)
          && clock.instant().isBefore(deadline)) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static char[] randomPassword() {
    String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    char[] out = new char[20];
    for (int i = 0; i < out.length; i++) {
      out[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
    }
    return out;
  }

  /** The dashboard, e.g. {@code http://127.0.0.1:8080/}. */
  public String url() {
    return url;
  }

  /** The admin's one-time password: shown once, kept nowhere but in memory. */
  public char[] password() {
    return password.clone();
  }

  public DemoBook book() {
    return book;
  }

  public Service service() {
    return service;
  }

  /** The demo's accounts (in its state store): tests add a viewer here. */
  public StorePeople people() {
    return people;
  }

  /** Where the configuration and the state store are. */
  public Path folder() {
    return folder;
  }

  /** Stops everything and deletes the demo's folder (its configuration and state store). */
  @Override
  public void close() {
    http.stop();
    close(book, service, metrics);
    try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // A file still open elsewhere: the temporary folder keeps it.
    }
  }

  private static void close(DemoBook book, Service service, ServiceMetrics metrics) {
    if (service != null) {
      service.stop();
    }
    metrics.close();
    book.close();
  }
}
