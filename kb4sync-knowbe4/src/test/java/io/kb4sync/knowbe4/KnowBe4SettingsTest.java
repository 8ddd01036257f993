package io.kb4sync.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnowBe4SettingsTest {
  private static final URI SCIM = URI.create("https://training.knowbe4.com/scim/v2/");

  @Test
  void the_reporting_url_defaults_to_the_regions_and_trailing_slashes_are_dropped() {
    KnowBe4Settings settings =
        new KnowBe4Settings(SCIM, "token-123456", "EU", null, "key-123456", 8);

    assertThat(settings.reportingUrl()).isEqualTo(URI.create("https://eu.api.knowbe4.com"));
    assertThat(settings.scimUrl()).isEqualTo(URI.create("https://training.knowbe4.com/scim/v2"));
    assertThat(settings.region()).isEqualTo("eu");
    assertThat(settings.hasReportingApi()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "us, https://us.api.knowbe4.com",
    "eu, https://eu.api.knowbe4.com",
    "ca, https://ca.api.knowbe4.com",
    "uk, https://uk.api.knowbe4.com",
    "de, https://de.api.knowbe4.com"
  })
  void every_region_has_its_reporting_url(String region, String url) {
    assertThat(KnowBe4Region.fromKey(region).reportingUrl()).isEqualTo(URI.create(url));
  }

  @Test
  void plain_http_is_refused_for_other_hosts_naming_the_key() {
    assertThatThrownBy(
            () ->
                KnowBe4Settings.scimOnly(
                    URI.create("http://training.knowbe4.com/scim/v2"), "t", "us"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scim_url: must use https (plain http is accepted only for loopback hosts)");
    assertThatThrownBy(
            () ->
                new KnowBe4Settings(
                    SCIM, "t", "us", URI.create("http://us.api.knowbe4.com"), "k", 8))
        .hasMessage(
            "reporting_url: must use https (plain http is accepted only for loopback hosts)");
  }

  @Test
  void plain_http_is_accepted_for_loopback_hosts() {
    for (String host : new String[] {"127.0.0.1:8080", "localhost", "[::1]:9000"}) {
      assertThat(
              KnowBe4Settings.scimOnly(URI.create("http://" + host + "/scim/v2"), "t", "us")
                  .scimUrl())
          .hasScheme("http");
    }
  }

  @Test
  void unknown_regions_and_bad_values_name_their_key() {
    assertThatThrownBy(() -> KnowBe4Settings.scimOnly(SCIM, "t", "apac"))
        .hasMessage("region: 'apac' is not a KnowBe4 region; use one of us, eu, ca, uk, de");
    assertThatThrownBy(() -> KnowBe4Settings.scimOnly(SCIM, " ", "us"))
        .hasMessageStartingWith("scim_token:");
    assertThatThrownBy(() -> new KnowBe4Settings(SCIM, "t", "us", null, "", 8))
        .hasMessageStartingWith("reporting_api_key:");
    assertThatThrownBy(() -> new KnowBe4Settings(SCIM, "t", "us", null, null, 0))
        .hasMessage("write_concurrency: must be at least 1 (got 0)");
    assertThatThrownBy(() -> KnowBe4Settings.scimOnly(URI.create("ftp://x/scim"), "t", "us"))
        .hasMessageStartingWith("scim_url:");
    assertThatThrownBy(() -> new KnowBe4Settings(SCIM, "t", "us", null, null, 33))
        .hasMessage("write_concurrency: must be at most 32 (got 33)");
  }

  @Test
  void each_key_has_its_default_here() {
    KnowBe4Settings settings = new KnowBe4Settings(SCIM, "t", null, null, null, null);

    assertThat(settings.region()).isEqualTo("us");
    assertThat(settings.reportingUrl()).isEqualTo(URI.create("https://us.api.knowbe4.com"));
    assertThat(settings.writeConcurrency()).isEqualTo(KnowBe4Settings.DEFAULT_WRITE_CONCURRENCY);
    assertThat(settings.hasReportingApi()).isFalse();
  }

  @Test
  void the_string_form_never_shows_the_token_or_the_key() {
    KnowBe4Settings settings =
        new KnowBe4Settings(SCIM, "scim-secret-1", "us", null, "reporting-secret-2", 8);

    assertThat(settings.toString())
        .doesNotContain("scim-secret-1")
        .doesNotContain("reporting-secret-2")
        .contains("scimToken=***");
  }
}
