package io.kb4sync.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kb4sync.core.remote.RemoteException;
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
 * A hostile Graph on loopback: it signs in and answers the organization and the SKUs like Graph,
 * then misbehaves on the users listing. Every read ends with a failure (the engine's exit 1, no
 * write), bounded by the page cap, the body cap or the deadline.
 */
class GraphHostilePeersTest {
  private static final long TWO_GIB = 2L * 1024 * 1024 * 1024;

  /** A tenant GUID: no OpenID discovery of the tenant from a domain. */
  private static final String TENANT = "6f1d9a2e-0000-4000-8000-00000000a001";

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final AtomicInteger userPages = new AtomicInteger();
  private final AtomicLong written = new AtomicLong();
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private HttpServer server;

  /** What the users listing does. */
  private enum Users {
    ENDLESS_NEXT_LINKS,
    TWO_GIB_BODY,
    DRIP
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
    handlers.shutdownNow();
  }

  private URI start(Users users) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(handlers);
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          String path = exchange.getRequestURI().getPath();
          if (path.endsWith("/oauth2/v2.0/token")) {
            json(
                exchange, "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"t\"}");
          } else if (path.startsWith("/v1.0/organization")) {
            json(
                exchange,
                "{\"value\":[{\"id\":\"o\",\"verifiedDomains\":[{\"name\":\"a.example\"}]}]}");
          } else if (path.equals("/v1.0/subscribedSkus")) {
            json(exchange, "{\"value\":[]}");
          } else if (path.equals("/v1.0/users")) {
            int page = userPages.incrementAndGet();
            switch (users) {
              case ENDLESS_NEXT_LINKS ->
                  json(
                      exchange,
                      "{\"value\":[],\"@odata.nextLink\":\""
                          + base
                          + "/v1.0/users?$skiptoken=page"
                          + (page + 1)
                          + "\"}");
              case TWO_GIB_BODY -> huge(exchange);
              case DRIP -> drip(exchange);
            }
          } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
          }
        });
    server.start();
    return base;
  }

  private static void json(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** 2 GiB of JSON-looking bytes without a length, 64 KiB at a time from one buffer. */
  private void huge(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) ' ');
    try (OutputStream out = exchange.getResponseBody()) {
      out.write('{');
      for (long sent = 0; sent < TWO_GIB; sent += chunk.length) {
        out.write(chunk);
        written.addAndGet(chunk.length);
      }
    } catch (IOException hungUp) {
      // kb4sync gave up, as it should
    }
  }

  /** A valid page, one byte a second. */
  private static void drip(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      for (byte b : "{\"value\":[]}".getBytes(StandardCharsets.UTF_8)) {
        out.write(b);
        out.flush();
        Thread.sleep(1_000);
      }
    } catch (IOException | InterruptedException hungUp) {
      // kb4sync gave up, as it should
    }
  }

  private RemoteException read(URI base, GraphOptions options) {
    GraphSettings settings = GraphSettings.withSecret(TENANT, "client", "secret", base, base);
    return catchThrowableOfType(
        RemoteException.class, () -> new GraphDirectorySource(settings, options).read());
  }

  @Test
  void an_endless_chain_of_next_links_ends_the_read_at_the_page_cap() throws IOException {
    URI base = start(Users.ENDLESS_NEXT_LINKS);

    RemoteException e =
        read(base, sleeper.options().withCaps(GraphOptions.DEFAULT_MAX_BODY_BYTES, 50));

    assertThat(e.kind()).isEqualTo(RemoteException.Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("@odata.nextLink chain longer than 50 pages");
    assertThat(userPages.get()).isEqualTo(50);
  }

  @Test
  void the_production_page_cap_is_ten_thousand_pages_of_a_hundred_users() {
    assertThat(GraphOptions.defaults().maxPages()).isEqualTo(10_000);
    assertThat(GraphDirectorySource.PAGE_SIZE * GraphOptions.defaults().maxPages())
        .isEqualTo(1_000_000);
  }

  @Test
  void a_two_gib_page_ends_the_read_at_the_16_mib_cap_without_a_retry() throws IOException {
    URI base = start(Users.TWO_GIB_BODY);

    RemoteException e = read(base, sleeper.options());

    assertThat(GraphOptions.defaults().maxBodyBytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(e.kind()).isEqualTo(RemoteException.Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("answer larger than 16777216 bytes");
    assertThat(userPages.get()).isEqualTo(1);
    assertThat(written.get()).isLessThan(TWO_GIB / 8);
  }

  @Test
  void a_page_dripping_one_byte_a_second_ends_the_read_at_the_deadline_without_a_retry()
      throws IOException {
    URI base = start(Users.DRIP);

    RemoteException e = read(base, sleeper.options().withDeadline(Duration.ofSeconds(2)));

    assertThat(e.kind()).isEqualTo(RemoteException.Kind.BAD_RESPONSE);
    assertThat(e.getMessage())
        .contains("did not finish its answer to GET")
        .contains("no complete answer within 2 s");
    assertThat(userPages.get()).isEqualTo(1);
    assertThat(sleeper.waits()).isEmpty();
  }
}
