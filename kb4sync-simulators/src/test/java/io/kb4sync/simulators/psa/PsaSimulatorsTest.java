package io.kb4sync.simulators.psa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The simulators check auth and shapes as the reference says, independent of our clients. */
class PsaSimulatorsTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String text) {
    return "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void connectwise_refuses_a_request_without_the_client_id_header() throws Exception {
    try (ConnectWiseSimulator cw = ConnectWiseSimulator.start()) {
      HttpResponse<String> without =
          send(
              HttpRequest.newBuilder(URI.create(cw.apiUrl() + "/system/info"))
                  .header("Authorization", basic("msp+sim-public:sim-private"))
                  .header("Accept", "application/vnd.connectwise.com+json; version=2022.1"));
      HttpResponse<String> with =
          send(
              HttpRequest.newBuilder(URI.create(cw.apiUrl() + "/system/info"))
                  .header("Authorization", basic("msp+sim-public:sim-private"))
                  .header("clientId", cw.credentials().clientId())
                  .header("Accept", "application/vnd.connectwise.com+json; version=2022.1"));

      assertThat(without.statusCode()).isEqualTo(401);
      assertThat(with.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void connectwise_refuses_a_summary_over_100_characters() throws Exception {
    try (ConnectWiseSimulator cw = ConnectWiseSimulator.start()) {
      HttpResponse<String> response =
          send(
              HttpRequest.newBuilder(URI.create(cw.apiUrl() + "/service/tickets"))
                  .header("Authorization", basic("msp+sim-public:sim-private"))
                  .header("clientId", cw.credentials().clientId())
                  .header("Accept", "application/vnd.connectwise.com+json; version=2022.1")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"summary\":\"" + "x".repeat(101) + "\",\"company\":{\"id\":1}}")));

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(cw.tickets()).isEmpty();
    }
  }

  @Test
  void autotask_needs_all_three_headers_and_answers_zone_information() throws Exception {
    try (AutotaskSimulator at = AutotaskSimulator.start()) {
      HttpResponse<String> zone =
          send(
              HttpRequest.newBuilder(URI.create(at.discoveryUrl() + "/v1.0/ZoneInformation"))
                  .header("UserName", "api@msp.example"));
      HttpResponse<String> twoHeaders =
          send(
              HttpRequest.newBuilder(URI.create(at.zoneUrl() + "/v1.0/Tickets/1"))
                  .header("UserName", "api@msp.example")
                  .header("Secret", "sim-secret"));

      assertThat(zone.statusCode()).isEqualTo(200);
      assertThat(zone.body()).contains("\"url\":\"" + at.zoneUrl() + "/\"");
      assertThat(twoHeaders.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void halo_takes_creates_only_as_a_json_array() throws Exception {
    try (HaloSimulator halo = HaloSimulator.start()) {
      String token = "Bearer " + halo.accessToken();
      HttpResponse<String> object =
          send(
              HttpRequest.newBuilder(URI.create(halo.apiUrl() + "/tickets"))
                  .header("Authorization", token)
                  .POST(HttpRequest.BodyPublishers.ofString("{\"summary\":\"x\"}")));
      HttpResponse<String> array =
          send(
              HttpRequest.newBuilder(URI.create(halo.apiUrl() + "/tickets"))
                  .header("Authorization", token)
                  .POST(HttpRequest.BodyPublishers.ofString("[{\"summary\":\"x\"}]")));
      HttpResponse<String> noToken =
          send(
              HttpRequest.newBuilder(URI.create(halo.apiUrl() + "/tickets"))
                  .POST(HttpRequest.BodyPublishers.ofString("[{\"summary\":\"x\"}]")));

      assertThat(object.statusCode()).isEqualTo(400);
      assertThat(array.statusCode()).isEqualTo(201);
      assertThat(noToken.statusCode()).isEqualTo(401);
      assertThat(halo.tickets()).hasSize(1);
    }
  }

  @Test
  void halo_updates_instead_of_creating_when_an_element_carries_an_id() throws Exception {
    try (HaloSimulator halo = HaloSimulator.start()) {
      String token = "Bearer " + halo.accessToken();
      send(
          HttpRequest.newBuilder(URI.create(halo.apiUrl() + "/tickets"))
              .header("Authorization", token)
              .POST(HttpRequest.BodyPublishers.ofString("[{\"summary\":\"first\"}]")));
      long id = halo.tickets().get(0).id();
      send(
          HttpRequest.newBuilder(URI.create(halo.apiUrl() + "/tickets"))
              .header("Authorization", token)
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "[{\"id\":" + id + ",\"summary\":\"renamed\"}]")));

      assertThat(halo.tickets())
          .singleElement()
          .extracting(HaloSimulator.Ticket::summary)
          .isEqualTo("renamed");
    }
  }
}
