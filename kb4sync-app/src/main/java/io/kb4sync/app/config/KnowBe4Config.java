package io.kb4sync.app.config;

import java.net.URI;

/**
 * A company's KnowBe4 account: the SCIM Tenant URL and token, and optionally the Reporting API.
 *
 * @param region us, eu, ca, uk or de
 * @param reportingUrl null: the region's default
 */
public record KnowBe4Config(
    String region,
    URI scimUrl,
    String scimToken,
    URI reportingUrl,
    String reportingApiKey,
    int writeConcurrency) {

  @Override
  public String toString() {
    return "KnowBe4Config[region=" + region + ", scimUrl=" + scimUrl + "]";
  }
}
