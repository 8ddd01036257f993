package io.kb4sync.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.kb4sync.server.Caller;
import io.kb4sync.server.Role;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in with Microsoft Entra ID: OpenID Connect's authorization code flow with PKCE (S256),
 * {@code state} and {@code nonce}. {@code GET /auth/entra} seals them in a ten-minute cookie and
 * sends the browser to the tenant's authorize endpoint; {@code GET /auth/callback} takes each state
 * once, exchanges the code (with the client secret and the PKCE verifier), verifies the RS256 ID
 * token against the tenant's JWKS (issuer, audience, expiry, nonce, signature), gives the highest
 * role that the {@code roles} or {@code groups} claim earns in {@code server.oidc.roles}, records
 * the person and opens a session.
 */
final class EntraSignIn {

  static final String START = "/auth/entra";
  static final String CALLBACK = "/auth/callback";

  /** How long a started sign-in may take. */
  static final Duration FLOW_LIFETIME = Duration.ofMinutes(10);

  private static final Duration DISCOVERY_KEPT = Duration.ofHours(24);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Discovery(String issuer, URI authorize, URI token, URI jwks, Instant fetched) {}

  private final WebSecurity web;
  private final EntraSettings entra;
  private final FlowCookie cookies;
  private final OidcHttp http;

  /**
   * The most states remembered at once (each for at most the 10 minutes of its flow): a bound on
   * memory and on the scan of {@link #forgetOldStates}.
   */
  static final int MAX_STATES_IN_FLIGHT = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(EntraSignIn.class);

  /** States already used, until their flow would have expired: each is taken once. */
  private final Map<String, Instant> usedStates = new ConcurrentHashMap<>();

  private volatile Discovery discovery;

  EntraSignIn(WebSecurity web, EntraSettings entra, OidcHttp http) {
    this.web = web;
    this.entra = entra;
    this.http = http;
    this.cookies = new FlowCookie(entra.clientSecret());
  }

  void start(Context ctx) {
    ClientRequest client = ClientRequest.of(ctx, web.proxies);
    Discovery found;
    try {
      found = discovery();
    } catch (SignInRefused e) {
      refuse(ctx, HttpStatus.BAD_GATEWAY, null, client, e.getMessage());
      return;
    }
    Instant now = web.clock.instant();
    FlowCookie.Flow flow =
        new FlowCookie.Flow(
            random(),
            random(),
            random(),
            NextPath.safe(ctx.queryParam("next")),
            now.plus(FLOW_LIFETIME));
    ctx.res()
        .addHeader(
            "Set-Cookie",
            SessionCookie.header(
                FlowCookie.NAME,
                cookies.seal(flow),
                web.secure(client),
                FLOW_LIFETIME.toSeconds()));
    Map<String, String> query = new LinkedHashMap<>();
    query.put("client_id", entra.clientId());
    query.put("response_type", "code");
    query.put("redirect_uri", redirectUri(client));
    query.put("response_mode", "query");
    query.put("scope", "openid profile email");
    query.put("state", flow.state());
    query.put("nonce", flow.nonce());
    query.put("code_challenge", s256(flow.verifier()));
    query.put("code_challenge_method", "S256");
    ctx.redirect(found.authorize() + "?" + form(query), HttpStatus.FOUND);
  }

  void callback(Context ctx) {
    ClientRequest client = ClientRequest.of(ctx, web.proxies);
    Instant now = web.clock.instant();
    FlowCookie.Flow flow = cookies.open(ctx.cookie(FlowCookie.NAME), now);
    ctx.res()
        .addHeader("Set-Cookie", SessionCookie.header(FlowCookie.NAME, "", web.secure(client), 0));
    try {
      String error = ctx.queryParam("error");
      if (error != null) {
        throw new SignInRefused("Microsoft Entra ID answered " + oneLine(error));
      }
      String state = ctx.queryParam("state");
      if (flow == null
          || state == null
          || !MessageDigest.isEqual(
              state.getBytes(StandardCharsets.UTF_8),
              flow.state().getBytes(StandardCharsets.UTF_8))) {
        throw new SignInRefused("the sign-in did not start here or took too long; try again");
      }
      forgetOldStates(now);
      if (usedStates.size() >= MAX_STATES_IN_FLIGHT) {
        throw new SignInRefused("too many sign-ins are under way; try again in a few minutes");
      }
      if (usedStates.putIfAbsent(flow.state(), flow.expires()) != null) {
        throw new SignInRefused("this sign-in has already been used; try again");
      }
      String code = ctx.queryParam("code");
      if (code == null || code.isEmpty()) {
        throw new SignInRefused("Microsoft Entra ID sent no code");
      }
      Discovery found = discovery();
      JWTClaimsSet claims = verify(exchange(found, code, flow, client), found, flow.nonce());
      String name = name(claims);
      List<String> memberships = new ArrayList<>(strings(claims, "roles"));
      memberships.addAll(strings(claims, "groups"));
      Role role = entra.roleOf(memberships);
      if (role == null) {
        refuse(
            ctx,
            HttpStatus.FORBIDDEN,
            name,
            client,
            name
                + " has no role in kb4sync: ask an admin to give this account an app role or group"
                + " listed in server.oidc.roles");
        return;
      }
      Optional<Caller> caller = web.people.signedInWithEntra(name, role);
      if (caller.isEmpty()) {
        refuse(
            ctx,
            HttpStatus.FORBIDDEN,
            name,
            client,
            name + " is disabled in kb4sync, or a local account has that name");
        return;
      }
      new SignIn(web).complete(ctx, caller.get(), "entra", flow.next(), client);
    } catch (SignInRefused e) {
      // Before the ID token proved who is signing in: the server's log only, since anyone can
      // send such a request and the admin log would fill with them.
      LOG.info("Entra ID sign-in refused: {}", e.getMessage());
      ctx.status(HttpStatus.FORBIDDEN).html(LoginPage.refused("Sign-in refused", e.getMessage()));
    }
  }

