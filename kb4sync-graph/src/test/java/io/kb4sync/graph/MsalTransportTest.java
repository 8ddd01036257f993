package io.kb4sync.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.microsoft.aad.msal4j.IHttpResponse;
import com.microsoft.aad.msal4j.MsalRequests;
import io.kb4sync.http.HttpFailure;
import io.kb4sync.http.RetryingSender;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** msal4j's requests go through kb4sync-http: same headers and body, Graph's retries. */
class MsalTransportTest {
  private final RecordingSleeper sleeper = new RecordingSleeper();

  private MsalTransport transport() {
    RetryingSender http =
        RetryingSender.builder("Microsoft Entra ID (tenant t)").sleeper(sleeper).build();
    return new MsalTransport(http, GraphOptions.RETRY);
  }

  @Test
  void a_token_request_goes_out_as_msal4j_made_it_and_its_answer_comes_back_whole()
      throws Exception {
    try (SimServer server =
        SimServer.start(
            request -> SimResponse.json(200, "{\"access_token\":\"a\"}").withHeader("X-Ms", "1"))) {
      IHttpResponse response =
          transport()
              .send(
                  MsalRequests.post(
                      server.baseUri() + "/t/oauth2/v2.0/token",
                      Map.of(
                          "Content-Type", "application/x-www-form-urlencoded",
                          "client-request-id", "42",
                          "Host", "login.microsoftonline.com",
                          "Content-Length", "5"),
                      "a=b&c=d"));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"access_token\":\"a\"}");
      assertThat(response.headers().keySet()).anyMatch("X-Ms"::equalsIgnoreCase);
      LoggedRequest sent = server.log().all().get(0);
      assertThat(sent.method()).isEqualTo("POST");
      assertThat(sent.body()).isEqualTo("a=b&c=d");
      assertThat(sent.headers().get("client-request-id")).isEqualTo("42");
      assertThat(sent.headers().get("user-agent")).isEqualTo("kb4sync");
    }
  }

  @Test
  void a_throttled_token_request_is_retried_as_graph_requests_are() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (SimServer server =
        SimServer.start(
            request ->
                calls.incrementAndGet() == 1
                    ? SimResponse.json(429, "{}").withHeader("Retry-After", "3")
                    : SimResponse.json(200, "{}"))) {
      IHttpResponse response =
          transport().send(MsalRequests.get(server.baseUri() + "/common/discovery/instance"));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3));
    }
  }

  @Test
  void no_answer_reaches_msal4j_as_an_io_failure() {
    String closed;
    try (SimServer server = SimServer.start(request -> SimResponse.json(200, "{}"))) {
      closed = server.baseUri() + "/t/oauth2/v2.0/token";
    }

    HttpFailure failure =
        catchThrowableOfType(HttpFailure.class, () -> transport().send(MsalRequests.get(closed)));

    assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.CONNECT);
    assertThat(failure.attempts()).isEqualTo(GraphOptions.DEFAULT_MAX_ATTEMPTS);
  }
}
