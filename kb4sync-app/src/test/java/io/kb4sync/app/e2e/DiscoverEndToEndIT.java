package io.kb4sync.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.onboard.MspBook;
import io.kb4sync.simulators.psa.HaloSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Onboarding a whole book through the real jar: {@code companies discover} against the partner
 * tenant and the PSA, its {@code --output} pasted into the configuration with each company's
 * variables set, then {@code sync} of a discovered company through the shared {@code defaults.m365}
 * app creates its users in KnowBe4.
 */
class DiscoverEndToEndIT extends EndToEndTest {
  static final String HALO_SECRET = "E2E-SECRET-halo-client-secret-2a7c";
  static final String SCIM_TOKEN = "E2E-SECRET-kb4-scim-token-of-acme-91d0";
  static final List<String> MATCHED = List.of("1001", "1002", "1003", "1009", "1010");

  /** Acme's tenant: two licensed people. */
  static void acmeUsers(String name, GraphTenant.Builder tenant) {
    if (name.equals("acme")) {
      tenant
          .sku(World.E3, World.E3_ID)
          .user(World.person("ann@acme.example", "Ann", "Archer", "Sales"))
          .user(World.person("bob@acme.example", "Bob", "Baker", "Engineering"));
    }
  }

  @Test
  void discovered_companies_pasted_into_the_configuration_sync_through_the_shared_app()
      throws IOException {
    try (MspBook book = MspBook.start(DiscoverEndToEndIT::acmeUsers);
        HaloSimulator halo =
            MspBook.companiesInto(
                HaloSimulator.start(new HaloSimulator.Credentials("halo-app", HALO_SECRET, null)));
        KnowBe4Simulator knowbe4 = KnowBe4Simulator.start(SCIM_TOKEN, "unused-key")) {
      knowbe4.account("Acme", List.of("acme.example"));
      String base = book.graph().baseUri().toString();
      String settings =
          """
          state: "sqlite:./state/kb4sync-state.db"
          defaults:
            m365:
              client_id: "%s"
              client_secret: "${env:MSP_APP_SECRET}"
              graph_url: "%s"
              login_url: "%s"
          partner:
            tenant_id: "%s"
          psa:
            type: halo
            halo:
              auth_url: "%s"
              api_url: "%s"
              client_id: "halo-app"
              client_secret: "${env:HALO_SECRET}"
              tickettype_id: 1
          """
              .formatted(
                  MspBook.APP_CLIENT_ID,
                  base,
                  base,
                  MspBook.PARTNER,
                  halo.authUrl(),
                  halo.apiUrl());
      Path config = dir.resolve("kb4sync.yaml");
      Files.writeString(config, settings + "companies: []\n");
      Kb4syncJar kb4sync =
          kb4sync().env("MSP_APP_SECRET", MspBook.APP_SECRET).env("HALO_SECRET", HALO_SECRET);

      Run discover =
          kb4sync.run("companies", "discover", "--config", "kb4sync.yaml", "--output", "new.yaml");

      assertThat(discover.exitCode()).as("%s", discover).isZero();
      assertThat(discover.stdout()).contains("MATCHED (5)").contains("AMBIGUOUS (2)");
      assertThat(discover.stdout() + discover.stderr())
          .doesNotContain(MspBook.APP_SECRET)
          .doesNotContain(HALO_SECRET);
      String proposed = Files.readString(dir.resolve("new.yaml"));
      assertThat(proposed).contains("tenant_id: \"" + book.tenant("acme").tenantId() + "\"");
      assertThat(halo.log().count(r -> r.isWrite() && !r.path().endsWith("/token"))).isZero();

      // The technician's review-and-paste step, then each company's KnowBe4 secrets.
      Path pasted = dir.resolve("kb4sync.yaml");
      Files.writeString(pasted, settings + proposed);
      for (String id : MATCHED) {
        kb4sync.env("KB4_" + id + "_SCIM_URL", knowbe4.scimUrl().toString());
        kb4sync.env("KB4_" + id + "_SCIM_TOKEN", id.equals("1001") ? SCIM_TOKEN : "not-" + id);
      }
      book.graph().log().clear();

      Run sync = kb4sync.run("sync", "--config", "kb4sync.yaml", "--company", "1001");

      assertThat(sync.exitCode()).as("%s", sync).isZero();
      JsonNode report = sync.report();
      assertThat(report.at("/sync_summary/company").asText()).isEqualTo("Acme Corp");
      assertThat(report.at("/sync_summary/users_created").asInt()).isEqualTo(2);
      List<String> created = new ArrayList<>();
      report.at("/users_created").forEach(u -> created.add(u.at("/email").asText()));
      assertThat(created).containsExactlyInAnyOrder("ann@acme.example", "bob@acme.example");
      assertThat(knowbe4.users()).hasSize(2);
      String acme = book.tenant("acme").tenantId();
      assertThat(book.graph().log().count(r -> r.path().equals("/" + acme + "/oauth2/v2.0/token")))
          .isPositive();
      assertThat(sync.stdout() + sync.stderr())
          .doesNotContain(MspBook.APP_SECRET)
          .doesNotContain(SCIM_TOKEN);
    }
  }
}