  /** The code exchanged at the token endpoint: the ID token. */
  private String exchange(Discovery found, String code, FlowCookie.Flow flow, ClientRequest client)
      throws SignInRefused {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("client_id", entra.clientId());
    body.put("client_secret", entra.clientSecret());
    body.put("grant_type", "authorization_code");
    body.put("code", code);
    body.put("redirect_uri", redirectUri(client));
    body.put("code_verifier", flow.verifier());
    body.put("scope", "openid profile email");
    JsonNode answer =
        send(
            () -> http.postForm(found.token(), form(body), entra.clientSecret()),
            "the token endpoint");
    JsonNode idToken = answer.path("id_token");
    if (!idToken.isTextual()) {
      throw new SignInRefused("the token endpoint sent no ID token");
    }
    return idToken.asText();
  }

  private JWTClaimsSet verify(String idToken, Discovery found, String nonce) throws SignInRefused {
    JsonNode keys = send(() -> http.get(found.jwks()), "the JWKS");
    JWKSet jwks;
    try {
      jwks = JWKSet.parse(keys.toString());
    } catch (ParseException e) {
      throw new SignInRefused("the tenant's JWKS is not a key set");
    }
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            entra.clientId(),
            new JWTClaimsSet.Builder().issuer(found.issuer()).claim("nonce", nonce).build(),
            Set.of("sub", "iat", "exp", "nonce")) {
          @Override
          protected Date currentTime() {
            return Date.from(web.clock.instant());
          }
        });
    try {
      return processor.process(idToken, null);
    } catch (ParseException | BadJOSEException | com.nimbusds.jose.JOSEException e) {
      throw new SignInRefused("the ID token is not valid: " + oneLine(e.getMessage()));
    }
  }

  private Discovery discovery() throws SignInRefused {
    Discovery cached = discovery;
    Instant now = web.clock.instant();
    if (cached != null && now.isBefore(cached.fetched().plus(DISCOVERY_KEPT))) {
      return cached;
    }
    JsonNode doc = send(() -> http.get(entra.discovery()), "the OpenID discovery document");
    try {
      Discovery found =
          new Discovery(
              doc.path("issuer").asText().replace("{tenantid}", entra.tenantId()),
              URI.create(doc.path("authorization_endpoint").asText()),
              URI.create(doc.path("token_endpoint").asText()),
              URI.create(doc.path("jwks_uri").asText()),
              now);
      if (found.issuer().isEmpty()
          || found.authorize().getScheme() == null
          || found.token().getScheme() == null
          || found.jwks().getScheme() == null) {
        throw new IllegalArgumentException("missing endpoints");
      }
      discovery = found;
      return found;
    } catch (IllegalArgumentException e) {
      throw new SignInRefused("the tenant's OpenID discovery document is incomplete");
    }
  }

  @FunctionalInterface
  private interface Call {
    OidcHttp.Reply send() throws IOException;
  }

  private JsonNode send(Call call, String what) throws SignInRefused {
    OidcHttp.Reply reply;
    try {
      reply = call.send();
    } catch (IOException e) {
      throw new SignInRefused(
          "cannot reach " + what + ": " + oneLine(String.valueOf(e.getMessage())));
    }
    JsonNode json;
    try {
      json = JSON.readTree(reply.body());
    } catch (IOException e) {
      throw new SignInRefused(what + " answered " + reply.status() + " without JSON");
    }
    if (reply.status() != 200) {
      String error = json.path("error").asText("");
      String description = json.path("error_description").asText("");
      throw new SignInRefused(
          what + " answered " + reply.status() + " " + oneLine(error + " " + description));
    }
    return json;
  }

  /**
   * The account's name: {@code preferred_username} (the user principal name), lower-cased. Not
   * {@code email}, which a user or another tenant may set to anything.
   */
  private static String name(JWTClaimsSet claims) throws SignInRefused {
    Object value = claims.getClaim("preferred_username");
    if (value instanceof String text && !text.isBlank()) {
      return text.strip().toLowerCase(Locale.ROOT);
    }
    throw new SignInRefused("the ID token names no user (preferred_username)");
  }

  private static List<String> strings(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof String text) {
          out.add(text);
        }
      }
    }
    return out;
  }

  /** {@code {public_url}/auth/callback}, or the request's own origin's when none is set. */
  private String redirectUri(ClientRequest client) {
    URI publicUrl = web.settings.publicUrl();
    String base =
        publicUrl != null
            ? publicUrl.toString().replaceAll("/+$", "")
            : client.scheme() + "://" + client.host();
    return base + CALLBACK;
  }

  private void refuse(
      Context ctx, HttpStatus status, String name, ClientRequest client, String why) {
    new SignIn(web).refused(name, client, "entra: " + why);
    ctx.status(status).html(LoginPage.refused("Sign-in refused", why));
  }

  private void forgetOldStates(Instant now) {
    for (Iterator<Map.Entry<String, Instant>> it = usedStates.entrySet().iterator();
        it.hasNext(); ) {
      if (!now.isBefore(it.next().getValue())) {
        it.remove();
      }
    }
  }

  private static String form(Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    values.forEach(
        (name, value) -> {
          if (out.length() > 0) {
            out.append('&');
          }
          out.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
    return out.toString();
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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

  private static String oneLine(String text) {
    String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  /** Why a sign-in with Entra ID is refused, in one line for the person and the audit log. */
  static final class SignInRefused extends Exception {
    private static final long serialVersionUID = 1L;

    SignInRefused(String message) {
      super(message);
    }
  }
}
