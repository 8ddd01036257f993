package io.kb4sync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kb4sync.app.Main;
import io.kb4sync.app.RealConnectors;
import io.kb4sync.core.testing.ReportSchema;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kb4sync sync} through the production wiring against a hostile Microsoft Graph on loopback
 * (sign-in, organization and SKUs as Graph answers them, then a users listing that misbehaves) and
 * a real KnowBe4 simulator: the run ends with exit 1, a failed report, and no request that writes.
 */
class HostileGraphSyncTest {
  private static final long TWO_GIB = 2L * 1024 * 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final AtomicInteger userPages = new AtomicInteger();
  private HttpServer graph;
  private KnowBe4Simulator knowbe4;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    knowbe4 = KnowBe4Simulator.start("scim-token-1", "reporting-key-1");
    knowbe4.account("Acme", List.of("acme.example"));
  }

  @AfterEach
  void stop() {
    if (graph != null) {
      graph.stop(0);
    }
    handlers.shutdownNow();
    knowbe4.close();
  }

  /** What the users listing does. */
  private interface UsersPage {
    void answer(HttpExchange exchange, URI base, int page) throws IOException;
  }

  private URI graph(UsersPage users) throws IOException {
    graph = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    graph.setExecutor(handlers);
    URI base = URI.create("http://127.0.0.1:" + graph.getAddress().getPort());
    graph.createContext(
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
                "{\"value\":[{\"id\":\"o\",\"verifiedDomains\":[{\"name\":\"acme.example\"}]}]}");
          } else if (path.equals("/v1.0/subscribedSkus")) {
            json(exchange, "{\"value\":[]}");
          } else if (path.equals("/v1.0/users")) {
            users.answer(exchange, base, userPages.incrementAndGet());
          } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
          }
        });
    graph.start();
    return base;
  }

  private static void json(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (OutputStream o = exchange.getResponseBody()) {
      o.write(bytes);
    }
  }

  /** One user who would be created in KnowBe4, if the page were ever read whole. */
  private static final String PAGE_OF_ONE =
      "{\"value\":[{\"id\":\"u1\",\"userPrincipalName\":\"ann@acme.example\","
          + "\"mail\":\"ann@acme.example\",\"accountEnabled\":true,\"userType\":\"Member\","
          + "\"assignedLicenses\":[],\"proxyAddresses\":[]}]}";

  private int sync(URI graphUrl, String topLevel) throws IOException {
    Path config = dir.resolve("kb4sync.yaml");
    Files.writeString(
        config,
        topLevel
            + """
            state: "sqlite:./state.db"
            companies:
              - company_id: "1001"
                name: "Acme"
                m365: { tenant_id: "6f1d9a2e-0000-4000-8000-00000000a001", client_id: "c", client_secret: "${env:SECRET}", graph_url: "%s", login_url: "%s" }
                knowbe4: { scim_url: "%s", scim_token: "${env:TOKEN}" }
            """
                .formatted(graphUrl, graphUrl, knowbe4.scimUrl()));
    Map<String, String> env = Map.of("SECRET", "graph-secret-1", "TOKEN", "scim-token-1");
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new RealConnectors(),
            Clock.systemUTC(),
            dir,
            env::get);
    return Main.run(cli, "sync", "--config", config.toString(), "--company", "1001");
  }

  private JsonNode report() throws IOException {
    return ReportSchema.assertValid(JSON.readTree(out.toString(StandardCharsets.UTF_8)));
  }

  private void assertFailedWithoutWrites(int exit, String why) throws IOException {
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
    JsonNode report = report();
    assertThat(report.path("outcome").asText()).isEqualTo("failed");
    assertThat(report.path("errors").path(0).path("message").asText()).contains(why);
    assertThat(knowbe4.log().writes()).isZero();
  }

  @Test
  void a_users_page_of_two_gib_ends_the_sync_with_exit_1_and_no_write() throws IOException {
    URI base =
        graph(
            (exchange, b, page) -> {
              exchange.sendResponseHeaders(200, 0);
              byte[] chunk = new byte[64 * 1024];
              Arrays.fill(chunk, (byte) ' ');
              try (OutputStream o = exchange.getResponseBody()) {
                for (long sent = 0; sent < TWO_GIB; sent += chunk.length) {
                  o.write(chunk);
                }
              } catch (IOException hungUp) {
                // kb4sync gave up, as it should
              }
            });

    assertFailedWithoutWrites(sync(base, ""), "answer larger than 16777216 bytes");
    assertThat(userPages.get()).isEqualTo(1);
  }

  @Test
  void a_users_page_dripping_a_byte_a_second_ends_the_sync_at_http_deadline_with_exit_1()
      throws IOException {
    URI base =
        graph(
            (exchange, b, page) -> {
              exchange.sendResponseHeaders(200, 0);
              try (OutputStream o = exchange.getResponseBody()) {
                for (byte x : PAGE_OF_ONE.getBytes(StandardCharsets.UTF_8)) {
                  o.write(x);
                  o.flush();
                  Thread.sleep(1_000);
                }
              } catch (IOException | InterruptedException hungUp) {
                // kb4sync gave up, as it should
              }
            });

    assertFailedWithoutWrites(sync(base, "http_deadline: 2\n"), "no complete answer within 2 s");
    assertThat(userPages.get()).isEqualTo(1);
  }
}
