package io.kb4sync.graph;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Set;

/**
 * msal4j's transport, pointed at a simulator: msal4j keeps its https authority (it refuses http
 * ones) and this sends each of its requests to the same path on the loopback base instead
 * (dependencies.md §A.5).
 */
final class LoopbackRedirect implements IHttpClient {
  private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection");

  private final URI target;
  private final HttpClient client = HttpClient.newHttpClient();

  LoopbackRedirect(URI target) {
    this.target = target;
  }

  @Override
  public IHttpResponse send(HttpRequest request) throws Exception {
    URI original = request.url().toURI();
    URI redirected =
        URI.create(
            target
                + original.getRawPath()
                + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery()));
    java.net.http.HttpRequest.Builder builder =
        java.net.http.HttpRequest.newBuilder(redirected).version(HttpClient.Version.HTTP_1_1);
    if (request.headers() != null) {
      request
          .headers()
          .forEach(
              (name, value) -> {
                if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                  builder.header(name, value);
                }
              });
    }
    switch (request.httpMethod()) {
      case POST ->
          builder.POST(BodyPublishers.ofString(request.body() == null ? "" : request.body()));
      default -> builder.GET();
    }
    java.net.http.HttpResponse<String> response =
        client.send(builder.build(), BodyHandlers.ofString());
    HttpResponse answer =
        new HttpResponse().statusCode(response.statusCode()).body(response.body());
    answer.addHeaders(response.headers().map());
    return answer;
  }
}
