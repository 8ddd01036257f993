package io.kb4sync.simulators.psa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Each way a PSA simulator writes "no website" is what it says, and a website is always written.
 */
class MissingWebsiteTest {
  private final ObjectMapper json = new ObjectMapper();

  private String written(MissingWebsite variant, String website) {
    ObjectNode company = json.createObjectNode();
    variant.put(company, "website", website);
    return company.toString();
  }

  @Test
  void no_website_is_written_as_null_absent_or_empty() {
    assertThat(written(MissingWebsite.NULL, null)).isEqualTo("{\"website\":null}");
    assertThat(written(MissingWebsite.ABSENT, null)).isEqualTo("{}");
    assertThat(written(MissingWebsite.EMPTY, null)).isEqualTo("{\"website\":\"\"}");
  }

  @Test
  void a_website_is_written_whatever_the_variant() {
    for (MissingWebsite variant : MissingWebsite.values()) {
      assertThat(written(variant, "acme.example")).isEqualTo("{\"website\":\"acme.example\"}");
    }
  }
}
