package io.kb4sync.graph;

import io.kb4sync.simulators.graph.GraphSimulator;
import io.kb4sync.simulators.graph.GraphSku;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.http.RequestLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The contract against the Graph simulator, seeded with the Contoso users of Microsoft's examples
 * (fields the examples do not show, like accountEnabled, are left null to match).
 */
class GraphDirectorySourceOnSimulatorTest extends DirectorySourceContract {
  private GraphSimulator simulator;
  private GraphTenant contoso;

  static GraphTenant contoso() {
    return GraphTenant.builder("contoso.onmicrosoft.com")
        .displayName("Contoso")
        .clientId("6731de76-14a6-49ae-97bc-6eba6914391e")
        .clientSecret("sim-contoso-secret")
        .verifiedDomain("Contoso.com")
        .sku(GraphSku.enabled("ENTERPRISEPREMIUM", "c7df2760-2c81-4ef7-b578-5b5392b571df"))
        .sku(GraphSku.suspended("CRMSTANDARD", "d17b27af-3f49-4822-99f9-56a661538792"))
        .user(
            u ->
                u.id(ADAMS)
                    .upn("Adams@contoso.com")
                    .mail("Adams@contoso.com")
                    .displayName("Conf Room Adams")
                    .accountEnabled(null)
                    .userType(null))
        .user(
            u ->
                u.id(ADMIN)
                    .upn("admin@contoso.com")
                    .name("MOD", "Administrator")
                    .businessPhone("425-555-0100")
                    .mobilePhone("425-555-0101")
                    .preferredLanguage("en-US")
                    .accountEnabled(null)
                    .userType(null))
        .user(
            u ->
                u.id(GRADY)
                    .upn("GradyA@contoso.com")
                    .mail("GradyA@contoso.com")
                    .name("Grady", "Archie")
                    .jobTitle("Designer")
                    .accountEnabled(null)
                    .userType(null))
        .build();
  }

  @BeforeEach
  void start() {
    contoso = contoso();
    simulator = GraphSimulator.start(contoso);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Override
  protected GraphSettings settings() {
    return GraphSettings.withSecret(
        contoso.name(),
        contoso.clientId(),
        contoso.clientSecret(),
        simulator.baseUri(),
        simulator.baseUri());
  }

  @Override
  protected RequestLog log() {
    return simulator.log();
  }

  @Override
  protected int userPages() {
    return 1;
  }
}
