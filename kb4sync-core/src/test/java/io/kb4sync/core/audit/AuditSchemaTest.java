package io.kb4sync.core.audit;

import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.report.Company;
import io.kb4sync.core.state.CompanyState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditSchemaTest {
  static JsonNode drifted() {
    return AuditSchema.assertValid(
        Auditor.audit(
            new Company("1001", "Acme", "c.yaml"),
            Instant.parse("2026-11-30T06:00:00Z"),
            tenant(m365("ann"), m365("bob")),
            account(kb4("ann").department("Old"), kb4("gone")),
            CompanyState.empty(),
            SyncOptions.defaults()));
  }

  @Test
  void the_document_names_categories_and_severities_by_their_ids_in_snake_case_keys() {
    JsonNode audit = drifted();

    assertThat(audit.at("/findings/0/severity").asText()).isIn("critical", "warning", "info");
    assertThat(audit.findValuesAsText("category")).contains("missing_from_knowbe4");
    assertThat(audit.has("next_sync")).isTrue();
    assertThat(audit.at("/findings/0").has("suggested_action")).isTrue();
    assertThat(audit.at("/findings/0/users/0").has("last_m365_sync")).isTrue();
  }

  @Test
  void the_schema_refuses_an_unknown_category_and_a_complete_audit_without_its_next_sync() {
    ObjectNode unknownCategory = (ObjectNode) drifted().deepCopy();
    ((ObjectNode) unknownCategory.at("/findings/0")).put("category", "something_else");
    ObjectNode noNextSync = (ObjectNode) drifted().deepCopy();
    noNextSync.putNull("next_sync");
    ObjectNode extraKey = (ObjectNode) drifted().deepCopy();
    extraKey.put("surprise", 1);

    assertThat(AuditSchema.problems(unknownCategory)).isNotEmpty();
    assertThat(AuditSchema.problems(noNextSync)).isNotEmpty();
    assertThat(AuditSchema.problems(extraKey)).isNotEmpty();
  }
}
