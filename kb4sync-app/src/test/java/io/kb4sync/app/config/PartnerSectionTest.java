package io.kb4sync.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.graph.GraphSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The top-level {@code partner:} section (the MSP's own tenant, for {@code companies discover}):
 * bound as a company's {@code m365} over {@code defaults.m365}, its {@code tenant_id} required,
 * every problem one line naming the key.
 */
class PartnerSectionTest {
  @TempDir Path dir;

  private static final String COMPANY =
      "companies:\n  - company_id: \"1001\"\n    m365: { tenant_id: a.example, client_id: c, client_secret: s }\n"
          + "    knowbe4: { scim_url: \"https://training.knowbe4.com/scim/v2\", scim_token: t }\n";

  private final Map<String, String> environment =
      Map.of("MSP_SECRET", "msp-secret", "OWN_SECRET", "own-secret");

  private Config load(String yaml) throws IOException {
    Path file = dir.resolve("kb4sync.yaml");
    Files.writeString(file, yaml);
    return ConfigLoader.load(file, environment::get);
  }

  private String problem(String yaml) {
    return assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(ConfigException.class)
        .actual()
        .getMessage();
  }

  @Test
  void a_partner_with_only_a_tenant_id_takes_the_app_and_urls_from_defaults_m365()
      throws IOException {
    GraphSettings partner =
        load("defaults:\n  m365: { client_id: msp-app, client_secret: \"${env:MSP_SECRET}\","
                + " login_url: \"http://127.0.0.1:9\" }\n"
                + "partner: { tenant_id: contosomsp.onmicrosoft.com }\n"
                + COMPANY)
            .partner();

    assertThat(partner.tenantId()).isEqualTo("contosomsp.onmicrosoft.com");
    assertThat(partner.clientId()).isEqualTo("msp-app");
    assertThat(partner.clientSecret()).isEqualTo("msp-secret");
    assertThat(partner.effectiveLoginUrl()).hasToString("http://127.0.0.1:9");
  }

  @Test
  void a_partner_with_its_own_client_id_brings_its_own_secret() throws IOException {
    GraphSettings partner =
        load("defaults:\n  m365: { client_id: msp-app, client_secret: \"${env:MSP_SECRET}\" }\n"
                + "partner: { tenant_id: t.example, client_id: partner-app,"
                + " client_secret: \"${env:OWN_SECRET}\" }\n"
                + COMPANY)
            .partner();

    assertThat(partner.clientId()).isEqualTo("partner-app");
    assertThat(partner.clientSecret()).isEqualTo("own-secret");
  }

  @Test
  void without_a_partner_section_there_is_no_partner() throws IOException {
    assertThat(load(COMPANY).partner()).isNull();
  }

  @Test
  void a_partner_without_tenant_id_is_refused_naming_the_key() {
    assertThat(
            problem(
                "partner: { client_id: app, client_secret: \"${env:MSP_SECRET}\" }\n" + COMPANY))
        .endsWith("partner.tenant_id: is required: the MSP's own tenant (GUID or domain)");
  }

  @Test
  void a_bad_partner_value_is_one_line_naming_the_key_and_never_the_secret() {
    String message =
        problem(
            "partner: { tenant_id: \"not a tenant\", client_id: app,"
                + " client_secret: \"${env:MSP_SECRET}\" }\n"
                + COMPANY);

    assertThat(message).contains("partner.tenant_id:").doesNotContain("msp-secret");
    assertThat(message.lines()).hasSize(1);
  }

  @Test
  void a_file_without_companies_is_accepted_for_discovery_only() throws IOException {
    Path file = dir.resolve("kb4sync.yaml");
    Files.writeString(file, "partner: { tenant_id: t.example, client_id: a, client_secret: s }\n");

    assertThat(ConfigLoader.loadForDiscovery(file, environment::get).companies()).isEmpty();
    assertThatThrownBy(() -> ConfigLoader.load(file, environment::get))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("companies: is required");
  }
}
