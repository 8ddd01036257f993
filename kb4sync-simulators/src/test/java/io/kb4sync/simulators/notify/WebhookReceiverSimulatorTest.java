package io.kb4sync.simulators.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class WebhookReceiverSimulatorTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> post(String url, String body, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void send_mail_needs_the_bearer_token_and_answers_202() throws Exception {
    try (WebhookReceiverSimulator receiver = WebhookReceiverSimulator.start()) {
      String url = receiver.graphUrl() + "/v1.0/users/alerts@msp.example/sendMail";
      String mail =
          "{\"message\":{\"subject\":\"s\",\"body\":{\"contentType\":\"Text\",\"content\":\"c\"},"
              + "\"toRecipients\":[{\"emailAddress\":{\"address\":\"a@b.example\"}}]}}";

      assertThat(post(url, mail, null).statusCode()).isEqualTo(401);
      assertThat(post(url, mail, "Bearer " + receiver.accessToken()).statusCode()).isEqualTo(202);
      assertThat(post(url, "{\"message\":{}}", "Bearer " + receiver.accessToken()).statusCode())
          .isEqualTo(400);
    }
  }

  @Test
  void teams_answers_202_to_a_card_and_slack_answers_ok() throws Exception {
    try (WebhookReceiverSimulator receiver = WebhookReceiverSimulator.start()) {
      String card =
          "{\"type\":\"message\",\"attachments\":[{\"contentType\":"
              + "\"application/vnd.microsoft.card.adaptive\",\"content\":{\"type\":\"AdaptiveCard\"}}]}";

      assertThat(post(receiver.teamsUrl(), card, null).statusCode()).isEqualTo(202);
      assertThat(post(receiver.teamsUrl(), "{\"text\":\"hi\"}", null).statusCode()).isEqualTo(400);
      HttpResponse<String> slack = post(receiver.slackUrl(), "{\"text\":\"hi\"}", null);
      assertThat(slack.statusCode()).isEqualTo(200);
      assertThat(slack.body()).isEqualTo("ok");
      assertThat(receiver.posts()).hasSize(3);
    }
  }
}
