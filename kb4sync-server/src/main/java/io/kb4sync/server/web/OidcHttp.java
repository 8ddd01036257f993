package io.kb4sync.server.web;

import java.io.IOException;
import java.net.URI;

/**
 * The few HTTP calls Entra ID sign-in makes — the discovery document, the JWKS, the code exchange —
 * sent by the app through kb4sync-http (the one choke point for timeouts and redaction). Each is
 * sent once: a code is good for one exchange.
 */
public interface OidcHttp {

  /** An answer: its status and body. */
  record Reply(int status, String body) {}

  /**
   * @throws IOException when no answer came
   */
  Reply get(URI url) throws IOException;

  /**
   * Posts {@code application/x-www-form-urlencoded} text.
   *
   * @param secret a value in the form that no message may show (the client secret)
   * @throws IOException when no answer came
   */
  Reply postForm(URI url, String form, String secret) throws IOException;
}
