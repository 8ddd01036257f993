package io.kb4sync.knowbe4;

import io.kb4sync.http.Loopback;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * One company's KnowBe4 connection, as configured under {@code knowbe4:} (see the contract).
 *
 * <p>Validated on construction; every failure is an {@link IllegalArgumentException} whose message
 * is one line starting with the configuration key. Plain {@code http://} is accepted only for
 * loopback hosts (tests, simulators). {@link #toString()} never shows the token or the key.
 *
 * @param scimUrl the SCIM Tenant URL pasted from the console; the client appends {@code /Users},
 *     {@code /Groups}
 * @param scimToken the SCIM bearer token (secret)
 * @param region {@code us}, {@code eu}, {@code ca}, {@code uk} or {@code de}
 * @param reportingUrl the Reporting API base URL; null means the region's default
 * @param reportingApiKey the Reporting API key (secret); null when the account has none, and then
 *     reads go through SCIM and seats are unknown
 * @param writeConcurrency at most this many KnowBe4 write requests in flight; see {@link
 *     #DEFAULT_WRITE_CONCURRENCY}
 */
public record KnowBe4Settings(
    URI scimUrl,
    String scimToken,
    String region,
    URI reportingUrl,
    String reportingApiKey,
    int writeConcurrency) {

  /** The default of {@code write_concurrency}. */
  public static final int DEFAULT_WRITE_CONCURRENCY = 8;

  public KnowBe4Settings {
    scimUrl = withoutTrailingSlash(checkedUrl("scim_url", scimUrl));
    if (scimToken == null || scimToken.isBlank()) {
      throw new IllegalArgumentException("scim_token: missing or empty");
    }
    KnowBe4Region known = KnowBe4Region.fromKey(region);
    region = known.key();
    reportingUrl =
        withoutTrailingSlash(
            reportingUrl == null
                ? known.reportingUrl()
                : checkedUrl("reporting_url", reportingUrl));
    if (reportingApiKey != null && reportingApiKey.isBlank()) {
      throw new IllegalArgumentException(
          "reporting_api_key: empty; remove the key to read through SCIM only");
    }
    if (writeConcurrency < 1) {
      throw new IllegalArgumentException(
          "write_concurrency: must be at least 1 (got " + writeConcurrency + ")");
    }
  }

  /** SCIM only, default region URL and write concurrency. */
  public static KnowBe4Settings scimOnly(URI scimUrl, String scimToken, String region) {
    return new KnowBe4Settings(scimUrl, scimToken, region, null, null, DEFAULT_WRITE_CONCURRENCY);
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

  private static URI checkedUrl(String key, URI url) {
    if (url == null) {
      throw new IllegalArgumentException(key + ": missing");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!url.isAbsolute() || url.getHost() == null) {
      throw new IllegalArgumentException(key + ": '" + url + "' is not an absolute URL");
    }
    if (scheme.equals("https")) {
      return url;
    }
    if (scheme.equals("http") && Loopback.isLoopbackHost(url.getHost())) {
      return url;
    }
    if (scheme.equals("http")) {
      throw new IllegalArgumentException(
          key + ": plain http is accepted only for loopback hosts; use https://" + url.getHost());
    }
    throw new IllegalArgumentException(key + ": '" + url + "' must be an https URL");
  }

  private static URI withoutTrailingSlash(URI url) {
    String text = Objects.requireNonNull(url).toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }
}
