package io.kb4sync.knowbe4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.core.remote.Causes;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.remote.RemoteException.Kind;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The one place where KnowBe4 answers become {@link RemoteException}s: HTTP status to {@link Kind},
 * and a one-line message naming the endpoint and what to check in the KnowBe4 console. Messages
 * never carry the token or the key: the secret is scrubbed from any text the server sent.
 */
final class RemoteErrors {
  static final String SCIM = "KnowBe4 SCIM";
  static final String REPORTING = "KnowBe4 Reporting API";

  private static final String PROVISIONING =
      "Account Settings > User Management > User Provisioning";
  private static final int MAX_DETAIL = 300;
  private static final int MIN_SCRUBBED_SECRET = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String system;
  private final URI base;
  private final KnowBe4Region region;
  private final String secret;

  private RemoteErrors(String system, URI base, KnowBe4Region region, String secret) {
    this.system = system;
    this.base = base;
    this.region = region;
    this.secret = secret;
  }

  static RemoteErrors scim(URI scimUrl, String token) {
    return new RemoteErrors(SCIM, scimUrl, null, token);
  }

  static RemoteErrors reporting(URI reportingUrl, KnowBe4Region region, String key) {
    return new RemoteErrors(REPORTING, reportingUrl, region, key);
  }

  String system() {
    return system;
  }

  /** The failure an answer stands for, or null when it is a success. */
  RemoteException check(ApiRequest request, ApiResponse response) {
    int status = response.status();
    if (response.successful()) {
      if (system.equals(REPORTING) && isInvalidTokenQuirk(response)) {
        // A bad key may come back as 200 {"message":"Invalid Token"} (JupiterOne/graph-knowbe4).
        return new RemoteException(Kind.UNAUTHORIZED, system, reportingUnauthorized(true));
      }
      return null;
    }
    String detail = detail(response);
    Kind kind = kind(status);
    String message =
        switch (status) {
          case 401 -> system.equals(SCIM) ? scimUnauthorized() : reportingUnauthorized(false);
          case 403 -> forbidden(request, detail);
          case 404 -> notFound(request, detail);
          case 409 -> line(request, status, detail, "it exists already");
          case 429 -> line(request, status, detail, "throttled");
          default -> line(request, status, detail, status >= 500 ? "server error" : "refused");
        };
    Duration retryAfter = response.retryAfter().orElse(null);
    String scimType = system.equals(SCIM) ? scimType(response) : null;
    if (scimType != null) {
      return new ScimFailure(kind, system, message, retryAfter, scimType);
    }
    return new RemoteException(kind, system, message, retryAfter, null);
  }

  /** HTTP status to kind: the only such mapping in the KnowBe4 adapter. */
  static Kind kind(int status) {
    return switch (status) {
      case 400 -> Kind.BAD_REQUEST;
      case 401 -> Kind.UNAUTHORIZED;
      case 403 -> Kind.FORBIDDEN;
      case 404 -> Kind.NOT_FOUND;
      case 409 -> Kind.CONFLICT;
      case 429 -> Kind.THROTTLED;
      default ->
          status >= 500 ? Kind.UNAVAILABLE : status >= 400 ? Kind.BAD_REQUEST : Kind.BAD_RESPONSE;
    };
  }

  RemoteException timeout(ApiRequest request, Duration timeout) {
    return new RemoteException(
        Kind.UNAVAILABLE,
        system,
        system + " did not answer " + request.label() + " within " + timeout.toMillis() + " ms",
        null,
        null);
  }

  RemoteException unreachable(ApiRequest request, IOException cause) {
    return new RemoteException(
        Kind.UNAVAILABLE,
        system,
        system
            + " at "
            + base
            + " could not be reached for "
            + request.label()
            + ": "
            + clean(Causes.describe(cause))
            + " (check the network and the URL)",
        null,
        cause);
  }

  RemoteException interrupted(ApiRequest request) {
    return new RemoteException(
        Kind.UNAVAILABLE, system, system + " request " + request.label() + " was interrupted");
  }

  /** An answer that is not what the API promises (malformed body, missing field). */
  RemoteException badResponse(ApiRequest request, String what) {
    return new RemoteException(
        Kind.BAD_RESPONSE, system, system + " " + request.label() + ": " + clean(what));
  }

  /** A listing that cannot be trusted to be whole: the run must not plan on it. */
  RemoteException incomplete(String what) {
    return new RemoteException(
        Kind.BAD_RESPONSE,
        system,
        system + " at " + base + " returned an incomplete listing: " + clean(what));
  }

