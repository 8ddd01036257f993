package io.kb4sync.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.notify.Notifier;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.HttpOptions;
import io.kb4sync.http.Redactor;
import io.kb4sync.http.Request;
import io.kb4sync.http.RetryRule;
import io.kb4sync.http.RetryingSender;
import io.kb4sync.http.Sleeper;
import io.kb4sync.http.Urls;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Email through Microsoft Graph: {@code POST {graph}/v1.0/users/{sender}/sendMail} with an app-only
 * token; the HTML rendering as the body, {@code saveToSentItems: false}. Graph answers {@code 202
 * Accepted} (accepted, not yet delivered).
 *
 * <p>Permissions: the app registration needs the {@code Mail.Send} <em>application</em> permission,
 * consented in the MSP's own tenant only, never in a customer's. Unrestricted, {@code Mail.Send}
 * lets the app send as <em>any</em> mailbox of the tenant: scope it to the sender mailbox with RBAC
 * for Applications in Exchange Online (Application Access Policies are being replaced; do not
 * create new ones).
 *
 * <p>sendMail is not idempotent: it is retried on 429 and 503 (Graph did not act on it) and on a
 * connection that could not be made, nothing else; a timed-out request is not sent again.
 */
public final class GraphMailNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(GraphMailNotifier.class);
  static final String NAME = "email (graph)";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final Supplier<String> token;
  private final List<String> extraRecipients;
  private final RetryingSender http;
  private final RetryRule retry;
  private final EmailRenderer renderer = new EmailRenderer();

  /**
   * @param token an app-only Graph access token, fetched or cached by the supplier (e.g. {@link
   *     ClientCredentialsToken}); it may throw {@link RemoteException}
   */
  public GraphMailNotifier(
      GraphMailSettings settings,
      Supplier<String> token,
      List<String> extraRecipients,
      HttpOptions options) {
    this(settings, token, extraRecipients, options, Sleeper.REAL);
  }

  GraphMailNotifier(
      GraphMailSettings settings,
      Supplier<String> token,
      List<String> extraRecipients,
      HttpOptions options,
      Sleeper sleeper) {
    settings.validate("notifications.email.graph");
    this.endpoint =
        Urls.join(
            settings.effectiveGraphUrl(),
            "/v1.0/users/"
                + URLEncoder.encode(settings.sender(), StandardCharsets.UTF_8).replace("+", "%20")
                + "/sendMail");
    this.token = Objects.requireNonNull(token, "token");
    this.extraRecipients = extraRecipients == null ? List.of() : List.copyOf(extraRecipients);
    this.http =
        new RetryingSender(
            NAME, options, sleeper, new Redactor(List.of()), RetryingSender.Naming.HOST);
    this.retry = options.rule(RetryRule.NOT_ACTED_ON, RetryRule.NOT_ACTED_ON, false);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void send(Notification notification) {
    List<String> to = Recipients.of(notification.recipients(), extraRecipients, NAME);
    String body = payload(notification, to);
    String bearer = token.get();
    // A token in a failure message would be a leak: redact it for this request.
    http.send(
        Request.post(endpoint, body)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + bearer)
            .secret(bearer),
        r -> r.status() == 202 || r.status() == 200,
        retry);
    LOG.info("{}: sent '{}' to {} recipient(s)", NAME, notification.title(), to.size());
  }

  /** The sendMail JSON: {@code {"message":{...},"saveToSentItems":false}}. */
  String payload(Notification n, List<String> to) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode message = root.putObject("message");
    message.put("subject", renderer.subject(n));
    ObjectNode body = message.putObject("body");
    body.put("contentType", "HTML");
    body.put("content", renderer.html(n));
    ArrayNode recipients = message.putArray("toRecipients");
    for (String address : to) {
      recipients.addObject().putObject("emailAddress").put("address", address);
    }
    root.put("saveToSentItems", false);
    return root.toString();
  }
}
