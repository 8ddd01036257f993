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
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two limits of the transport against hostile peers on loopback: a deadline on a whole attempt
 * (a body dripping in) and a cap on the answer's size (a 2 GiB body, streamed by the peer, never
 * held by either side).
 */
class TransportLimitsTest {
  private static final long TWO_GIB = 2L * 1024 * 1024 * 1024;

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicLong written = new AtomicLong();

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
          requests.incrementAndGet();
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

  /**
   * Answers 200 with a body of 2 GiB, with or without {@code Content-Length}, written 64 KiB at a
   * time from one reused buffer until the client hangs up: neither side ever holds it.
   */
  private URI serveHuge(boolean declared) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, declared ? TWO_GIB : 0);
          byte[] chunk = new byte[64 * 1024];
          Arrays.fill(chunk, (byte) '[');
          try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < TWO_GIB; sent += chunk.length) {
              out.write(chunk);
              written.addAndGet(chunk.length);
            }
          } catch (IOException hungUp) {
            // the client gave up, as it should
          }
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/huge");
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
  void the_default_deadline_is_two_minutes_and_the_default_body_cap_16_mib() {
    assertThat(transport().deadline()).isEqualTo(Duration.ofSeconds(120));
    assertThat(transport().maxBodyBytes()).isEqualTo(16L * 1024 * 1024);
  }

  @Test
  void an_answer_whose_body_drips_in_is_cut_off_at_the_deadline() throws Exception {
    URI uri = serve(50, false, Duration.ofMillis(100));
    RetryingSender sender =
        sender(transport().withLimits(Duration.ofMillis(700), Transport.DEFAULT_MAX_BODY_BYTES));

    HttpFailure failure =
        catchThrowableOfType(HttpFailure.class, () -> sender.exchange(Request.get(uri), ONCE));

    assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.DEADLINE);
    assertThat(failure).hasMessage("no complete answer within 700 ms");
  }

  @Test
  void a_body_dripping_one_byte_a_second_ends_at_a_two_second_deadline_and_is_not_tried_again()
      throws Exception {
    URI uri = serve(1_000, false, Duration.ofSeconds(1));
    RetryingSender sender =
        sender(transport().withLimits(Duration.ofSeconds(2), Transport.DEFAULT_MAX_BODY_BYTES));
    RetryRule retriesTimeouts = RetryRule.builder().timeouts(true).maxAttempts(5).build();

    HttpFailure failure =
        catchThrowableOfType(
            HttpFailure.class, () -> sender.exchange(Request.get(uri), retriesTimeouts));

    assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.DEADLINE);
    assertThat(failure.attempts()).isEqualTo(1);
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void a_two_gib_body_declared_in_content_length_is_refused_before_its_body_is_read()
      throws Exception {
    URI uri = serveHuge(true);

    HttpFailure failure =
        catchThrowableOfType(
            HttpFailure.class,
            () ->
                sender(transport().withLimits(Transport.DEFAULT_DEADLINE, 16 * Transport.MIB))
                    .exchange(Request.get(uri), ONCE));

    assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TOO_LARGE);
    assertThat(failure).hasMessage("answer larger than 16777216 bytes");
    assertThat(written.get()).isLessThan(TWO_GIB);
  }

  @Test
  void a_two_gib_body_streamed_without_a_length_is_cut_off_at_the_cap() throws Exception {
    URI uri = serveHuge(false);

    HttpFailure failure =
        catchThrowableOfType(
            HttpFailure.class,
            () ->
                sender(transport().withLimits(Transport.DEFAULT_DEADLINE, 16 * Transport.MIB))
                    .exchange(
                        Request.get(uri),
                        RetryRule.builder().timeouts(true).maxAttempts(3).build()));

    assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TOO_LARGE);
    assertThat(failure.attempts()).isEqualTo(1);
    assertThat(requests.get()).isEqualTo(1);
    // The peer stops writing once the client hangs up: far from 2 GiB went over the wire.
    assertThat(written.get()).isLessThan(TWO_GIB / 8);
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
