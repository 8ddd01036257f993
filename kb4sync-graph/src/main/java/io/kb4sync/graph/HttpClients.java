package io.kb4sync.graph;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link HttpClient} per connect timeout, shared by every tenant's source: a client owns a
 * connection pool and threads, and with {@code --all-companies} many sources read at once.
 */
final class HttpClients {
  private static final Map<Duration, HttpClient> SHARED = new ConcurrentHashMap<>();

  private HttpClients() {}

  static HttpClient shared(Duration connectTimeout) {
    return SHARED.computeIfAbsent(
        connectTimeout,
        timeout ->
            HttpClient.newBuilder()
                .connectTimeout(timeout)
                // nextLinks are followed by hand and checked first: a redirect could carry the
                // bearer token to another host.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
  }
}
