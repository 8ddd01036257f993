package io.kb4sync.knowbe4;

import io.kb4sync.http.Urls;
import java.net.URI;

/**
 * One company's KnowBe4 connection, as configured under {@code knowbe4:} (see the contract).
 *
 * <p>Bound from the configuration file as it is: a component in camelCase is the key in snake_case,
 * and each key's default is here. Validated on construction; every failure is an {@link
 * IllegalArgumentException} whose message is one line starting with the configuration key. URLs
 * follow the one endpoint rule ({@link Urls}: plain {@code http://} only for loopback hosts).
 * {@link #toString()} never shows the token or the key.
 *
 * @param scimUrl the SCIM Tenant URL pasted from the console; the client appends {@code /Users},
 *     {@code /Groups}
 * @param scimToken the SCIM bearer token (secret)
 * @param region {@code us}, {@code eu}, {@code ca}, {@code uk} or {@code de}; null for {@code us}
 * @param reportingUrl the Reporting API base URL; null means the region's default
 * @param reportingApiKey the Reporting API key (secret); null when the account has none, and then
 *     reads go through SCIM and seats are unknown
 * @param writeConcurrency at most this many KnowBe4 write requests in flight, 1 to {@value
 *     #MAX_WRITE_CONCURRENCY}; null for {@value #DEFAULT_WRITE_CONCURRENCY}
 */
public record KnowBe4Settings(
    URI scimUrl,
    String scimToken,
    String region,
    URI reportingUrl,
    String reportingApiKey,
    Integer writeConcurrency) {

  /** The default of {@code region}. */
  public static final KnowBe4Region DEFAULT_REGION = KnowBe4Region.US;

  /** The default of {@code write_concurrency}: about one IdP connector's worth of writes. */
  public static final int DEFAULT_WRITE_CONCURRENCY = 8;

  /** The largest {@code write_concurrency} accepted. */
  public static final int MAX_WRITE_CONCURRENCY = 32;

  public KnowBe4Settings {
    scimUrl = Urls.checkedBase(scimUrl, "scim_url");
    if (scimToken == null || scimToken.isBlank()) {
      throw new IllegalArgumentException("scim_token: is required");
    }
    KnowBe4Region known = region == null ? DEFAULT_REGION : KnowBe4Region.fromKey(region);
    region = known.key();
    reportingUrl =
        Urls.checkedBase(
            reportingUrl == null ? known.reportingUrl() : reportingUrl, "reporting_url");
    if (reportingApiKey != null && reportingApiKey.isBlank()) {
      throw new IllegalArgumentException(
          "reporting_api_key: empty; remove the key to read through SCIM only");
    }
    writeConcurrency = writeConcurrency == null ? DEFAULT_WRITE_CONCURRENCY : writeConcurrency;
    if (writeConcurrency < 1) {
      throw new IllegalArgumentException(
          "write_concurrency: must be at least 1 (got " + writeConcurrency + ")");
    }
    if (writeConcurrency > MAX_WRITE_CONCURRENCY) {
      throw new IllegalArgumentException(
          "write_concurrency: must be at most "
              + MAX_WRITE_CONCURRENCY
              + " (got "
              + writeConcurrency
              + ")");
    }
  }

  /** SCIM only, default region URL and write concurrency. */
  public static KnowBe4Settings scimOnly(URI scimUrl, String scimToken, String region) {
    return new KnowBe4Settings(scimUrl, scimToken, region, null, null, null);
  }

  /** The region as an enum. */
  public KnowBe4Region knowBe4Region() {
    return KnowBe4Region.fromKey(region);
  }

  /** True when reads go through the Reporting API. */
  public boolean hasReportingApi() {
    return reportingApiKey != null;
  }

  @Override
  public String toString() {
    return "KnowBe4Settings[scimUrl="
        + scimUrl
        + ", scimToken=***, region="
        + region
        + ", reportingUrl="
        + reportingUrl
        + ", reportingApiKey="
        + (reportingApiKey == null ? "none" : "***")
        + ", writeConcurrency="
        + writeConcurrency
        + "]";
  }
}
