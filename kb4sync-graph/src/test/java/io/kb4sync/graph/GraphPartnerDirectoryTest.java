package io.kb4sync.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.onboard.PartnerCustomer;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.simulators.graph.GraphSimulator;
import io.kb4sync.simulators.graph.GraphTenant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The partner read of {@code kb4sync companies discover}: GDAP customers from {@code
 * /tenantRelationships/delegatedAdminCustomers}, every page, against the Graph simulator.
 */
class GraphPartnerDirectoryTest {
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private GraphTenant msp;
  private GraphSimulator simulator;

  @BeforeEach
  void start() {
    GraphTenant.Builder partner =
        GraphTenant.builder("contosomsp.onmicrosoft.com")
            .displayName("Contoso MSP")
            .grant(GraphSimulator.PARTNER_PERMISSION);
    for (int i = 1; i <= 7; i++) {
      partner.customer(
          String.format("0000000%d-0000-0000-0000-000000000000", i), "Customer " + i + " Ltd");
    }
    msp = partner.build();
    simulator = GraphSimulator.start(msp).customerPageSize(3);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private GraphPartnerDirectory partner() {
    return new GraphPartnerDirectory(
        GraphSettings.withSecret(
            msp.name(),
            msp.clientId(),
            msp.clientSecret(),
            simulator.baseUri(),
            simulator.baseUri()),
        sleeper.options());
  }

  @Test
  void every_customer_is_read_across_pages_with_its_tenant_id_and_display_name() {
    List<PartnerCustomer> customers = partner().customers();

    assertThat(customers).hasSize(7);
    assertThat(customers.get(0))
        .isEqualTo(new PartnerCustomer("00000001-0000-0000-0000-000000000000", "Customer 1 Ltd"));
    assertThat(
            simulator
                .log()
                .count(r -> r.path().equals("/v1.0/tenantRelationships/delegatedAdminCustomers")))
        .isEqualTo(3);
  }

  @Test
  void a_partner_without_the_permission_fails_naming_it_and_returns_nothing() {
    msp.deny(GraphSimulator.PARTNER_PERMISSION);

    assertThatThrownBy(() -> partner().customers())
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("DelegatedAdminRelationship.Read.All");
  }

  @Test
  void a_customer_whose_last_relationship_ended_is_no_longer_listed() {
    msp.removeCustomer("00000002-0000-0000-0000-000000000000");

    assertThat(partner().customers())
        .extracting(PartnerCustomer::tenantId)
        .doesNotContain("00000002-0000-0000-0000-000000000000")
        .hasSize(6);
  }
}
