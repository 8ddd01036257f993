package io.kb4sync.app.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.app.Main;
import io.kb4sync.app.RealConnectors;
import io.kb4sync.app.cli.Cli;
import io.kb4sync.core.state.RunRecord;
import io.kb4sync.server.ApiServer;
import io.kb4sync.server.Book;
import io.kb4sync.server.Caller;
import io.kb4sync.server.ServiceMetrics;
import io.kb4sync.store.JdbcStateStore;
import io.kb4sync.store.StateStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens made by {@code kb4sync token create} open the API of a real server that checks them in the
 * SQLite state store through {@link StoreTokens}; a revoked one no longer does.
 */
class TokensOverHttpTest {
  @TempDir Path dir;

  /** A book of no company that says yes to everything. */
  static final class EmptyBook implements Book {
    @Override
    public List<CompanyView> companies() {
      return List.of();
    }

    @Override
    public Optional<CompanyDetail> company(String companyId) {
      return Optional.empty();
    }

    @Override
    public Optional<CompanyView> setPaused(String companyId, boolean paused, Caller by) {
      return Optional.empty();
    }

    @Override
    public RunStart start(String companyId, RunRequest request, Caller by) {
      return new RunStart.UnknownCompany();
    }

    @Override
    public Cancel cancel(String runId, Caller by) {
      return Cancel.UNKNOWN;
    }

    @Override
    public List<RunRecord> runs(RunFilter filter) {
      return List.of();
    }

    @Override
    public Optional<RunRecord> run(String runId) {
      return Optional.empty();
    }

    @Override
    public Reload reload(Caller by) {
      return new Reload(null);
    }

    @Override
    public Readiness readiness() {
      return new Readiness(List.of(), List.of());
    }
  }

  String kb4sync(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new RealConnectors(),
            Clock.systemUTC(),
            dir,
            Map.<String, String>of()::get);
    assertThat(Main.run(cli, args)).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8).strip();
  }

  static int status(int port, String method, String path, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void a_created_token_opens_the_api_for_its_role_until_it_is_revoked() throws Exception {
    Path config = dir.resolve("kb4sync.yaml");
    Files.writeString(
        config,
        """
        state: "sqlite:./state.db"
        companies:
          - company_id: "1001"
            m365: { tenant_id: "acme.onmicrosoft.com", client_id: "app", client_secret: "x" }
            knowbe4: { scim_url: "https://training.knowbe4.com/scim/v2", scim_token: "t" }
        """);
    String viewer =
        kb4sync(
            "token",
            "create",
            "--config",
            config.toString(),
            "--name",
            "grafana",
            "--role",
            "viewer");
    String admin =
        kb4sync(
            "token", "create", "--config", config.toString(), "--name", "root", "--role", "admin");

    try (JdbcStateStore store = StateStores.open("sqlite:./state.db", dir);
        ServiceMetrics metrics = new ServiceMetrics()) {
      ApiServer server =
          new ApiServer(new EmptyBook(), new StoreTokens(store, Clock.systemUTC()), metrics);
      int port = server.start("127.0.0.1", 0);
      try {
        assertThat(status(port, "GET", "/api/v1/companies", viewer)).isEqualTo(200);
        assertThat(status(port, "POST", "/api/v1/reload", viewer)).isEqualTo(403);
        assertThat(status(port, "POST", "/api/v1/reload", admin)).isEqualTo(200);
        assertThat(status(port, "GET", "/api/v1/companies", "kb4_" + "A".repeat(43)))
            .isEqualTo(401);
        assertThat(store.tokens()).allSatisfy(t -> assertThat(t.lastUsed()).isNotNull());

        kb4sync("token", "revoke", "--config", config.toString(), "--name", "grafana");

        assertThat(status(port, "GET", "/api/v1/companies", viewer)).isEqualTo(401);
        assertThat(status(port, "GET", "/api/v1/companies", admin)).isEqualTo(200);
      } finally {
        server.stop();
      }
    }
  }
}
