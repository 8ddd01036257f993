package io.kb4sync.app.signin;

import io.kb4sync.http.Answer;
import io.kb4sync.http.Request;
import io.kb4sync.http.RetryingSender;
import io.kb4sync.http.Transport;
import io.kb4sync.server.web.OidcHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * Entra ID sign-in's HTTP calls through kb4sync-http: 10 s to connect, 10 s per answer, each sent
 * once (a code is good for one exchange), the client secret kept out of every message.
 */
public final class SenderOidcHttp implements OidcHttp {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final RetryingSender sender =
      RetryingSender.builder("Entra ID sign-in").transport(Transport.of(TIMEOUT, TIMEOUT)).build();

  @Override
  public Reply get(URI url) throws IOException {
    return reply(sender.once(Request.get(url).header("Accept", "application/json"), 1));
  }

  @Override
  public Reply postForm(URI url, String form, String secret) throws IOException {
    Request request =
        Request.post(url, form)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .idempotent(false)
            .secret(secret);
    return reply(sender.once(request, 1));
  }

  private static Reply reply(Answer answer) {
    return new Reply(answer.status(), answer.body());
  }
}
