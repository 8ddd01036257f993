package io.kb4sync.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * The OAuth 2.0 client-credentials grant (RFC 6749 §4.4) as a form POST: the request, and the token
 * in its answer. Entra ID (Graph reads on loopback simulators, Graph sendMail) and HaloPSA sign in
 * this way; each adapter sends it under its own rule and says its own failures.
 */
public final class ClientCredentialsGrant {
  /**
   * What a token endpoint's answer is tried again on: throttled, not served or timed out at a
   * gateway. A grant changes nothing, so it is sent as an idempotent request.
   */
  public static final IntPredicate RETRY_STATUSES = s -> s == 429 || s == 503 || s == 504;

  /** Entra ID's usual lifetime; used only if an answer omits {@code expires_in}. */
  static final long FALLBACK_EXPIRES_IN_SECONDS = 3599;

  private static final ObjectMapper JSON = new ObjectMapper();

  private ClientCredentialsGrant() {}

  /** The credential part of the form: {@code client_secret}. */
  public static Map<String, String> secret(String clientSecret) {
    return Map.of("client_secret", clientSecret);
  }

  /** The credential part of the form: a signed JWT client assertion (RFC 7523). */
  public static Map<String, String> assertion(String jwt) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    fields.put("client_assertion", jwt);
    return fields;
  }

  /**
   * {@code POST tokenUri} with {@code grant_type=client_credentials}, {@code client_id}, {@code
   * scope} and the credential, form-encoded; idempotent; the credential's values are kept out of
   * every message about it.
   */
  public static Request request(
      URI tokenUri, String clientId, String scope, Map<String, String> credential) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("client_id", clientId);
    form.put("scope", scope);
    form.putAll(credential);
    Request request =
        Request.post(
                tokenUri,
                form.entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&")))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .idempotent(true);
    for (String value : credential.values()) {
      request = request.secret(value).secret(encode(value));
    }
    return request;
  }

  /**
   * The token of a successful answer: {@code access_token}, expiring {@code expires_in} seconds
   * after {@code now} (3599 when absent); empty when the answer is not JSON or has no token.
   */
  public static Optional<AccessToken> parse(String body, Instant now) {
    try {
      JsonNode node = JSON.readTree(body == null ? "" : body);
      JsonNode token = node == null ? null : node.get("access_token");
      if (token == null || !token.isTextual() || token.asText().isBlank()) {
        return Optional.empty();
      }
      JsonNode expiresIn = node.get("expires_in");
      long seconds =
          expiresIn == null || !expiresIn.canConvertToLong() && !expiresIn.isTextual()
              ? FALLBACK_EXPIRES_IN_SECONDS
              : expiresIn.asLong(FALLBACK_EXPIRES_IN_SECONDS);
      return Optional.of(new AccessToken(token.asText(), now.plusSeconds(seconds)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
