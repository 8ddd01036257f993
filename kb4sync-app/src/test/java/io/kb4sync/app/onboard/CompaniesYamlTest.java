package io.kb4sync.app.onboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kb4sync.core.onboard.Discovery;
import io.kb4sync.core.onboard.PartnerCustomer;
import io.kb4sync.core.onboard.Proposal;
import io.kb4sync.core.onboard.PsaCompany;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code --output} block: valid YAML whatever the PSA's names hold, secrets as references. */
class CompaniesYamlTest {
  static final String T1 = "11111111-1111-1111-1111-111111111111";

  static Discovery.Result oneMatch(String id, String name) {
    PsaCompany company = new PsaCompany(id, name, true, List.of());
    return new Discovery.Result(
        "00000000-0000-0000-0000-0000000000aa",
        new Proposal(
            List.of(new Proposal.Match(company, T1, "Tenant \"1\"\nline", true, Proposal.By.NAME)),
            List.of(
                new Proposal.Ambiguity(
                    List.of(new PsaCompany("9", "Two\nLines", true, List.of())),
                    List.of(new PartnerCustomer(T1, "A")),
                    "2 tenants have this name")),
            List.of(),
            List.of(),
            List.of(),
            List.of()));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1001,KB4_1001_SCIM_URL",
    "acme-corp,KB4_ACME_CORP_SCIM_URL",
    "a.b c,KB4_A_B_C_SCIM_URL"
  })
  void env_names_are_the_company_id_upper_cased_with_other_characters_as_underscores(
      String id, String name) {
    assertThat(CompaniesYaml.envName(id, "SCIM_URL")).isEqualTo(name);
  }

  @Test
  void names_with_quotes_backslashes_newlines_and_references_stay_one_valid_value()
      throws Exception {
    String name = "O'Neil \"Partners\" \\ Co\n${env:HOME}";

    String yaml = CompaniesYaml.render(oneMatch("acme corp", name), Instant.EPOCH);

    JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    JsonNode company = tree.path("companies").get(0);
    assertThat(company.path("company_id").asText()).isEqualTo("acme corp");
    assertThat(company.path("name").asText()).isEqualTo("O'Neil \"Partners\" \\ Co\n$ {env:HOME}");
    assertThat(company.path("m365").path("tenant_id").asText()).isEqualTo(T1);
    assertThat(company.path("knowbe4").path("scim_token").asText())
        .isEqualTo("${env:KB4_ACME_CORP_SCIM_TOKEN}");
    assertThat(tree.path("companies")).hasSize(1);
    assertThat(yaml).contains("#  - company 9 \"Two Lines\": 2 tenants have this name");
  }

  @Test
  void without_a_match_the_block_is_an_empty_list() throws Exception {
    Discovery.Result none =
        new Discovery.Result(
            "x", new Proposal(List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));

    JsonNode tree =
        new ObjectMapper(new YAMLFactory()).readTree(CompaniesYaml.render(none, Instant.EPOCH));

    assertThat(tree.path("companies").isArray()).isTrue();
    assertThat(tree.path("companies")).isEmpty();
  }
}
