package io.kb4sync.knowbe4;

import java.net.URI;
import java.util.Locale;

/** The KnowBe4 regions and their Reporting API base URLs (developer.knowbe4.com). */
public enum KnowBe4Region {
  US("training.knowbe4.com", "https://us.api.knowbe4.com"),
  EU("eu.knowbe4.com", "https://eu.api.knowbe4.com"),
  CA("ca.knowbe4.com", "https://ca.api.knowbe4.com"),
  UK("uk.knowbe4.com", "https://uk.api.knowbe4.com"),
  DE("de.knowbe4.com", "https://de.api.knowbe4.com");

  private final String console;
  private final URI reportingUrl;

  KnowBe4Region(String console, String reportingUrl) {
    this.console = console;
    this.reportingUrl = URI.create(reportingUrl);
  }

  /** The configuration value: {@code us}, {@code eu}, {@code ca}, {@code uk} or {@code de}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The console host an administrator of this region logs into. */
  public String console() {
    return console;
  }

  /** The default Reporting API base URL; the client appends {@code /v1/...}. */
  public URI reportingUrl() {
    return reportingUrl;
  }

  /**
   * The region for a configuration value.
   *
   * @throws IllegalArgumentException naming the key {@code region} when the value is unknown
   */
  public static KnowBe4Region fromKey(String key) {
    if (key != null) {
      for (KnowBe4Region region : values()) {
        if (region.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
          return region;
        }
      }
    }
    throw new IllegalArgumentException(
        "region: '" + key + "' is not a KnowBe4 region; use one of us, eu, ca, uk, de");
  }
}
