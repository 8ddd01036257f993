package io.kb4sync.simulators.signin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simulated Microsoft Entra ID tenant for OpenID Connect sign-in, over real HTTP on loopback:
 * {@code /{tenant}/v2.0/.well-known/openid-configuration}, a JWKS with a generated RSA key, an
 * authorize endpoint that signs in the configured {@link SignInUser} at once and redirects back
 * with a one-time code, and a token endpoint that checks the client secret, the redirect URI and
 * the PKCE verifier (S256) and issues an RS256 ID token with the request's nonce. {@link
 * #nextIdToken} makes the next ID token faulty, to test that a relying party refuses it.
 */
public final class IdentityProviderSimulator implements AutoCloseable {

  /** What the next ID token gets wrong. */
  public enum IdTokenFault {
    NONE,
    /** The payload is changed after signing. */
    TAMPERED,
    /** Signed by a key that the JWKS does not hold. */
    UNKNOWN_KEY,
    WRONG_AUDIENCE,
    WRONG_ISSUER,
    WRONG_NONCE,
    EXPIRED
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration ID_TOKEN_LIFETIME = Duration.ofHours(1);

  private record Grant(
      String clientId, String redirectUri, String nonce, String challenge, SignInUser user) {}

  private final String tenantId;
  private final String clientId;
  private final String clientSecret;
  private final Clock clock;
  private final RSAKey key;
  private final RSAKey otherKey;
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final SimServer server;
  private volatile SignInUser user;
  private volatile IdTokenFault fault = IdTokenFault.NONE;

  private IdentityProviderSimulator(
      String tenantId, String clientId, String clientSecret, Clock clock) {
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    this.clientId = Objects.requireNonNull(clientId, "clientId");
    this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      this.key = new RSAKeyGenerator(2048).keyID("sim-key-1").keyUse(KeyUse.SIGNATURE).generate();
      this.otherKey = new RSAKeyGenerator(2048).keyID("sim-key-1").generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an RSA key: " + e.getMessage(), e);
    }
    this.server = SimServer.start(this::handle);
  }

  /** Starts a tenant that knows one application (client id and secret). */
  public static IdentityProviderSimulator start(
      String tenantId, String clientId, String clientSecret, Clock clock) {
    return new IdentityProviderSimulator(tenantId, clientId, clientSecret, clock);
  }

  /** {@code http://127.0.0.1:PORT}: what a relying party takes as its login URL. */
  public URI baseUri() {
    return server.baseUri();
  }

  /** The issuer its ID tokens carry: {@code {base}/{tenant}/v2.0}. */
  public String issuer() {
    return baseUri() + "/" + tenantId + "/v2.0";
  }

  /** The person the authorize endpoint signs in from now on; null: it answers access_denied. */
  public IdentityProviderSimulator signIn(SignInUser user) {
    this.user = user;
    return this;
  }

  /** Makes the next ID token faulty (once). */
  public IdentityProviderSimulator nextIdToken(IdTokenFault fault) {
    this.fault = Objects.requireNonNull(fault, "fault");
    return this;
  }

  /** Token requests received so far. */
  public long tokenRequests() {
    return server.log().count(r -> r.path().endsWith("/oauth2/v2.0/token"));
  }

  @Override
  public void close() {
    server.close();
  }

  private SimResponse handle(SimRequest request) {
    String prefix = "/" + tenantId;
    String path = request.path();
    if (!path.startsWith(prefix + "/")) {
      return error(400, "invalid_tenant", "AADSTS90002: Tenant not found");
    }
    return switch (request.method() + " " + path.substring(prefix.length())) {
      case "GET /v2.0/.well-known/openid-configuration" -> discovery();
      case "GET /discovery/v2.0/keys" -> SimResponse.json(200, jwks());
      case "GET /oauth2/v2.0/authorize" -> authorize(request);
      case "POST /oauth2/v2.0/token" -> token(request);
      default -> error(404, "not_found", "no such endpoint: " + path);
    };
  }

  private SimResponse discovery() {
    String base = baseUri() + "/" + tenantId;
    ObjectNode doc = JSON.createObjectNode();
    doc.put("issuer", issuer());
    doc.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
    doc.put("token_endpoint", base + "/oauth2/v2.0/token");
    doc.put("jwks_uri", base + "/discovery/v2.0/keys");
    doc.putArray("response_types_supported").add("code").add("id_token");
    doc.putArray("id_token_signing_alg_values_supported").add("RS256");
    doc.putArray("code_challenge_methods_supported").add("S256");
    return SimResponse.json(200, doc.toString());
  }

