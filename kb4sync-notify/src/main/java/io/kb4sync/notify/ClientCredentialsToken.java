package io.kb4sync.notify;

import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.AccessToken;
import io.kb4sync.http.ClientCredentialsGrant;
import io.kb4sync.http.HttpOptions;
import io.kb4sync.http.Redactor;
import io.kb4sync.http.RetryRule;
import io.kb4sync.http.RetryingSender;
import io.kb4sync.http.Sleeper;
import io.kb4sync.http.TokenCache;
import io.kb4sync.http.TokenKey;
import io.kb4sync.http.Urls;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * An app-only Microsoft Graph token for {@link GraphMailNotifier}: the OAuth 2.0 client-credentials
 * grant at {@code {login}/{tenant}/oauth2/v2.0/token} ({@link ClientCredentialsGrant}), kept in the
 * one {@link TokenCache} the Graph adapter's reads use too, under the same key (login host, tenant,
 * client, scope, secret).
 */
public final class ClientCredentialsToken implements Supplier<String> {
  static final String NAME = "email (graph) token";

  private final URI tokenUri;
  private final String clientId;
  private final String clientSecret;
  private final String scope;
  private final TokenKey key;
  private final RetryingSender http;
  private final RetryRule retry;
  private final TokenCache cache;
  private final Clock clock;

  public ClientCredentialsToken(GraphMailSettings settings, HttpOptions options, Clock clock) {
    this(settings, options, clock, Sleeper.REAL, TokenCache.shared());
  }

  ClientCredentialsToken(
      GraphMailSettings settings,
      HttpOptions options,
      Clock clock,
      Sleeper sleeper,
      TokenCache cache) {
    settings.validate("notifications.email.graph");
    String login = settings.effectiveLoginUrl();
    this.tokenUri =
        Urls.join(
            login,
            "/"
                + URLEncoder.encode(settings.tenantId(), StandardCharsets.UTF_8)
                + "/oauth2/v2.0/token");
    String graph = settings.effectiveGraphUrl();
    this.clientId = settings.clientId();
    this.clientSecret = settings.clientSecret();
    this.scope = (graph.endsWith("/") ? graph : graph + "/") + ".default";
    this.key = TokenKey.of(login, settings.tenantId(), clientId, scope, clientSecret);
    this.http =
        new RetryingSender(
            NAME, options, sleeper, new Redactor(List.of()), RetryingSender.Naming.HOST);
    // Entra's token endpoint: throttled, not served or a gateway timeout, and timeouts.
    this.retry = options.rule(ClientCredentialsGrant.RETRY_STATUSES, RetryRule.NOT_ACTED_ON, true);
    this.cache = cache;
    this.clock = clock;
  }

  @Override
  public String get() {
    return cache.get(key, clock, this::fetch).value();
  }

  private AccessToken fetch() {
    RetryingSender.Response response =
        http.send(
            ClientCredentialsGrant.request(
                tokenUri, clientId, scope, ClientCredentialsGrant.secret(clientSecret)),
            r -> r.status() == 200,
            retry);
    return ClientCredentialsGrant.parse(response.body(), clock.instant())
        .orElseThrow(
            () ->
                http.error(
                    RemoteException.Kind.BAD_RESPONSE,
                    "the token answer from " + Urls.hostOf(tokenUri) + " has no access_token"));
  }
}
