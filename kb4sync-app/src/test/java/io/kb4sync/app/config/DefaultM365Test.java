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

/** {@code defaults.m365}: the contract's "One multi-tenant app" inheritance, key by key. */
class DefaultM365Test {
  @TempDir Path dir;

  private static final String KB4 =
      "    knowbe4: { scim_url: \"https://training.knowbe4.com/scim/v2\", scim_token: t }\n";

  private final Map<String, String> environment =
      Map.of("MSP_SECRET", "msp-secret", "OWN_SECRET", "own-secret", "PFX_PW", "pfx-pw");

  private Config load(String yaml) throws IOException {
    Path file = dir.resolve("kb4sync.yaml");
    Files.writeString(file, yaml);
    return ConfigLoader.load(file, environment::get);
  }

  private GraphSettings m365(String defaults, String company) throws IOException {
    return load("defaults:\n  m365: "
            + defaults
            + "\ncompanies:\n  - company_id: \"1001\"\n"
            + (company == null ? "" : "    m365: " + company + "\n")
            + KB4)
        .company("1001")
        .orElseThrow()
        .m365();
  }

  private String problem(String yaml) {
    return assertThatThrownBy(() -> load(yaml))
        .isInstanceOf(ConfigException.class)
        .actual()
        .getMessage();
  }

  @Test
  void a_company_with_only_a_tenant_id_takes_the_whole_app_from_the_defaults() throws IOException {
    GraphSettings m365 =
        m365(
            "{ client_id: msp-app, client_secret: \"${env:MSP_SECRET}\", cloud: usgov,"
                + " graph_url: \"http://127.0.0.1:9/graph\" }",
            "{ tenant_id: acme.onmicrosoft.com }");

    assertThat(m365.tenantId()).isEqualTo("acme.onmicrosoft.com");
    assertThat(m365.clientId()).isEqualTo("msp-app");
    assertThat(m365.clientSecret()).isEqualTo("msp-secret");
    assertThat(m365.cloud().configName()).isEqualTo("usgov");
    assertThat(m365.effectiveGraphUrl()).hasToString("http://127.0.0.1:9/graph");
  }

  @Test
  void a_company_client_id_replaces_the_whole_credential_never_mixing_the_defaults_secret()
      throws IOException {
    GraphSettings m365 =
        m365(
            "{ client_id: msp-app, client_secret: \"${env:MSP_SECRET}\" }",
            "{ tenant_id: t.example, client_id: own-app, certificate_path: own.pfx,"
                + " certificate_password: \"${env:PFX_PW}\" }");

    assertThat(m365.clientId()).isEqualTo("own-app");
    assertThat(m365.clientSecret()).isNull();
    assertThat(m365.certificatePath()).isEqualTo(dir.resolve("own.pfx"));
    assertThat(m365.certificatePassword()).isEqualTo("pfx-pw");
  }

  @Test
  void a_company_client_id_without_its_own_secret_is_refused_rather_than_given_the_defaults() {
    assertThat(
            problem(
                "defaults:\n  m365: { client_id: msp-app, client_secret: s }\n"
                    + "companies:\n  - company_id: \"1001\"\n"
                    + "    m365: { tenant_id: t.example, client_id: own-app }\n"
                    + KB4))
        .endsWith("companies[0].m365: set exactly one of client_secret and certificate_path");
  }

  @Test
  void a_defaults_certificate_is_not_inherited_by_a_company_with_its_own_client_id()
      throws IOException {
    GraphSettings m365 =
        m365(
            "{ client_id: msp-app, certificate_path: msp.pfx, certificate_password: x }",
            "{ tenant_id: t.example, client_id: own-app, client_secret: \"${env:OWN_SECRET}\" }");

    assertThat(m365.clientSecret()).isEqualTo("own-secret");
    assertThat(m365.certificatePath()).isNull();
    assertThat(m365.certificatePassword()).isNull();
  }

