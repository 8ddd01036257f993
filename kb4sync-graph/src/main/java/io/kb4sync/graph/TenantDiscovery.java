package io.kb4sync.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.Answer;
import io.kb4sync.http.HttpFailure;
import io.kb4sync.http.Request;
import io.kb4sync.http.RetryRule;
import io.kb4sync.http.RetryingSender;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tenant's GUID from Microsoft's public OpenID configuration document, {@code
 * {login}/{tenant}/v2.0/.well-known/openid-configuration}: "a publicly accessible endpoint" whose
 * {@code token_endpoint} and {@code issuer} name the tenant
 * (https://learn.microsoft.com/en-us/entra/identity-platform/v2-protocols-oidc, "Fetch the OpenID
 * configuration document"). No token is needed, and no token is ever parsed for it.
 *
 * <p>Cost: 0 requests when {@code tenant_id} is a GUID already; else 1 per source (then kept).
 */
final class TenantDiscovery {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final GraphSettings settings;
  private final RetryingSender http;
  private final RetryRule retry;
  private volatile String guid;

  TenantDiscovery(GraphSettings settings, RetryingSender http, RetryRule retry) {
    this.settings = settings;
    this.http = http;
    this.retry = retry;
    if (GUID.matcher(settings.tenantId()).matches()) {
      this.guid = settings.tenantId().toLowerCase(Locale.ROOT);
    }
  }

  /** The OpenID configuration document of the configured tenant. */
  URI documentUrl() {
    return URI.create(
        settings.effectiveLoginUrl()
            + "/"
            + settings.tenantId()
            + "/v2.0/.well-known/openid-configuration");
  }

  /** True when the GUID is known without a request. */
  boolean known() {
    return guid != null;
  }

  /** The tenant's GUID, asking the discovery document at most once. */
  String guid() {
    String known = guid;
    if (known != null) {
      return known;
    }
    URI url = documentUrl();
    Answer answer;
    try {
      answer = http.exchange(Request.get(url).header("Accept", "application/json"), retry);
    } catch (HttpFailure e) {
      throw GraphErrors.failure(GraphErrors.SIGN_IN, settings.tenantId(), "GET", url, e);
    }
    if (!answer.ok()) {
      // An unknown tenant: 400 with AADSTS90002 in the error body, as at the token endpoint.
      throw GraphErrors.signInFailure(settings.tenantId(), answer.status(), answer.body());
    }
    String found = parse(answer.body());
    if (found == null) {
      throw new RemoteException(
          RemoteException.Kind.BAD_RESPONSE,
          GraphErrors.SIGN_IN,
          "Microsoft Entra ID answered GET "
              + url
              + " for tenant "
              + settings.tenantId()
              + " without a tenant GUID in token_endpoint or issuer");
    }
    guid = found;
    return found;
  }

  /** The GUID in {@code token_endpoint}, else in {@code issuer}; null when neither names one. */
  static String parse(String body) {
    JsonNode document;
    try {
      document = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (document == null || !document.isObject()) {
      return null;
    }
    for (String field : new String[] {"token_endpoint", "issuer"}) {
      JsonNode value = document.get(field);
      if (value != null && value.isTextual()) {
        Matcher m = GUID.matcher(value.asText());
        if (m.find()) {
          return m.group().toLowerCase(Locale.ROOT);
        }
      }
    }
    return null;
  }
}
