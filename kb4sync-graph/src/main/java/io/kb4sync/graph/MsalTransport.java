package io.kb4sync.graph;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import io.kb4sync.http.Answer;
import io.kb4sync.http.Request;
import io.kb4sync.http.RetryRule;
import io.kb4sync.http.RetryingSender;

/**
 * msal4j's transport ({@link IHttpClient}), backed by the one choke point: its token and discovery
 * requests get the same timeouts, redirect refusal, retries and log lines as every other request. A
 * failure reaches msal4j as the {@link io.kb4sync.http.HttpFailure} (an {@code IOException}), which
 * {@link MsalTokenProvider} turns into an UNAVAILABLE sign-in failure.
 */
final class MsalTransport implements IHttpClient {
  private final RetryingSender http;
  private final RetryRule retry;

  MsalTransport(RetryingSender http, RetryRule retry) {
    this.http = http;
    this.retry = retry;
  }

  @Override
  public IHttpResponse send(HttpRequest request) throws Exception {
    Request r =
        Request.of(request.httpMethod().methodName, request.url().toURI())
            // A token or discovery request changes nothing: safe to repeat.
            .idempotent(true);
    if (request.headers() != null) {
      r = r.headers(request.headers());
    }
    if (request.body() != null) {
      r = r.body(request.body());
    }
    Answer answer = http.exchange(r, retry);
    HttpResponse response = new HttpResponse().statusCode(answer.status()).body(answer.body());
    response.addHeaders(answer.headers());
    return response;
  }
}
