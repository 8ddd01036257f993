package io.kb4sync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor of the machine and the simulator: the same number of SCIM user creates as an initial
 * sync, with the same number in flight, by a bare {@code java.net.http} client (one POST per user,
 * nothing read, parsed or stored). Not kb4sync: a reference for how near kb4sync's create rate is
 * to what the machine allows at the moment it is measured. Exit 0 when every create got 201.
 */
final class BareCreates {
  private BareCreates() {}

  static int run(URI scimUrl, String token, String domain, int users, int concurrency)
      throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ExecutorService writers = Executors.newFixedThreadPool(concurrency);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        running.add(
            writers.submit(
                () -> {
                  for (int n = next.getAndIncrement(); n < users; n = next.getAndIncrement()) {
                    if (create(client, scimUrl, token, "user" + n + "@" + domain) != 201) {
                      refused.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> writer : running) {
        writer.get();
      }
    } finally {
      writers.shutdownNow();
    }
    return refused.get() == 0 ? 0 : 1;
  }

  private static int create(HttpClient client, URI scimUrl, String token, String email)
      throws IOException, InterruptedException {
    String body =
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
            + email
            + "\",\"name\":{\"givenName\":\"User\",\"familyName\":\"Bare\"},\"active\":true}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(scimUrl + "/Users"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/scim+json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
