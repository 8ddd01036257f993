package io.kb4sync.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * An attempt is sent and answered without handing the answer to a thread of its own (the JDK's
 * {@code sendAsync} does, through the common fork-join pool, which on one or two processors is a
 * new thread per answer), nor by a thread per request in flight; the deadline still bounds the wait
 * for the status and headers.
 */
class SendOnCallerThreadTest {
  private static final RetryRule ONCE = RetryRule.builder().maxAttempts(1).build();

  private static RetryingSender sender(Transport transport) {
    return RetryingSender.builder("sys")
        .transport(transport)
        .sleeper(duration -> {})
        .naming(RetryingSender.Naming.HOST)
        .build();
  }

  @Test
  void forty_answers_start_no_thread_per_answer() throws Exception {
    try (TestServer server = TestServer.answering(TestServer.Answer.of(200, "{}"))) {
      RetryingSender sender =
          sender(Transport.of(Duration.ofSeconds(2), Duration.ofSeconds(10)).overHttp1());
      sender.exchange(Request.get(server.uri("/warm")), ONCE);
      long before = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();

      for (int i = 0; i < 40; i++) {
        assertThat(sender.exchange(Request.get(server.uri("/n" + i)), ONCE).status())
            .isEqualTo(200);
      }

      long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - before;
      assertThat(started).isLessThan(10);
    }
  }

  @Test
  void sixteen_requests_in_flight_are_served_by_a_few_client_threads() throws Exception {
    try (TestServer server =
        TestServer.answering(TestServer.Answer.of(200, "{}").after(Duration.ofMillis(500)))) {
      RetryingSender sender =
          sender(Transport.of(Duration.ofSeconds(2), Duration.ofSeconds(10)).overHttp1());
      ExecutorService callers = Executors.newFixedThreadPool(16);
      try {
        List<Future<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          String path = "/c" + i;
          answers.add(callers.submit(() -> sender.exchange(Request.get(server.uri(path)), ONCE)));
        }
        while (server.received().size() < 16) {
          Thread.sleep(10);
        }
        long clientThreads =
            Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(
                    n -> n.startsWith("kb4sync-http-") || n.matches("HttpClient-\\d+-Worker-.*"))
                .count();
        for (Future<Answer> answer : answers) {
          assertThat(answer.get().status()).isEqualTo(200);
        }
        assertThat(clientThreads)
            .isLessThanOrEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
      } finally {
        callers.shutdownNow();
      }
    }
  }

  @Test
  void a_deadline_shorter_than_the_request_timeout_bounds_the_wait_for_the_headers() {
    try (TestServer server =
        TestServer.answering(TestServer.Answer.of(200, "late").after(Duration.ofSeconds(5)))) {
      RetryingSender sender =
          sender(
              Transport.of(Duration.ofSeconds(2), Duration.ofSeconds(30))
                  .withLimits(Duration.ofMillis(300), Transport.DEFAULT_MAX_BODY_BYTES));

      HttpFailure failure =
          catchThrowableOfType(
              HttpFailure.class, () -> sender.exchange(Request.get(server.uri("/slow")), ONCE));

      // The deadline, not the request timeout, ended it: not tried again.
      assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.DEADLINE);
      assertThat(failure).hasMessage("no complete answer within 300 ms");
    }
  }
}
