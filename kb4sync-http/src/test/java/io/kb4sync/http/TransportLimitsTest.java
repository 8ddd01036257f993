package io.kb4sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two hooks of the transport: a deadline on a whole attempt and a cap on the answer's size.
 * Their production values and the hostile peers belong to the hardening work.
 */
class TransportLimitsTest {
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Answers 200 with {@code bytes} bytes, declared or chunked, one every {@code every}. */
  private URI serve(int bytes, boolean declared, Duration every) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, declared ? bytes : 0);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < bytes; i++) {
              out.write('x');
              if (!every.isZero()) {
                out.flush();
                Thread.sleep(every.toMillis());
              }
            }
          } catch (InterruptedException | IOException stopped) {
            // the client gave up
          }
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/body");
  }

  private static RetryingSender sender(Transport transport) {
    return RetryingSender.builder("sys")
        .transport(transport)
        .sleeper(duration -> {})
        .naming(RetryingSender.Naming.HOST)
        .build();
  }

  private static final RetryRule ONCE = RetryRule.builder().maxAttempts(1).build();

  private static Transport transport() {
    return Transport.of(Duration.ofSeconds(2), Duration.ofSeconds(10));
  }

  @Test
  void the_defaults_are_generous() {
    assertThat(transport().deadline()).isEqualTo(Duration.ofMinutes(10));
    assertThat(transport().maxBodyBytes()).isEqualTo(64L * 1024 * 1024);
  }

  @Test
  void an_answer_whose_body_drips_in_is_cut_off_at_the_deadline() throws Exception {
    URI uri = serve(50, false, Duration.ofMillis(100));
    RetryingSender sender =
        sender(transport().withLimits(Duration.ofMillis(700), Transport.DEFAULT_MAX_BODY_BYTES));

    HttpFailure failure =
        catchThrowableOfType(HttpFailure.class, () -> sender.exchange(Request.get(uri), ONCE));

    assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TIMEOUT);
    assertThat(failure).hasMessage("no complete answer within 700 ms");
  }

  @Test
  void an_answer_within_the_deadline_is_read_whole() throws Exception {
    URI uri = serve(5, false, Duration.ofMillis(10));

    Answer answer =
        sender(transport().withLimits(Duration.ofSeconds(5), Transport.DEFAULT_MAX_BODY_BYTES))
            .exchange(Request.get(uri), ONCE);

    assertThat(answer.body()).isEqualTo("xxxxx");
  }

  @Test
  void an_answer_declared_larger_than_the_cap_is_refused() throws Exception {
    URI uri = serve(2_000, true, Duration.ZERO);

    HttpFailure failure =
        catchThrowableOfType(
            HttpFailure.class,
            () ->
                sender(transport().withLimits(Transport.DEFAULT_DEADLINE, 1_000))
                    .exchange(Request.get(uri), ONCE));

    assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TOO_LARGE);
    assertThat(failure).hasMessage("answer larger than 1000 bytes");
  }

  @Test
  void an_undeclared_answer_is_refused_once_it_passes_the_cap() throws Exception {
    URI uri = serve(2_000, false, Duration.ZERO);

    HttpFailure failure =
        catchThrowableOfType(
            HttpFailure.class,
            () ->
                sender(transport().withLimits(Transport.DEFAULT_DEADLINE, 1_000))
                    .exchange(Request.get(uri), ONCE));

    assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TOO_LARGE);
  }

  @Test
  void an_answer_of_exactly_the_cap_is_read() throws Exception {
    URI uri = serve(1_000, false, Duration.ZERO);

    Answer answer =
        sender(transport().withLimits(Transport.DEFAULT_DEADLINE, 1_000))
            .exchange(Request.get(uri), ONCE);

    assertThat(answer.body()).hasSize(1_000);
  }

  @Test
  void a_too_large_answer_is_a_bad_response_and_not_retried() throws Exception {
    URI uri = serve(2_000, true, Duration.ZERO);
    RetryingSender sender = sender(transport().withLimits(Transport.DEFAULT_DEADLINE, 1_000));

    io.kb4sync.core.remote.RemoteException e =
        catchThrowableOfType(
            io.kb4sync.core.remote.RemoteException.class,
            () ->
                sender.send(
                    Request.get(uri),
                    RetryingSender.Response::ok,
                    RetryRule.builder().timeouts(true).build()));

    assertThat(e.kind()).isEqualTo(io.kb4sync.core.remote.RemoteException.Kind.BAD_RESPONSE);
    assertThat(e.getMessage())
        .startsWith("sys: answer larger than 1000 bytes to 127.0.0.1:")
        .doesNotContain("attempts");
  }

  @Test
  void the_charset_of_the_content_type_is_honoured() {
    java.net.http.HttpHeaders latin =
        java.net.http.HttpHeaders.of(
            java.util.Map.of("Content-Type", java.util.List.of("text/plain; charset=ISO-8859-1")),
            (a, b) -> true);
    java.net.http.HttpHeaders none =
        java.net.http.HttpHeaders.of(java.util.Map.of(), (a, b) -> true);

    assertThat(BoundedBody.charset(latin)).isEqualTo(StandardCharsets.ISO_8859_1);
    assertThat(BoundedBody.charset(none)).isEqualTo(StandardCharsets.UTF_8);
  }
}
