package io.kb4sync.simulators.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.http.RequestLog;
import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One loopback server that receives what the notification channels send, and answers as each real
 * peer does:
 *
 * <ul>
 *   <li>Teams Workflows webhook ({@link #teamsUrl()}): a {@code message} with an Adaptive Card
 *       attachment, answered {@code 202};
 *   <li>Slack incoming webhook ({@link #slackUrl()}): {@code 200} with the body {@code ok}, or
 *       {@code 400 invalid_payload}; {@link #slackReply} makes it answer otherwise;
 *   <li>generic webhooks ({@link #webhookUrl()}): any JSON, {@code 200};
 *   <li>Microsoft Graph {@code POST /v1.0/users/{id}/sendMail} ({@link #graphUrl()}): {@code 202},
 *       only with {@code Authorization: Bearer} and the token its token endpoint ({@link
 *       #loginUrl()}, client-credentials grant) handed out.
 * </ul>
 *
 * Every request is logged; faults (429, 5xx, hangs) come from the shared {@link Faults}, and hit
 * everything but the token endpoint. Start two receivers to have one channel fail and another not.
 */
public final class WebhookReceiverSimulator implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong STARTED = new AtomicLong();

  /** The webhook URLs' paths carry a secret, like the real ones. */
  public static final String TEAMS_PATH =
      "/teams/workflows/6f1d9a2e/triggers/manual/sig-TEAMSSECRET";

  public static final String SLACK_PATH = "/slack/services/T0SIM/B0SIM/SLACKSECRET";
  public static final String WEBHOOK_PATH = "/hooks/generic/HOOKSECRET";

  /** What a request was for. */
  public enum Channel {
    TEAMS,
    SLACK,
    WEBHOOK,
    GRAPH_MAIL,
    GRAPH_TOKEN
  }

  /** A request received, with the status answered. Header names are lower-case. */
  public record Post(
      Channel channel, String path, Map<String, String> headers, String body, int status) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("not JSON: " + body, e);
      }
    }
  }

  private final String tenantId;
  private final String clientId;
  private final String clientSecret;
  private final String accessToken;
  private final List<Post> posts = new ArrayList<>();
  private final SimServer server;
  private volatile int slackStatus = 200;
  private volatile String slackBody = "ok";

  private WebhookReceiverSimulator(
      String tenantId, String clientId, String clientSecret, String accessToken) {
    this.tenantId = tenantId;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.accessToken = accessToken;
    this.server =
        SimServer.start(
            this::handle,
            SimServer.FaultBodies.plainJson(),
            request -> !request.path().startsWith("/login/"));
  }

  /** A receiver whose Graph token endpoint knows one app: tenant, client id and secret. */
  public static WebhookReceiverSimulator start(
      String tenantId, String clientId, String clientSecret) {
    return new WebhookReceiverSimulator(
        Objects.requireNonNull(tenantId),
        Objects.requireNonNull(clientId),
        Objects.requireNonNull(clientSecret),
        "sim-graph-token-" + STARTED.incrementAndGet());
  }

  /**
   * A receiver for tenant {@code msp.example}, client {@code sim-client}, secret {@code
   * sim-secret}.
   */
  public static WebhookReceiverSimulator start() {
    return start("msp.example", "sim-client", "sim-secret");
  }

  public URI baseUri() {
    return server.baseUri();
  }

  public String teamsUrl() {
    return server.baseUri() + TEAMS_PATH;
  }

  public String slackUrl() {
    return server.baseUri() + SLACK_PATH;
  }

  public String webhookUrl() {
    return server.baseUri() + WEBHOOK_PATH;
  }

  /** For {@code graph_url}: the client appends {@code /v1.0/users/{id}/sendMail}. */
  public String graphUrl() {
    return server.baseUri().toString();
  }

  /** For {@code login_url}: the client appends {@code /{tenant}/oauth2/v2.0/token}. */
  public String loginUrl() {
    return server.baseUri() + "/login";
  }

  /** The access token the token endpoint hands out (and sendMail requires). */
  public String accessToken() {
    return accessToken;
  }

  /** Makes the Slack webhook answer {@code status} with {@code body} from now on. */
  public void slackReply(int status, String body) {
    this.slackStatus = status;
    this.slackBody = body;
  }

  /** Every request received, in order. */
  public synchronized List<Post> posts() {
    return List.copyOf(posts);
  }

  /** The requests for one channel, in order. */
  public synchronized List<Post> posts(Channel channel) {
    return posts.stream().filter(p -> p.channel() == channel).toList();
  }

  public RequestLog log() {
    return server.log();
  }

  public Faults faults() {
    return server.faults();
  }

  public void faults(Faults faults) {
    server.faults(faults);
  }

  @Override
  public void close() {
    server.close();
  }

  private SimResponse handle(SimRequest request) {
    String path = request.path();
    Channel channel;
    SimResponse response;
    if (!request.method().equals("POST")) {
      return SimResponse.json(405, "{\"message\":\"method not allowed\"}");
    } else if (path.equals(TEAMS_PATH)) {
      channel = Channel.TEAMS;
      response = teams(request);
    } else if (path.equals(SLACK_PATH)) {
      channel = Channel.SLACK;
      response = slack(request);
    } else if (path.equals(WEBHOOK_PATH)) {
      channel = Channel.WEBHOOK;
      response =
          parse(request.body()) == null
              ? SimResponse.json(400, "{\"message\":\"not JSON\"}")
              : SimResponse.empty(200);
    } else if (path.matches("/v1\\.0/users/[^/]+/sendMail")) {
      channel = Channel.GRAPH_MAIL;
      response = sendMail(request);
    } else if (path.equals("/login/" + tenantId + "/oauth2/v2.0/token")) {
      channel = Channel.GRAPH_TOKEN;
      response = token(request);
    } else {
      return SimResponse.json(404, "{\"message\":\"no such webhook\"}");
    }
    synchronized (this) {
      posts.add(new Post(channel, path, request.headers(), request.body(), response.status()));
    }
    return response;
  }

  private static SimResponse teams(SimRequest request) {
    JsonNode body = parse(request.body());
    if (body == null
        || !"message".equals(body.path("type").asText())
        || !"application/vnd.microsoft.card.adaptive"
            .equals(body.path("attachments").path(0).path("contentType").asText())
        || !"AdaptiveCard"
            .equals(body.path("attachments").path(0).path("content").path("type").asText())) {
      return SimResponse.json(
          400, "{\"error\":{\"code\":\"InvalidRequestContent\",\"message\":\"no card\"}}");
    }
    return SimResponse.empty(202);
  }

  private SimResponse slack(SimRequest request) {
    JsonNode body = parse(request.body());
    if (body == null || (!body.hasNonNull("text") && !body.has("blocks"))) {
      return new SimResponse(400, Map.of("Content-Type", "text/plain"), "invalid_payload");
    }
    return new SimResponse(slackStatus, Map.of("Content-Type", "text/plain"), slackBody);
  }

  private SimResponse sendMail(SimRequest request) {
    String authorization = request.header("Authorization");
    if (authorization == null || !authorization.equals("Bearer " + accessToken)) {
      return graphError(401, "InvalidAuthenticationToken", "Access token is empty or invalid.");
    }
    JsonNode body = parse(request.body());
    JsonNode message = body == null ? null : body.get("message");
    if (message == null
        || message.path("subject").asText("").isEmpty()
        || !List.of("Text", "HTML", "text", "html")
            .contains(message.path("body").path("contentType").asText())
        || !message.path("toRecipients").isArray()
        || message.path("toRecipients").isEmpty()) {
      return graphError(400, "ErrorInvalidRequest", "The message is not valid.");
    }
    for (JsonNode recipient : message.path("toRecipients")) {
      if (!recipient.path("emailAddress").path("address").asText("").contains("@")) {
        return graphError(400, "ErrorInvalidRecipients", "A recipient is not valid.");
      }
    }
    return SimResponse.empty(202);
  }

  private SimResponse token(SimRequest request) {
    Map<String, List<String>> form = SimServer.parseQuery(request.body());
    if (!"client_credentials".equals(first(form, "grant_type"))) {
      return SimResponse.json(400, "{\"error\":\"unsupported_grant_type\"}");
    }
    if (!clientId.equals(first(form, "client_id"))
        || !clientSecret.equals(first(form, "client_secret"))) {
      return SimResponse.json(
          401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215\"}");
    }
    String scope = first(form, "scope");
    if (scope == null || !scope.endsWith("/.default")) {
      return SimResponse.json(400, "{\"error\":\"invalid_scope\"}");
    }
    return SimResponse.json(
        200,
        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"" + accessToken + "\"}");
  }

  private static SimResponse graphError(int status, String code, String message) {
    return SimResponse.json(
        status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null || node.isMissingNode() ? null : node;
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
