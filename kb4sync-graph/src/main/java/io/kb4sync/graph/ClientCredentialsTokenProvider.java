package io.kb4sync.graph;

import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.AccessToken;
import io.kb4sync.http.Answer;
import io.kb4sync.http.ClientCredentialsGrant;
import io.kb4sync.http.HttpFailure;
import io.kb4sync.http.RetryRule;
import io.kb4sync.http.RetryingSender;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * The client-credentials grant as a plain form POST ({@link ClientCredentialsGrant}). Used when
 * {@code login_url} is a loopback http URL (a simulator), which msal4j refuses to talk to.
 *
 * <p>On the wire: {@code POST {login}/{tenant}/oauth2/v2.0/token} with {@code grant_type}, {@code
 * client_id}, {@code scope} and either {@code client_secret} or a signed {@code client_assertion}.
 * The answer's {@code access_token} and {@code expires_in} are kept.
 */
final class ClientCredentialsTokenProvider implements TokenProvider {
  private final GraphSettings settings;
  private final RetryingSender http;
  private final RetryRule retry;
  private final Clock clock;
  private final ClientAssertion assertion;

  ClientCredentialsTokenProvider(
      GraphSettings settings, RetryingSender http, RetryRule retry, Clock clock) {
    this.settings = settings;
    this.http = http;
    this.retry = retry;
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
    Answer answer;
    try {
      answer =
          http.exchange(
              () ->
                  ClientCredentialsGrant.request(
                      url, settings.clientId(), settings.scope(), credential(url)),
              retry);
    } catch (HttpFailure e) {
      throw GraphErrors.failure(GraphErrors.SIGN_IN, tenant, "POST", url, e);
    }
    if (!answer.ok()) {
      throw GraphErrors.signInFailure(tenant, answer.status(), answer.body());
    }
    return ClientCredentialsGrant.parse(answer.body(), clock.instant())
        .orElseThrow(() -> malformed(tenant));
  }

  /** The secret, or an assertion signed now (each attempt signs its own). */
  private Map<String, String> credential(URI tokenUrl) {
    return assertion == null
        ? ClientCredentialsGrant.secret(settings.clientSecret())
        : ClientCredentialsGrant.assertion(
            assertion.sign(settings.clientId(), tokenUrl, clock.instant()));
  }

  private RemoteException malformed(String tenant) {
    return new RemoteException(
        RemoteException.Kind.BAD_RESPONSE,
        GraphErrors.SIGN_IN,
        "Microsoft 365 sign-in for tenant "
            + tenant
            + " answered POST "
            + settings.tokenUrl()
            + " with no access_token in the answer");
  }
}
