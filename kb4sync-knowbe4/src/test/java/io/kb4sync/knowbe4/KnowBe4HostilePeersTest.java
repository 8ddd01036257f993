package io.kb4sync.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.remote.RemoteException.Kind;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile KnowBe4 on loopback: listings that never end (SCIM and Reporting), a 2 GiB page, a page
 * dripping a byte a second. Each read fails (the engine's exit 1, no write), bounded by the page
 * cap, the body cap or the deadline, and none is retried.
 */
class KnowBe4HostilePeersTest {
  private static final long TWO_GIB = 2L * 1024 * 1024 * 1024;

  private final AtomicInteger pages = new AtomicInteger();
  private final AtomicLong written = new AtomicLong();
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
    handlers.shutdownNow();
  }

  private static String scimUser(int n) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"id\":\"u"
        + n
        + "\",\"userName\":\"u"
        + n
        + "@acme.example\",\"active\":true}";
  }

  @Test
  void the_production_caps_are_32_mib_an_answer_and_ten_thousand_pages_a_listing() {
    assertThat(ClientTuning.defaults().maxBodyBytes()).isEqualTo(32L * 1024 * 1024);
    assertThat(ClientTuning.defaults().maxPages()).isEqualTo(10_000);
    assertThat(ClientTuning.defaults().deadline()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void a_scim_listing_that_never_ends_fails_the_read_at_the_page_cap() {
    try (SimServer scim =
        SimServer.start(
            request -> {
              int page = pages.incrementAndGet();
              // Always one more user than read so far: the total is never reached.
              return SimResponse.json(
                  200,
                  "application/scim+json",
                  "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],"
                      + "\"totalResults\":1000000000,\"Resources\":["
                      + scimUser(page)
                      + "]}");
            })) {
      KnowBe4Platform platform =
          Fixtures.scimPlatform(
              URI.create(scim.baseUri() + "/scim/v2"),
              "t",
              Fixtures.fastTuning().toBuilder()
                  .caps(ClientTuning.DEFAULT_MAX_BODY_BYTES, 40)
                  .build());

      RemoteException e = catchThrowableOfType(RemoteException.class, platform::read);

      assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
      assertThat(e.getMessage())
          .contains("incomplete listing")
          .contains("users did not end after 40 pages");
      assertThat(pages.get()).isEqualTo(40);
    }
  }

  @Test
  void a_reporting_listing_that_never_ends_fails_the_read_at_the_page_cap() {
    try (SimServer peer =
        SimServer.start(
            request -> {
              String path = request.path();
              if (path.startsWith("/scim/v2/")) {
                return SimResponse.json(
                    200,
                    "application/scim+json",
                    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],"
                        + "\"totalResults\":0,\"Resources\":[]}");
              }
              if (path.equals("/v1/account")) {
                return SimResponse.json(200, "{\"name\":\"Acme\",\"number_of_seats\":10}");
              }
              int page = pages.incrementAndGet();
              // Never an empty page: new users on every page, for ever.
              return SimResponse.json(
                  200,
                  "[{\"id\":"
                      + page
                      + ",\"email\":\"r"
                      + page
                      + "@acme.example\",\"status\":\"active\",\"groups\":[]}]");
            })) {
      KnowBe4Platform platform =
          new KnowBe4Platform(
              new KnowBe4Settings(
                  URI.create(peer.baseUri() + "/scim/v2"),
                  "t",
                  "us",
                  peer.baseUri(),
                  "key",
                  KnowBe4Settings.DEFAULT_WRITE_CONCURRENCY),
              Fixtures.fastTuning().toBuilder()
                  .caps(ClientTuning.DEFAULT_MAX_BODY_BYTES, 25)
                  .build(),
              new ReportingBudgets());

      RemoteException e = catchThrowableOfType(RemoteException.class, platform::read);

      assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
      assertThat(e.getMessage()).contains("did not end after 25 pages");
      assertThat(pages.get()).isEqualTo(25);
    }
  }

  /** A SCIM peer whose users listing is 2 GiB (undeclared) or drips in a byte a second. */
  private URI start(boolean drip) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(handlers);
    server.createContext(
        "/",
        exchange -> {
          pages.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().set("Content-Type", "application/scim+json");
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            if (drip) {
              for (byte b : "{\"totalResults\":0}".getBytes(StandardCharsets.UTF_8)) {
                out.write(b);
                out.flush();
                Thread.sleep(1_000);
              }
            } else {
              byte[] chunk = new byte[64 * 1024];
              Arrays.fill(chunk, (byte) ' ');
              for (long sent = 0; sent < TWO_GIB; sent += chunk.length) {
                out.write(chunk);
                written.addAndGet(chunk.length);
              }
            }
          } catch (IOException | InterruptedException hungUp) {
            // kb4sync gave up, as it should
          }
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/scim/v2");
  }

  @Test
  void a_two_gib_scim_page_fails_the_read_at_the_32_mib_cap_without_a_retry() throws IOException {
    URI scimUrl = start(false);

    RemoteException e =
        catchThrowableOfType(
            RemoteException.class,
            () -> Fixtures.scimPlatform(scimUrl, "t", Fixtures.fastTuning()).read());

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("answer larger than 33554432 bytes");
    assertThat(pages.get()).isEqualTo(1);
    assertThat(written.get()).isLessThan(TWO_GIB / 8);
  }

  @Test
  void a_scim_page_dripping_a_byte_a_second_fails_the_read_at_the_deadline_without_a_retry()
      throws IOException {
    URI scimUrl = start(true);

    RemoteException e =
        catchThrowableOfType(
            RemoteException.class,
            () ->
                Fixtures.scimPlatform(
                        scimUrl,
                        "t",
                        Fixtures.fastTuning().toBuilder().deadline(Duration.ofSeconds(2)).build())
                    .read());

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("no complete answer within 2 s");
    assertThat(pages.get()).isEqualTo(1);
  }
}
