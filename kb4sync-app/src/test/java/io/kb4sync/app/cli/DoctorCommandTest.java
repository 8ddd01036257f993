package io.kb4sync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.app.Main;
import io.kb4sync.app.RealConnectors;
import io.kb4sync.simulators.demo.DemoWorld;
import io.kb4sync.simulators.http.Faults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
  @TempDir Path dir;
  DemoWorld world;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    world = DemoWorld.start();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private int doctor(String secret) throws IOException {
    return doctor(secret, world.knowbe4().scimToken());
  }

  private int doctor(String secret, String scimToken) throws IOException {
    return doctor(secret, scimToken, "sqlite:./state.db");
  }

  private int doctor(String secret, String scimToken, String state) throws IOException {
    Path config = dir.resolve("kb4sync.yaml");
    Files.writeString(
        config,
        """
        state: "%s"
        companies:
          - company_id: "1001"
            name: "Northwind"
            m365: { tenant_id: "%s", client_id: "%s", client_secret: "${env:SECRET}", graph_url: "%s", login_url: "%s" }
            knowbe4: { scim_url: "%s", scim_token: "${env:TOKEN}", reporting_url: "%s", reporting_api_key: "${env:KEY}" }
        """
            .formatted(
                state,
                DemoWorld.TENANT,
                DemoWorld.CLIENT_ID,
                world.graph().baseUri(),
                world.graph().baseUri(),
                world.knowbe4().scimUrl(),
                world.knowbe4().reportingUrl()));
    Map<String, String> env =
        Map.of("SECRET", secret, "TOKEN", scimToken, "KEY", world.knowbe4().reportingKey());
    Cli cli =
        new Cli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new RealConnectors(),
            Clock.systemUTC(),
            dir,
            env::get);
    return Main.run(cli, "doctor", "--config", config.toString());
  }

  private String table() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void the_state_location_is_shown_with_every_password_parameter_masked() throws IOException {
    int exit =
        doctor(
            DemoWorld.CLIENT_SECRET,
            world.knowbe4().scimToken(),
            "postgresql://kb4sync:pg-pass-1@127.0.0.1:1/kb4sync?sslpassword=pg-pass-2"
                + "&connectTimeout=1");

    assertThat(exit).as(table()).isEqualTo(1);
    assertThat(table())
        .contains("state store postgresql://kb4sync:***@127.0.0.1:1/kb4sync?sslpassword=***")
        .doesNotContain("pg-pass");
  }

  @Test
  void systems_that_keep_answering_503_are_asked_twice_a_request_not_retried_for_minutes()
      throws IOException {
    world.graph().faults(Faults.none().down(true));
    world.knowbe4().faults(Faults.none().down(true));

    int exit = doctor(DemoWorld.CLIENT_SECRET);

    assertThat(exit).as(table()).isEqualTo(1);
    assertThat(table()).contains("FAIL");
    Map<String, Long> graph =
        world.graph().log().all().stream()
            .collect(
                Collectors.groupingBy(r -> r.method() + " " + r.path(), Collectors.counting()));
    Map<String, Long> knowbe4 =
        world.knowbe4().log().all().stream()
            .collect(
                Collectors.groupingBy(r -> r.method() + " " + r.path(), Collectors.counting()));
    // A run would ask each of them 8 times over minutes. (Sign-in is not failed by the simulator's
    // outage; the SKUs are asked by two checks.)
    assertThat(graph).as("%s", graph).containsEntry("GET /v1.0/users", 2L);
    assertThat(graph.values())
        .as("%s", graph)
        .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4L));
    assertThat(knowbe4).isNotEmpty();
    assertThat(knowbe4.values())
        .as("%s", knowbe4)
        .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2L));
  }

  @Test
  void every_check_passes_against_a_healthy_company_and_doctor_exits_0() throws IOException {
    int exit = doctor(DemoWorld.CLIENT_SECRET);

    assertThat(exit).as(table()).isZero();
    assertThat(table())
        .contains("sign-in to " + DemoWorld.TENANT)
        .contains("GET /users needs User.Read.All")
        .contains("GET /organization/{id} needs Organization.Read.All")
        .contains("GET /subscribedSkus needs Organization.Read.All")
        .contains("license_filter against the tenant's skuPartNumbers")
        .contains("SCIM listing (GET /Users without a filter)")
        .contains("users the Reporting API lists and SCIM does not")
        .contains("SCIM token and Tenant URL")
        .contains("200 seats")
        .contains("All checks passed.")
        .doesNotContain("FAIL");
    assertThat(world.knowbe4().log().writes()).isZero();
  }

  @Test
  void the_table_names_every_column_and_the_status_column_holds_the_verdicts() throws IOException {
    doctor("not-the-secret");

    List<String> lines = table().lines().toList();
    String header = lines.get(0);
    assertThat(header).matches("COMPANY +ENDPOINT +CHECK +STATUS +DETAIL");
    int status = header.indexOf("STATUS");
    List<String> rows = lines.stream().filter(l -> l.matches(".*  (PASS|FAIL|SKIP)  .*")).toList();
    assertThat(rows)
        .isNotEmpty()
        .allSatisfy(row -> assertThat(row.substring(status)).matches("(PASS|FAIL|SKIP) .*"));
  }

  @Test
  void a_wrong_secret_fails_sign_in_with_the_aadsts_code_and_a_remedy() throws IOException {
    int exit = doctor("not-the-secret");

    assertThat(exit).isEqualTo(1);
    assertThat(table())
        .contains("1001 Northwind")
        .contains("FAIL")
        .contains("AADSTS7000215")
        .contains("-> check m365.tenant_id, m365.client_id and the client secret")
        .doesNotContain("not-the-secret");
  }

  @Test
  void a_missing_graph_permission_names_the_permission_to_grant() throws IOException {
    world.tenant().deny("User.Read.All");

    int exit = doctor(DemoWorld.CLIENT_SECRET);

    assertThat(exit).isEqualTo(1);
    assertThat(table()).contains("-> grant the application permission User.Read.All");
  }

  @Test
  void a_revoked_scim_token_names_where_to_generate_a_new_one() throws IOException {
    String configured = world.knowbe4().scimToken();
    world.knowbe4().scimToken("rotated-in-the-console");

    int exit = doctor(DemoWorld.CLIENT_SECRET, configured);

    assertThat(exit).as(table()).isEqualTo(1);
    assertThat(table()).contains("KnowBe4 SCIM").contains("-> generate a new SCIM token");
  }
}
