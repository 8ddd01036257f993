package io.kb4sync.core.report;

import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.core.testing.ReportSchema;
import io.kb4sync.core.testing.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportSchemaTest {

  private static JsonNode aReport() {
    return ReportSchema.assertValid(new Scenario(tenant(m365("a")), account()).sync().report());
  }

  @Test
  void the_report_carries_the_seed_keys_with_the_seeds_nesting() {
    JsonNode report = aReport();

    assertThat(report.fieldNames())
        .toIterable()
        .startsWith(
            "success",
            "sync_summary",
            "users_created",
            "users_archived",
            "attribute_updates",
            "group_changes");
    assertThat(report.get("sync_summary").fieldNames())
        .toIterable()
        .containsExactly(
            "company",
            "m365_users_found",
            "knowbe4_users_found",
            "users_matched",
            "users_created",
            "users_updated",
            "users_archived",
            "groups_synced",
            "sync_timestamp");
    assertThat(report.get("users_created").get(0).fieldNames())
        .toIterable()
        .startsWith(
            "email", "first_name", "last_name", "department", "knowbe4_group", "enrollment_status");
    assertThat(report.get("sync_summary").get("sync_timestamp").asText())
        .isEqualTo("2026-11-30T06:00:00Z");
  }

  @Test
  void a_report_missing_a_seed_key_fails_the_schema() {
    for (String key :
        List.of(
            "success",
            "sync_summary",
            "users_created",
            "users_archived",
            "attribute_updates",
            "group_changes")) {
      ObjectNode broken = aReport().deepCopy();
      broken.remove(key);
      assertThatThrownBy(() -> ReportSchema.assertValid(broken))
          .as(key)
          .isInstanceOf(AssertionError.class);
    }
  }

  @Test
  void a_summary_count_that_is_not_an_integer_fails_the_schema() {
    ObjectNode broken = aReport().deepCopy();
    ((ObjectNode) broken.get("sync_summary")).put("users_created", "1");

    assertThatThrownBy(() -> ReportSchema.assertValid(broken)).isInstanceOf(AssertionError.class);
  }
}
