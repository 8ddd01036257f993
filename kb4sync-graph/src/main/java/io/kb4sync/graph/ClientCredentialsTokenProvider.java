package io.kb4sync.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.core.remote.RemoteException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The RFC 6749 client-credentials grant as a plain form POST over {@code java.net.http}. Used when
 * {@code login_url} is a loopback http URL (a simulator), which msal4j refuses to talk to.
 *
 * <p>On the wire: {@code POST {login}/{tenant}/oauth2/v2.0/token} with {@code grant_type}, {@code
 * client_id}, {@code scope} and either {@code client_secret} or a signed {@code client_assertion}.
 * The answer's {@code access_token} and {@code expires_in} are kept.
 */
final class ClientCredentialsTokenProvider implements TokenProvider {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Entra ID's usual lifetime; used only if an answer omits {@code expires_in}. */
  private static final long FALLBACK_EXPIRES_IN_SECONDS = 3599;

  private final GraphSettings settings;
  private final RetryingHttp http;
  private final Duration requestTimeout;
  private final Clock clock;
  private final ClientAssertion assertion;

  ClientCredentialsTokenProvider(
      GraphSettings settings, RetryingHttp http, Duration requestTimeout, Clock clock) {
    this.settings = settings;
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
    this.assertion =
        settings.usesCertificate()
            ? ClientAssertion.load(settings.certificatePath(), settings.certificatePassword())
            : null;
  }

  @Override
  public AccessToken token() {
    URI url = settings.tokenUrl();
    String tenant = settings.tenantId();
    HttpResponse<String> response =
        http.send(
            () ->
                HttpRequest.newBuilder(url)
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form(url)))
                    .build(),
            GraphErrors.SIGN_IN,
            tenant);
    if (response.statusCode() / 100 != 2) {
      throw GraphErrors.signInFailure(tenant, response.statusCode(), response.body());
    }
    return parse(response.body(), tenant);
  }

  private String form(URI tokenUrl) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", settings.clientId());
    form.put("scope", settings.scope());
    if (assertion != null) {
      form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
      form.put("client_assertion", assertion.sign(settings.clientId(), tokenUrl, clock.instant()));
    } else {
      form.put("client_secret", settings.clientSecret());
    }
    return form.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private AccessToken parse(String body, String tenant) {
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode token = node == null ? null : node.get("access_token");
      if (token == null || !token.isTextual() || token.asText().isEmpty()) {
        throw malformed(tenant, "no access_token in the answer");
      }
      JsonNode expiresIn = node.get("expires_in");
      long seconds =
          expiresIn == null || !expiresIn.canConvertToLong() && !expiresIn.isTextual()
              ? FALLBACK_EXPIRES_IN_SECONDS
              : expiresIn.asLong(FALLBACK_EXPIRES_IN_SECONDS);
      Instant now = clock.instant();
      return new AccessToken(token.asText(), now.plusSeconds(seconds));
    } catch (IOException e) {
      throw malformed(tenant, "malformed JSON");
    }
  }

  private RemoteException malformed(String tenant, String problem) {
    return new RemoteException(
        RemoteException.Kind.BAD_RESPONSE,
        GraphErrors.SIGN_IN,
        "Microsoft 365 sign-in for tenant "
            + tenant
            + " answered POST "
            + settings.tokenUrl()
            + " with "
            + problem);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
