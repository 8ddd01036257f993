package io.kb4sync.simulators.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A held request waits, unanswered and unlogged, until its hold is closed; others go on. */
class SimServerHoldTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static CompletableFuture<HttpResponse<String>> send(URI uri, String method) {
    return HTTP.sendAsync(
        HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitWaiting(SimServer.Hold hold, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (hold.waiting() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(hold.waiting()).as("requests waiting on the hold").isEqualTo(count);
  }

  @Test
  void a_held_request_is_answered_once_the_hold_is_closed_and_an_unheld_one_at_once()
      throws Exception {
    try (SimServer server = SimServer.start(request -> SimResponse.json(200, "{}"))) {
      URI uri = URI.create(server.baseUri() + "/x");
      SimServer.Hold writes = server.hold(SimRequest::isWrite);

      CompletableFuture<HttpResponse<String>> post = send(uri, "POST");
      awaitWaiting(writes, 1);

      assertThat(send(uri, "GET").join().statusCode()).isEqualTo(200);
      assertThat(post).isNotDone();
      assertThat(server.log().count(r -> r.method().equals("POST"))).isZero();

      writes.close();

      assertThat(post.join().statusCode()).isEqualTo(200);
      assertThat(writes.waiting()).isZero();
      assertThat(send(uri, "POST").join().statusCode()).isEqualTo(200);
    }
  }
}
