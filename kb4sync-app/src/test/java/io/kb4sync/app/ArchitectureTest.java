package io.kb4sync.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules of the house, checked at build time: core knows no wire, no database and no framework;
 * every outside system lives in a room of its own; the server sees ports only; simulators are
 * independent peers.
 */
class ArchitectureTest {
  private static final JavaClasses KB4SYNC =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("-tests.jar"))
          .importPackages("io.kb4sync");

  private static final List<String> ADAPTERS =
      List.of("graph", "knowbe4", "store", "notify", "psa");

  @Test
  void core_imports_no_http_database_or_framework_library() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("io.kb4sync.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "java.net.http..",
                "com.sun.net.httpserver..",
                "java.sql..",
                "javax.sql..",
                "com.fasterxml..",
                "org.eclipse.jetty..",
                "io.javalin..",
                "io.micrometer..",
                "io.prometheus..",
                "org.jdbi..",
                "org.flywaydb..",
                "com.zaxxer..",
                "org.sqlite..",
                "org.postgresql..",
                "com.microsoft..",
                "com.unboundid..",
                "jakarta..",
                "picocli..",
                "org.slf4j..");
    rule.check(KB4SYNC);
  }

  @Test
  void core_depends_on_nothing_of_ours() {
    noClasses()
        .that()
        .resideInAPackage("io.kb4sync.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.kb4sync.graph..",
            "io.kb4sync.knowbe4..",
            "io.kb4sync.store..",
            "io.kb4sync.notify..",
            "io.kb4sync.psa..",
            "io.kb4sync.simulators..",
            "io.kb4sync.server..",
            "io.kb4sync.app..")
        .check(KB4SYNC);
  }

  /**
   * Service mode's HTTP face sees the service through its ports only: no adapter, no app, no
   * database.
   */
  @Test
  void the_server_imports_no_adapter_no_app_and_no_database() {
    noClasses()
        .that()
        .resideInAPackage("io.kb4sync.server..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.kb4sync.graph..",
            "io.kb4sync.knowbe4..",
            "io.kb4sync.store..",
            "io.kb4sync.notify..",
            "io.kb4sync.psa..",
            "io.kb4sync.simulators..",
            "io.kb4sync.app..",
            "java.sql..",
            "javax.sql..",
            "org.flywaydb..",
            "com.zaxxer..",
            "org.sqlite..",
            "org.postgresql..")
        .check(KB4SYNC);
  }

  /**
   * Data flows one way inside core: the domain's values and ports, then the plan, its execution,
   * the report, and the runs (sync, audit) that use them all. No package reaches up.
   */
  @Test
  void inside_core_no_package_imports_from_a_package_downstream_of_it() {
    List<List<String>> layers =
        List.of(
            List.of(
                "directory", "training", "state", "remote", "run", "notify", "health", "onboard"),
            List.of("plan"),
            List.of("execute"),
            List.of("report"),
            List.of("sync", "audit"));
    for (int i = 0; i < layers.size() - 1; i++) {
      String[] below =
          layers.get(i).stream().map(p -> "io.kb4sync.core." + p + "..").toArray(String[]::new);
      String[] above =
          layers.subList(i + 1, layers.size()).stream()
              .flatMap(List::stream)
              .map(p -> "io.kb4sync.core." + p + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAnyPackage(below)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(above)
          .check(KB4SYNC);
    }
  }

  @Test
  void no_adapter_imports_another_adapter_or_the_app() {
    for (String adapter : ADAPTERS) {
      String[] others =
          ADAPTERS.stream()
              .filter(other -> !other.equals(adapter))
              .map(other -> "io.kb4sync." + other + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("io.kb4sync." + adapter + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .orShould()
          .dependOnClassesThat()
          .resideInAnyPackage("io.kb4sync.app..", "io.kb4sync.simulators..", "io.kb4sync.server..")
          .check(KB4SYNC);
    }
  }

  @Test
  void simulators_depend_on_no_module_of_ours() {
    noClasses()
        .that()
        .resideInAPackage("io.kb4sync.simulators..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.kb4sync.core..",
            "io.kb4sync.graph..",
            "io.kb4sync.knowbe4..",
            "io.kb4sync.store..",
            "io.kb4sync.notify..",
            "io.kb4sync.psa..",
            "io.kb4sync.server..",
            "io.kb4sync.app..")
        .check(KB4SYNC);
  }

  @Test
  void only_kb4sync_http_sends_http_requests() {
    // The simulators are the peers, not clients; test code may call them as it likes.
    noClasses()
        .that()
        .resideOutsideOfPackages("io.kb4sync.http..", "io.kb4sync.simulators..")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.belongToAnyOf(
                java.net.http.HttpClient.class,
                java.net.HttpURLConnection.class,
                javax.net.ssl.HttpsURLConnection.class))
        .orShould()
        .callMethod(java.net.URL.class, "openConnection")
        .orShould()
        .callMethod(java.net.URL.class, "openConnection", java.net.Proxy.class)
        .orShould()
        .callMethod(java.net.URL.class, "openStream")
        .because("kb4sync-http is the one choke point: timeouts, retries, redirects, redaction")
        .check(KB4SYNC);
  }

  @Test
  void there_is_one_loopback_rule() {
    noClasses()
        .should()
        .callMethod(java.net.InetAddress.class, "isLoopbackAddress")
        .because("io.kb4sync.http.Loopback decides, from the host as written")
        .check(KB4SYNC);
    methods()
        .that()
        .haveNameMatching("(?i)is_?loopback.*")
        .should()
        .beDeclaredIn(io.kb4sync.http.Loopback.class)
        .because("one loopback rule: io.kb4sync.http.Loopback")
        .check(KB4SYNC);
  }

  @Test
  void a_configured_url_is_checked_by_the_one_endpoint_rule() {
    // A server deciding which address it may listen on asks Loopback itself; so do the two hosts
    // that are not URLs and decide on TLS by the host as written: an SMTP relay (AUTH without TLS
    // only to loopback) and a PostgreSQL state store (verified TLS to any other host).
    noClasses()
        .that()
        .resideOutsideOfPackages("io.kb4sync.http..", "io.kb4sync.server..")
        .and()
        .doNotHaveFullyQualifiedName("io.kb4sync.notify.SmtpSettings")
        .and()
        .doNotHaveFullyQualifiedName("io.kb4sync.store.StateLocation")
        .should()
        .callMethod(io.kb4sync.http.Loopback.class, "isLoopbackHost", String.class)
        .because("a URL is https, or http to a loopback host: io.kb4sync.http.Urls.checked")
        .check(KB4SYNC);
  }
}
