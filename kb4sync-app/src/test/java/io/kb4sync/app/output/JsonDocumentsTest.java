package io.kb4sync.app.output;

import static io.kb4sync.core.testing.Options.options;
import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.testing.People;
import io.kb4sync.core.testing.ReportSchema;
import io.kb4sync.core.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonDocumentsTest {

  private static JsonNode written(Report report) throws Exception {
    return ReportSchema.assertValid(new ObjectMapper().readTree(JsonDocuments.write(report)));
  }

  @Test
  void a_report_is_written_with_the_contracts_snake_case_keys_seed_keys_first() throws Exception {
    Report report = new Scenario(tenant(m365("ann")), account()).sync().report();

    JsonNode json = written(report);

    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys.subList(0, 6))
        .containsExactly(
            "success",
            "sync_summary",
            "users_created",
            "users_archived",
            "attribute_updates",
            "group_changes");
    assertThat(json.path("sync_summary").path("m365_users_found").asInt()).isEqualTo(1);
    assertThat(json.path("users_created").path(0).path("enrollment_status").asText())
        .isEqualTo("Invited");
    assertThat(json.path("outcome").asText()).isEqualTo("ok");
    assertThat(json.has("needs_consent")).isFalse();
    assertThat(json.has("has_changes")).isFalse();
  }

  @Test
  void a_held_report_names_its_outcome_guard_and_fingerprint_by_their_ids() throws Exception {
    List<People.Kb4> users = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      users.add(kb4("u" + i));
    }
    Report report =
        new Scenario(tenant(m365("u0")), account(users, List.of()))
            .sync(options().removeStaleUsers().build())
            .report();

    JsonNode json = written(report);

    assertThat(json.path("outcome").asText()).isEqualTo("held");
    assertThat(json.path("exit_code").asInt()).isEqualTo(4);
    assertThat(json.path("staged_archives").path(0).path("guard").asText()).isEqualTo("threshold");
    assertThat(json.path("staged_archives_fingerprint").asText())
        .isEqualTo(report.stagedArchivesFingerprint())
        .matches("[0-9a-f]{64}");
  }
}
