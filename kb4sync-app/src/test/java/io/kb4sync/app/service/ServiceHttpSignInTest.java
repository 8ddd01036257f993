package io.kb4sync.app.service;

import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.app.Connectors;
import io.kb4sync.app.TestConnectors;
import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.app.config.ConfigLoader;
import io.kb4sync.app.signin.StorePeople;
import io.kb4sync.core.directory.DirectorySource;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.sync.StopSignal;
import io.kb4sync.core.testing.InMemoryPlatform;
import io.kb4sync.core.training.TrainingPlatform;
import io.kb4sync.server.Role;
import io.kb4sync.server.ServiceMetrics;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s HTTP face has the dashboard's sign-in beside the API, and the API is as it was:
 * bearer tokens only, no cookie taken.
 */
class ServiceHttpSignInTest {
  @TempDir Path dir;

  @Test
  void the_dashboard_asks_for_a_sign_in_and_the_api_still_wants_its_token() throws Exception {
    TestConnectors world = new TestConnectors();
    world.company("1001", tenant(m365("ann")), InMemoryPlatform.of(account()));
    Path file = dir.resolve("kb4sync.yaml");
    Files.writeString(
        file,
        """
        state: "sqlite:state.db"
        server: { session_idle: 10m }
        defaults: { schedule: { sync: "off", audit: "off" } }
        companies:
          - company_id: "1001"
            m365: { tenant_id: "acme.onmicrosoft.com", client_id: "app", client_secret: "s" }
            knowbe4: { scim_url: "https://training.knowbe4.com/scim/v2", scim_token: "t" }
        """);
    Config config = ConfigLoader.load(file, name -> null);
    Connectors connectors =
        new Connectors() {
          @Override
          public DirectorySource directory(CompanyConfig company) {
            return world.directory(company);
          }

          @Override
          public TrainingPlatform platform(CompanyConfig company) {
            return world.platform(company);
          }

          @Override
          public StateStore store(Config config) {
            return StateStores.open(config.state(), config.folder());
          }
        };
    try (Service service =
        Service.start(
            config,
            connectors,
            Clock.systemUTC(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new StopSignal(),
            name -> null,
            List.of())) {
      new StorePeople(service.stateStore(), Clock.systemUTC())
          .add("alice", Role.ADMIN, "correct horse battery".toCharArray());
      ServiceHttp http = ServiceHttp.api(service, new ServiceMetrics(), Clock.systemUTC());
      int port = http.start("127.0.0.1", 0);
      try {
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;

        HttpResponse<String> home =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).contains("/login?next=%2F");

        HttpResponse<String> signIn =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", base)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "name=alice&password=correct+horse+battery&next=%2F"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(303);
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

        HttpResponse<String> api =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/companies"))
                    .header("Cookie", cookie)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).startsWith("{\"error\":");
        assertThat(api.headers().firstValue("Content-Security-Policy")).isEmpty();
      } finally {
        http.stop();
      }
    }
  }
}
