package io.kb4sync.app.e2e;

import io.kb4sync.simulators.graph.GraphSimulator;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.graph.GraphUser;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One customer company as the end-to-end tests see it: a Microsoft 365 tenant behind its own Graph
 * simulator and a KnowBe4 account behind its own KnowBe4 simulator, both on loopback ports of the
 * test JVM. Its secrets are distinctive strings that the tests grep for, and reach kb4sync only
 * through {@code ${env:...}} references in the configuration.
 */
final class World implements AutoCloseable {
  static final String E3 = "SPE_E3";
  static final String E3_ID = "05e9a617-0261-4cee-bb44-138d3ef5d965";
  static final String KIOSK = "EXCHANGEDESKLESS";
  static final String KIOSK_ID = "80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82";
  static final String DEFAULT_GROUP = "All Users";

  final String name;
  final String domain;
  final GraphTenant tenant;
  final GraphSimulator graph;
  final KnowBe4Simulator knowbe4;

  private World(String name, GraphTenant tenant, GraphSimulator graph, KnowBe4Simulator knowbe4) {
    this.name = name;
    this.domain = name + ".example";
    this.tenant = tenant;
    this.graph = graph;
    this.knowbe4 = knowbe4;
  }

  /** A company named {@code contoso} (domain contoso.example) with the given tenant users. */
  static World start(Consumer<GraphTenant.Builder> users) {
    return start("contoso", users);
  }

  /**
   * A company whose tenant is {@code NAME.onmicrosoft.com}, verified domain {@code NAME.example},
   * with the SKUs {@value #E3} and {@value #KIOSK}.
   */
  static World start(String name, Consumer<GraphTenant.Builder> users) {
    GraphTenant.Builder builder =
        GraphTenant.builder(name + ".onmicrosoft.com")
            .displayName(name)
            .clientSecret(clientSecret(name))
            .verifiedDomain(name + ".example")
            .sku(E3, E3_ID)
            .sku(KIOSK, KIOSK_ID);
    users.accept(builder);
    GraphTenant tenant = builder.build();
    GraphSimulator graph = GraphSimulator.start(tenant);
    KnowBe4Simulator knowbe4;
    try {
      knowbe4 = KnowBe4Simulator.start(scimToken(name), reportingKey(name));
      knowbe4.account(name, List.of(name + ".example"));
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
    return new World(name, tenant, graph, knowbe4);
  }

  // ---- secrets: distinctive, so a leak is found by a plain search

  static String clientSecret(String name) {
    return "E2E-SECRET-m365-client-secret-of-" + name + "-7f3a9c51";
  }

  static String scimToken(String name) {
    return "E2E-SECRET-kb4-scim-token-of-" + name + "-4b8d0c6a";
  }

  static String reportingKey(String name) {
    return "E2E-SECRET-kb4-reporting-key-of-" + name + "-c62b1490";
  }

  List<String> secrets() {
    return List.of(clientSecret(name), scimToken(name), reportingKey(name));
  }

  String envPrefix() {
    return "E2E_" + name.toUpperCase(Locale.ROOT);
  }

  /** The child process's environment that the configuration's {@code ${env:...}} read. */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(envPrefix() + "_M365_SECRET", clientSecret(name));
    env.put(envPrefix() + "_KB4_SCIM_TOKEN", scimToken(name));
    env.put(envPrefix() + "_KB4_REPORTING_KEY", reportingKey(name));
    return env;
  }

  // ---- people

  String email(String local) {
    return local + "@" + domain;
  }

  /** A licensed ({@value #E3}) enabled member; mail = userPrincipalName = {@code email}. */
  static Consumer<GraphUser.Builder> person(
      String email, String given, String family, String department) {
    return u ->
        u.upn(email)
            .mail(email)
            .name(given, family)
            .department(department)
            .jobTitle("Clerk")
            .license(E3);
  }

  // ---- traffic

  /**
   * Write requests both simulators received: anything but GET and HEAD, except the OAuth token
   * request, a POST that changes nothing in Microsoft 365.
   */
  long writes() {
    return graphWrites() + knowbe4.log().writes();
  }

  long graphWrites() {
    return graph.log().count(r -> r.isWrite() && !isTokenRequest(r));
  }

  static boolean isTokenRequest(LoggedRequest request) {
    return request.path().endsWith("/oauth2/v2.0/token");
  }

  /** Requests both simulators received, token requests included. */
  long requests() {
    return graph.log().all().size() + knowbe4.log().all().size();
  }

  void clearLogs() {
    graph.log().clear();
    knowbe4.log().clear();
  }

  @Override
  public void close() {
    try {
      graph.close();
    } finally {
      knowbe4.close();
    }
  }
}
