package io.kb4sync.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.core.onboard.DomainTenants;
import io.kb4sync.core.onboard.PsaCompany;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.Answer;
import io.kb4sync.http.HttpFailure;
import io.kb4sync.http.Request;
import io.kb4sync.http.RetryingSender;
import io.kb4sync.http.Urls;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A domain's tenant from Microsoft's public OpenID configuration document, {@code
 * {login}/{domain}/v2.0/.well-known/openid-configuration} (no sign-in): the tenant GUID is in its
 * {@code token_endpoint} (else its {@code issuer}). A domain no tenant has is answered 400 (AADSTS
 * 90002, tenant not found): no tenant, not a failure. One request per domain, then kept.
 *
 * <p>The fidelity work reads the same document for a configured tenant ({@code TenantDiscovery});
 * the two should share the parsing once both are merged.
 */
public final class OpenIdDomainTenants implements DomainTenants {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern GUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final URI login;
  private final GraphOptions options;
  private final RetryingSender http;
  private final Map<String, Optional<String>> known = new ConcurrentHashMap<>();

  /**
   * @param login the login base ({@code login_url}, or the cloud's), checked by the endpoint rule
   */
  public OpenIdDomainTenants(URI login, GraphOptions options) {
    this.login = Urls.checkedBase(login, "login_url");
    this.options = options;
    this.http =
        RetryingSender.builder(GraphErrors.SIGN_IN + " (OpenID discovery)")
            .transport(options.transport())
            .sleeper(options.sleeper())
            .naming(RetryingSender.Naming.METHOD_AND_PATH)
            .build();
  }

  @Override
  public Optional<String> tenantOf(String domain) {
    String host = PsaCompany.domainOf(domain);
    if (host.isEmpty() || !host.equals(domain.trim().toLowerCase(Locale.ROOT))) {
      return Optional.empty(); // not a bare domain name: it never becomes a path segment
    }
    Optional<String> cached = known.get(host);
    if (cached != null) {
      return cached;
    }
    Optional<String> found = ask(host);
    known.put(host, found);
    return found;
  }

  private Optional<String> ask(String domain) {
    URI url = URI.create(login + "/" + domain + "/v2.0/.well-known/openid-configuration");
    Answer answer;
    try {
      answer =
          http.exchange(Request.get(url).header("Accept", "application/json"), options.retry());
    } catch (HttpFailure e) {
      throw GraphErrors.failure(GraphErrors.SIGN_IN, domain, "GET", url, e);
    }
    if (answer.status() == 400 || answer.status() == 404) {
      return Optional.empty();
    }
    if (!answer.ok()) {
      throw new RemoteException(
          RetryingSender.kindOf(answer.status()),
          GraphErrors.SIGN_IN,
          "Microsoft Entra ID answered " + answer.status() + " to GET " + url);
    }
    String guid = parse(answer.body());
    if (guid == null) {
      throw new RemoteException(
          RemoteException.Kind.BAD_RESPONSE,
          GraphErrors.SIGN_IN,
          "Microsoft Entra ID answered GET " + url + " without a tenant GUID");
    }
    return Optional.of(guid);
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