  @Test
  void cloud_and_urls_are_inherited_per_key_even_by_a_company_with_its_own_credential()
      throws IOException {
    GraphSettings m365 =
        m365(
            "{ client_id: msp-app, client_secret: s, cloud: usgov,"
                + " login_url: \"http://127.0.0.1:9/login\" }",
            "{ tenant_id: t.example, client_id: own, client_secret: o,"
                + " graph_url: \"http://127.0.0.1:9/own-graph\" }");

    assertThat(m365.cloud().configName()).isEqualTo("usgov");
    assertThat(m365.effectiveLoginUrl()).hasToString("http://127.0.0.1:9/login");
    assertThat(m365.effectiveGraphUrl()).hasToString("http://127.0.0.1:9/own-graph");
  }

  @Test
  void a_company_key_wins_over_the_defaults_key_and_an_empty_url_inherits() throws IOException {
    GraphSettings m365 =
        m365(
            "{ client_id: msp-app, client_secret: s, cloud: usgov,"
                + " graph_url: \"http://127.0.0.1:9/graph\" }",
            "{ tenant_id: t.example, cloud: china, graph_url: \"\" }");

    assertThat(m365.cloud().configName()).isEqualTo("china");
    assertThat(m365.effectiveGraphUrl()).hasToString("http://127.0.0.1:9/graph");
    assertThat(m365.clientId()).isEqualTo("msp-app");
  }

  @Test
  void a_company_without_m365_takes_the_app_and_leaves_its_tenant_to_the_stored_mapping()
      throws IOException {
    GraphSettings m365 = m365("{ client_id: msp-app, client_secret: s }", null);

    assertThat(m365.hasTenant()).isFalse();
    assertThat(m365.clientId()).isEqualTo("msp-app");
  }

  @Test
  void without_defaults_m365_a_company_m365_is_still_required() {
    assertThat(problem("companies:\n  - company_id: \"1001\"\n" + KB4))
        .endsWith("companies[0].m365: is required");
  }

  @Test
  void problems_with_inherited_keys_are_told_where_they_were_written() {
    String company =
        "companies:\n  - company_id: \"1001\"\n    m365: { tenant_id: t.example }\n" + KB4;

    assertThat(
            problem(
                "defaults:\n  m365: { client_id: a, client_secret: \"${env:NOPE}\" }\n" + company))
        .endsWith("defaults.m365.client_secret: environment variable NOPE is not set");
    assertThat(
            problem(
                "defaults:\n  m365: { client_id: a, client_secret: s, clod: usgov }\n" + company))
        .endsWith("defaults.m365.clod: unknown key (did you mean cloud?)");
    assertThat(
            problem(
                "defaults:\n  m365: { client_id: a, client_secret: s, cloud: mars }\n" + company))
        .contains("defaults.m365.cloud: must be one of global, usgov, usgov-dod, china");
    assertThat(
            problem(
                "defaults:\n  m365: { client_id: a, client_secret: s,"
                    + " graph_url: \"http://graph.example\" }\n"
                    + company))
        .endsWith(
            "defaults.m365.graph_url: must use https (plain http is accepted only for"
                + " loopback hosts)");
  }

  @Test
  void a_tenant_id_in_the_defaults_is_refused() {
    assertThat(
            problem(
                "defaults:\n  m365: { tenant_id: t.example, client_id: a, client_secret: s }\n"
                    + "companies:\n  - company_id: \"1001\"\n    m365: { tenant_id: t.example }\n"
                    + KB4))
        .endsWith(
            "defaults.m365.tenant_id: a tenant belongs to one company: set it in the company's"
                + " m365");
  }

  @Test
  void the_defaults_secret_never_appears_in_a_companys_settings_text() throws IOException {
    GraphSettings m365 =
        m365("{ client_id: msp-app, client_secret: \"${env:MSP_SECRET}\" }", "{ tenant_id: t.x }");

    assertThat(m365.toString()).doesNotContain("msp-secret");
  }
}