  private String jwks() {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  private SimResponse authorize(SimRequest request) {
    String redirectUri = request.param("redirect_uri");
    if (!clientId.equals(request.param("client_id")) || redirectUri == null) {
      return error(400, "unauthorized_client", "AADSTS700016: unknown application");
    }
    if (!"code".equals(request.param("response_type"))
        || !"S256".equals(request.param("code_challenge_method"))
        || request.param("code_challenge") == null
        || request.param("state") == null
        || request.param("nonce") == null) {
      return error(400, "invalid_request", "code, S256 PKCE, state and nonce are required");
    }
    String state = URLEncoder.encode(request.param("state"), StandardCharsets.UTF_8);
    SignInUser who = user;
    if (who == null) {
      return redirect(
          redirectUri + "?error=access_denied&error_description=the+user+cancelled&state=" + state);
    }
    String code = random();
    codes.put(
        code,
        new Grant(
            clientId, redirectUri, request.param("nonce"), request.param("code_challenge"), who));
    return redirect(redirectUri + "?code=" + code + "&state=" + state);
  }

  private SimResponse token(SimRequest request) {
    Map<String, List<String>> form = SimServer.parseQuery(request.body());
    if (!clientId.equals(first(form, "client_id"))
        || !clientSecret.equals(first(form, "client_secret"))) {
      return error(401, "invalid_client", "AADSTS7000215: Invalid client secret provided");
    }
    if (!"authorization_code".equals(first(form, "grant_type"))) {
      return error(400, "unsupported_grant_type", "only authorization_code");
    }
    String code = first(form, "code");
    Grant grant = code == null ? null : codes.remove(code);
    if (grant == null) {
      return error(400, "invalid_grant", "AADSTS70008: the code has expired or been used");
    }
    if (!grant.redirectUri().equals(first(form, "redirect_uri"))) {
      return error(400, "invalid_grant", "AADSTS50011: redirect_uri does not match");
    }
    String verifier = first(form, "code_verifier");
    if (verifier == null || !grant.challenge().equals(s256(verifier))) {
      return error(400, "invalid_grant", "AADSTS501481: the code_verifier does not match");
    }
    IdTokenFault now = fault;
    fault = IdTokenFault.NONE;
    ObjectNode answer = JSON.createObjectNode();
    answer.put("token_type", "Bearer");
    answer.put("scope", "openid profile email");
    answer.put("expires_in", 3599);
    answer.put("access_token", random());
    answer.put("id_token", idToken(grant, now));
    return SimResponse.json(200, answer.toString());
  }

  private String idToken(Grant grant, IdTokenFault fault) {
    Instant now = clock.instant();
    Instant expires =
        fault == IdTokenFault.EXPIRED ? now.minusSeconds(600) : now.plus(ID_TOKEN_LIFETIME);
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(
                fault == IdTokenFault.WRONG_ISSUER ? baseUri() + "/other-tenant/v2.0" : issuer())
            .audience(fault == IdTokenFault.WRONG_AUDIENCE ? "another-app" : grant.clientId())
            .subject(grant.user().objectId())
            .issueTime(Date.from(now.minusSeconds(fault == IdTokenFault.EXPIRED ? 4200 : 0)))
            .notBeforeTime(Date.from(now.minusSeconds(fault == IdTokenFault.EXPIRED ? 4200 : 0)))
            .expirationTime(Date.from(expires))
            .claim("nonce", fault == IdTokenFault.WRONG_NONCE ? "another-nonce" : grant.nonce())
            .claim("oid", grant.user().objectId())
            .claim("tid", tenantId)
            .claim("ver", "2.0")
            .claim("preferred_username", grant.user().preferredUsername())
            .claim("name", grant.user().preferredUsername());
    if (!grant.user().roles().isEmpty()) {
      claims.claim("roles", grant.user().roles());
    }
    if (!grant.user().groups().isEmpty()) {
      claims.claim("groups", grant.user().groups());
    }
    RSAKey signing = fault == IdTokenFault.UNKNOWN_KEY ? otherKey : key;
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256)
                  .type(JOSEObjectType.JWT)
                  .keyID(signing.getKeyID())
                  .build(),
              claims.build());
      jwt.sign(new RSASSASigner(signing));
      String token = jwt.serialize();
      if (fault == IdTokenFault.TAMPERED) {
        String[] parts = token.split("\\.");
        String payload =
            new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(grant.user().preferredUsername(), "mallory@contoso.com");
        token =
            parts[0]
                + "."
                + Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "."
                + parts[2];
      }
      return token;
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign an ID token: " + e.getMessage(), e);
    }
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static String random() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static SimResponse redirect(String location) {
    return SimResponse.empty(302).withHeader("Location", location);
  }

  private static SimResponse error(int status, String error, String description) {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", error);
    body.put("error_description", description);
    return SimResponse.json(status, body.toString());
  }
}
