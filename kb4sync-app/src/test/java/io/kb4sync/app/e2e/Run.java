package io.kb4sync.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.core.testing.ReportSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * What one kb4sync process did: its exit code and everything it printed. The report accessors
 * validate every report against {@code docs/report.schema.json}.
 */
record Run(int exitCode, String stdout, String stderr) {
  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** stdout as the one JSON report of a single-company sync, validated against the schema. */
  JsonNode report() {
    JsonNode tree = json();
    assertThat(tree.isObject()).as("stdout is one JSON object:%n%s", this).isTrue();
    return ReportSchema.assertValid(tree);
  }

  /** stdout as the JSON array of {@code --all-companies}, each report validated. */
  List<JsonNode> reports() {
    JsonNode tree = json();
    assertThat(tree.isArray()).as("stdout is one JSON array:%n%s", this).isTrue();
    List<JsonNode> reports = new ArrayList<>();
    tree.forEach(report -> reports.add(ReportSchema.assertValid(report)));
    return reports;
  }

  /** stderr's non-empty lines. */
  List<String> stderrLines() {
    return stderr.lines().filter(line -> !line.isBlank()).toList();
  }

  private JsonNode json() {
    try {
      JsonNode tree = JSON.readTree(stdout);
      assertThat(tree.isMissingNode()).as("stdout is empty:%n%s", this).isFalse();
      return tree;
    } catch (JsonProcessingException e) {
      throw new AssertionError("stdout is not one JSON document: " + e.getOriginalMessage() + this);
    }
  }

  @Override
  public String toString() {
    return "%nexit code %d%n--- stdout ---%n%s%n--- stderr ---%n%s"
        .formatted(exitCode, stdout, stderr);
  }
}