  /** Reporting API answers that look like a different region's account (empty, no seats). */
  RemoteException regionMismatch(String what) {
    return new RemoteException(
        Kind.BAD_RESPONSE,
        system,
        system
            + " at "
            + base
            + " "
            + clean(what)
            + ": check that region '"
            + region.key()
            + "' ("
            + region.console()
            + ") and reporting_url match the console the account logs into");
  }

  private String scimUnauthorized() {
    return "KnowBe4 SCIM rejected the token at "
        + base
        + " (HTTP 401): regenerate it under "
        + PROVISIONING
        + " > SCIM Settings and update scim_token";
  }

  private String reportingUnauthorized(boolean quirk) {
    return "KnowBe4 Reporting API rejected the key at "
        + base
        + (quirk ? " (HTTP 200 'Invalid Token')" : " (HTTP 401)")
        + ": check that region '"
        + region.key()
        + "' ("
        + region.console()
        + ") and reporting_url match the console the account logs into, and that"
        + " reporting_api_key is a current token from Account Settings > Account Integrations > API";
  }

  private String forbidden(ApiRequest request, String detail) {
    String hint =
        system.equals(SCIM)
            ? "check that User Provisioning is enabled with SCIM (not ADI) selected under "
                + PROVISIONING
            : "the Reporting API needs a Platinum or Diamond subscription with Enable Report API"
                + " Access under Account Settings > Account Integrations > API";
    return line(request, 403, detail, hint);
  }

  private String notFound(ApiRequest request, String detail) {
    String path = request.uri().getRawPath();
    boolean collection = path.endsWith("/Users") || path.endsWith("/Groups");
    if (system.equals(SCIM) && collection) {
      return "KnowBe4 SCIM found no "
          + path.substring(path.lastIndexOf('/'))
          + " at "
          + base
          + " (HTTP 404): check scim_url against the Tenant URL shown under "
          + PROVISIONING
          + " > SCIM Settings";
    }
    if (system.equals(REPORTING) && path.endsWith("/v1/account")) {
      return "KnowBe4 Reporting API found no /v1/account at "
          + base
          + " (HTTP 404): check region '"
          + region.key()
          + "' and reporting_url";
    }
    return line(request, 404, detail, "no such resource");
  }

  private String line(ApiRequest request, int status, String detail, String fallback) {
    return system
        + " answered HTTP "
        + status
        + " to "
        + request.label()
        + ": "
        + (detail.isEmpty() ? fallback : detail);
  }

  /**
   * The server's own words: SCIM {@code scimType} and {@code detail}, else {@code message}. KnowBe4
   * documents no error body for either surface, so both shapes are read and neither is required.
   */
  private String detail(ApiResponse response) {
    StringBuilder text = new StringBuilder();
    JsonNode body = parse(response.body());
    if (body != null && body.isObject()) {
      String scimType = body.path("scimType").asText("");
      String detail = body.path("detail").asText("");
      String message = body.path("message").asText("");
      if (!scimType.isEmpty()) {
        text.append(scimType).append(": ");
      }
      text.append(detail.isEmpty() ? message : detail);
    }
    if (response.requestId() != null) {
      text.append(text.length() == 0 ? "" : " ")
          .append("(X-Request-Id ")
          .append(response.requestId())
          .append(')');
    }
    return clean(text.toString().trim());
  }

  private static String scimType(ApiResponse response) {
    JsonNode body = parse(response.body());
    String type = body == null ? "" : body.path("scimType").asText("");
    return type.isBlank() ? null : type;
  }

  private static boolean isInvalidTokenQuirk(ApiResponse response) {
    JsonNode body = parse(response.body());
    return body != null
        && body.isObject()
        && "Invalid Token".equalsIgnoreCase(body.path("message").asText("").trim());
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** One line, bounded, without the secret. */
  String clean(String text) {
    String oneLine = text.replaceAll("[\\r\\n\\t]+", " ");
    // Real tokens are long; scrubbing a very short test value would mangle ordinary words.
    if (secret != null && secret.length() >= MIN_SCRUBBED_SECRET) {
      oneLine = oneLine.replace(secret, "***");
    }
    return oneLine.length() > MAX_DETAIL ? oneLine.substring(0, MAX_DETAIL) + "..." : oneLine;
  }
}
