package io.kb4sync.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.remote.RemoteException.Kind;
import io.kb4sync.core.training.Attribute;
import io.kb4sync.core.training.AttributeChange;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserSeed;
import java.net.ConnectException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each misconfiguration a technician can make yields one clear line, without secrets. */
class ErrorMessagesTest {
  private static final String WRONG = "wrong-secret-value-123";
  private final KnowBe4Simulator simulator = KnowBe4Simulator.start();

  @AfterEach
  void stop() {
    simulator.close();
  }

  private static void assertOneLineWithoutSecrets(RemoteException e, KnowBe4Simulator sim) {
    assertThat(e.getMessage())
        .doesNotContain("\n")
        .doesNotContain(WRONG)
        .doesNotContain(sim.scimToken())
        .doesNotContain(sim.reportingKey());
  }

  @Test
  void a_wrong_scim_token_names_the_tenant_url_and_where_to_regenerate_the_token() {
    KnowBe4Platform platform = Fixtures.scimPlatform(simulator.scimUrl(), WRONG);

    RemoteException e;
    try (LogCapture logs = new LogCapture(Level.DEBUG)) {
      e = catchThrowableOfType(RemoteException.class, platform::read);
      assertThat(logs.lines()).noneMatch(line -> line.contains(WRONG));
    }

    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(e.getMessage())
        .isEqualTo(
            "KnowBe4 SCIM rejected the token at "
                + simulator.scimUrl()
                + " (HTTP 401): regenerate it under Account Settings > User Management > User"
                + " Provisioning > SCIM Settings and update scim_token");
    assertOneLineWithoutSecrets(e, simulator);
  }

