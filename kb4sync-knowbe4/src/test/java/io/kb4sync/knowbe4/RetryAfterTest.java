package io.kb4sync.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Throttling answers are retried after the wait the server asked for. */
class RetryAfterTest {
  private static final String EMPTY_LIST =
      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],"
          + "\"totalResults\":0,\"Resources\":[]}";

  /**
   * Reads through SCIM from a server whose first answer is {@code first}, then empty lists; returns
   * the log lines and how many requests the server saw.
   */
  private static List<String> readAfter(SimResponse first, AtomicInteger calls) {
    return readAfter(() -> first, calls);
  }

  /** As above, the first answer made when the first request arrives. */
  private static List<String> readAfter(Supplier<SimResponse> first, AtomicInteger calls) {
    try (SimServer server =
            SimServer.start(
                request ->
                    calls.incrementAndGet() == 1
                        ? first.get()
                        : SimResponse.json(200, EMPTY_LIST));
        LogCapture logs = new LogCapture(Level.DEBUG)) {
      KnowBe4Platform platform =
          Fixtures.scimPlatform(
              URI.create(server.baseUri() + "/scim/v2"),
              "t",
              Fixtures.fastTuning().toBuilder()
                  .retries(3, Duration.ofMillis(5), Duration.ofMillis(5))
                  .build());

      assertThat(platform.read().users()).isEmpty();
      return logs.lines();
    }
  }

  @Test
  void a_429_with_retry_after_is_retried_after_exactly_that_wait() {
    AtomicInteger calls = new AtomicInteger();

    List<String> lines =
        readAfter(
            SimResponse.json(429, "{\"detail\":\"slow down\"}").withHeader("Retry-After", "1"),
            calls);

    // Backoff alone would have waited 2-5 ms; the server asked for 1 s.
    assertThat(lines).anyMatch(line -> line.endsWith("retry 1 of 2 in 1000 ms"));
    assertThat(calls.get()).isEqualTo(3);
  }

  @Test
  void a_429_with_retry_after_as_an_http_date_is_retried_after_the_wait_until_that_date() {
    // The date is made when the request arrives, not before the platform and its first request
    // were set up (on a loaded machine that can eat most of the 3 s).
    Supplier<SimResponse> first =
        () ->
            SimResponse.json(429, "{}")
                .withHeader(
                    "Retry-After",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3).withNano(0)));

    List<String> lines = readAfter(first, new AtomicInteger());

    // Backoff alone would have waited 2-5 ms; the date asked for 2 to 3 s from the answer, less
    // the time the answer took to be read (up to a second allowed).
    assertThat(lines)
        .anyMatch(line -> line.matches(".*retry 1 of 2 in (1[0-9]|2[0-9]|30)[0-9][0-9] ms"));
  }
}
