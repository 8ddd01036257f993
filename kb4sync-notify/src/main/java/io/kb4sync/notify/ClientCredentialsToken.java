package io.kb4sync.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.HttpOptions;
import io.kb4sync.http.Redactor;
import io.kb4sync.http.RetryingSender;
import io.kb4sync.http.Sleeper;
import io.kb4sync.http.Urls;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An app-only Microsoft Graph token for {@link GraphMailNotifier}: the OAuth 2.0 client-credentials
 * grant at {@code {login}/{tenant}/oauth2/v2.0/token}, cached until a minute before it expires. The
 * app may pass the Graph adapter's token client instead; this one keeps the notify module usable on
 * its own.
 */
public final class ClientCredentialsToken implements Supplier<String> {
  static final String NAME = "email (graph) token";
  private static final Duration EARLY = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI tokenUri;
  private final String form;
  private final HttpSender http;
  private final Clock clock;
  private String token;
  private Instant expires = Instant.MIN;

  public ClientCredentialsToken(GraphMailSettings settings, HttpOptions options, Clock clock) {
    this(settings, options, clock, Sleeper.REAL);
  }

  ClientCredentialsToken(
      GraphMailSettings settings, HttpOptions options, Clock clock, Sleeper sleeper) {
    settings.validate("notifications.email.graph");
    this.tokenUri =
        Urls.join(
            settings.effectiveLoginUrl(), "/" + encode(settings.tenantId()) + "/oauth2/v2.0/token");
    String graph = settings.effectiveGraphUrl();
    this.form =
        "grant_type=client_credentials&client_id="
            + encode(settings.clientId())
            + "&client_secret="
            + encode(settings.clientSecret())
            + "&scope="
            + encode((graph.endsWith("/") ? graph : graph + "/") + ".default");
    this.clock = clock;
    this.http =
        new HttpSender(
            NAME,
            options,
            sleeper,
            new Redactor(List.of(settings.clientSecret(), encode(settings.clientSecret()))));
  }

  @Override
  public synchronized String get() {
    Instant now = clock.instant();
    if (token != null && now.isBefore(expires)) {
      return token;
    }
    RetryingSender.Response response =
        http.post(
            tokenUri, "application/x-www-form-urlencoded", Map.of(), form, r -> r.status() == 200);
    try {
      JsonNode body = JSON.readTree(response.body());
      String accessToken = body.path("access_token").asText(null);
      if (accessToken == null || accessToken.isBlank()) {
        throw new IllegalArgumentException("no access_token");
      }
      long seconds = body.path("expires_in").asLong(3600);
      token = accessToken;
      expires = now.plusSeconds(seconds).minus(EARLY);
      return token;
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new RemoteException(
          RemoteException.Kind.BAD_RESPONSE,
          NAME,
          NAME + ": the token answer from " + Urls.hostOf(tokenUri) + " has no access_token");
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