  @Test
  void a_wrong_tenant_url_says_to_check_it_against_the_console() {
    URI wrongTenant = URI.create(simulator.reportingUrl() + "/scim/v1");
    KnowBe4Platform platform = Fixtures.scimPlatform(wrongTenant, simulator.scimToken());

    RemoteException e = catchThrowableOfType(RemoteException.class, platform::read);

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage())
        .startsWith("KnowBe4 SCIM found no /Users at " + wrongTenant + " (HTTP 404)")
        .contains("check scim_url against the Tenant URL")
        .contains("SCIM Settings");
    assertOneLineWithoutSecrets(e, simulator);
  }

  @Test
  void a_reporting_key_used_against_another_regions_url_names_region_and_reporting_url() {
    try (KnowBe4Simulator otherRegion = KnowBe4Simulator.start("eu-scim", "eu-key")) {
      KnowBe4Platform platform =
          new KnowBe4Platform(
              new KnowBe4Settings(
                  simulator.scimUrl(),
                  simulator.scimToken(),
                  "eu",
                  otherRegion.reportingUrl(),
                  simulator.reportingKey(),
                  8),
              Fixtures.fastTuning(),
              new ReportingBudgets());

      RemoteException e = catchThrowableOfType(RemoteException.class, platform::read);

      assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
      assertThat(e.getMessage())
          .startsWith("KnowBe4 Reporting API rejected the key at " + otherRegion.reportingUrl())
          .contains("region 'eu' (eu.knowbe4.com) and reporting_url match")
          .contains("reporting_api_key");
      assertOneLineWithoutSecrets(e, simulator);
    }
  }

  @Test
  void a_reporting_url_of_an_empty_account_is_reported_as_a_region_mismatch() {
    simulator.seedUser(UserSeed.of("someone@acme.example"));
    try (KnowBe4Simulator emptyRegion = KnowBe4Simulator.start("x", simulator.reportingKey())) {
      KnowBe4Platform platform =
          new KnowBe4Platform(
              new KnowBe4Settings(
                  simulator.scimUrl(),
                  simulator.scimToken(),
                  "us",
                  emptyRegion.reportingUrl(),
                  simulator.reportingKey(),
                  8),
              Fixtures.fastTuning(),
              new ReportingBudgets());

      RemoteException e = catchThrowableOfType(RemoteException.class, platform::read);

      assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
      assertThat(e.getMessage())
          .contains("lists no users while SCIM lists 1")
          .contains("check that region 'us'");
    }
  }

  @Test
  void the_invalid_token_quirk_of_http_200_counts_as_unauthorized() {
    simulator.invalidTokenAs200(true);
    KnowBe4Platform platform =
        new KnowBe4Platform(
            new KnowBe4Settings(
                simulator.scimUrl(),
                simulator.scimToken(),
                "us",
                simulator.reportingUrl(),
                WRONG,
                8),
            Fixtures.fastTuning(),
            new ReportingBudgets());

    RemoteException e = catchThrowableOfType(RemoteException.class, platform::read);

    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(e.getMessage()).contains("HTTP 200 'Invalid Token'");
    assertOneLineWithoutSecrets(e, simulator);
  }

  @Test
  void a_scim_error_body_is_surfaced_with_status_scim_type_and_detail() {
    String id = simulator.seedUser(UserSeed.of("x@acme.example")).scimId();
    KnowBe4Platform platform = Fixtures.scimPlatform(simulator);

    RemoteException e =
        catchThrowableOfType(
            RemoteException.class,
            () ->
                platform.update(
                    id, List.of(new AttributeChange(Attribute.MANAGER, null, "no-such-user"))));

    assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
    assertThat(e.getMessage())
        .isEqualTo(
            "KnowBe4 SCIM answered HTTP 400 to PATCH /scim/v2/Users/"
                + id
                + ": invalidValue: manager no-such-user is not a user of this account");
  }

  @Test
  void a_server_that_stays_down_ends_as_unavailable_after_retries() {
    simulator.faults(new Faults(1).down(true));
    KnowBe4Platform platform = Fixtures.scimPlatform(simulator);

    RemoteException e = catchThrowableOfType(RemoteException.class, platform::read);

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).startsWith("KnowBe4 SCIM answered HTTP 503 to GET /scim/v2/Users");
    assertThat(simulator.log().all()).hasSize(Fixtures.fastTuning().maxAttempts());
  }

  @Test
  void a_connection_failure_without_a_message_is_described_by_its_type_and_cause_never_null() {
    // java.net.http's ConnectException often carries no message, only a cause.
    ConnectException refused = new ConnectException();
    refused.initCause(new ClosedChannelException());
    URI users = URI.create(simulator.scimUrl() + "/Users");

    RemoteException e =
        RemoteErrors.scim(simulator.scimUrl(), simulator.scimToken())
            .unreachable(ApiRequest.get(users), refused);

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage())
        .isEqualTo(
            "KnowBe4 SCIM at "
                + simulator.scimUrl()
                + " could not be reached for GET "
                + users.getRawPath()
                + ": ConnectException (caused by ClosedChannelException) (check the network and"
                + " the URL)");
  }

  @Test
  void a_tenant_url_on_which_nothing_listens_is_unreachable_without_the_word_null() {
    SimServer stopped = SimServer.start(request -> SimResponse.empty(200));
    URI closed = URI.create(stopped.baseUri() + "/scim/v2");
    stopped.close();
    KnowBe4Platform platform = Fixtures.scimPlatform(closed, simulator.scimToken());

    RemoteException e = catchThrowableOfType(RemoteException.class, platform::read);

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage())
        .startsWith("KnowBe4 SCIM at " + closed + " could not be reached for GET /scim/v2/Users: ")
        .doesNotContain("null");
  }

  @Test
  void a_server_that_echoes_the_token_in_an_error_body_has_it_scrubbed() {
    String token = "echoed-token-0123456789";
    try (SimServer server =
        SimServer.start(
            request ->
                SimResponse.json(
                    400,
                    "{\"scimType\":\"invalidValue\",\"detail\":\"bad token " + token + "\"}"))) {
      KnowBe4Platform platform =
          Fixtures.scimPlatform(URI.create(server.baseUri() + "/scim/v2"), token);

      RemoteException e = catchThrowableOfType(RemoteException.class, platform::read);

      assertThat(e.getMessage()).doesNotContain(token).contains("invalidValue: bad token ***)");
    }
  }
}
