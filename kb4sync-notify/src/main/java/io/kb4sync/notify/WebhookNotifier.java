package io.kb4sync.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.core.notify.Notification;
import io.kb4sync.core.notify.Notifier;
import io.kb4sync.http.HttpOptions;
import io.kb4sync.http.Redactor;
import io.kb4sync.http.Request;
import io.kb4sync.http.RetryRule;
import io.kb4sync.http.RetryingSender;
import io.kb4sync.http.Sleeper;
import io.kb4sync.http.Urls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generic JSON POST: {@code {"notification": {...}, "report": {...}}}. With a secret, the header
 * {@code X-Kb4sync-Signature: sha256=<hex>} carries the HMAC-SHA256 of the exact body bytes under
 * that secret, so the receiver can check the sender. Any 2xx is success.
 */
public final class WebhookNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
  public static final String SIGNATURE_HEADER = "X-Kb4sync-Signature";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final URI url;
  private final String secret;
  private final RetryingSender http;
  private final RetryRule retry;

  /**
   * @param index the entry's position in {@code notifications.webhooks}, for its name ({@code
   *     webhook[0]}) and error messages
   */
  public WebhookNotifier(WebhookSettings settings, int index, HttpOptions options) {
    this(settings, index, options, Sleeper.REAL);
  }

  WebhookNotifier(WebhookSettings settings, int index, HttpOptions options, Sleeper sleeper) {
    this.name = "webhook[" + index + "]";
    this.url = Urls.endpoint(settings.url(), "notifications.webhooks[" + index + "].url");
    this.secret =
        settings.secret() == null || settings.secret().isEmpty() ? null : settings.secret();
    List<String> secrets = new ArrayList<>(Redactor.urlSecrets(url));
    if (secret != null) {
      secrets.add(secret);
    }
    this.http = NotifierFactory.sender(name, options, sleeper, secrets);
    this.retry = NotifierFactory.retry(options);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Notification notification) {
    String body = payload(notification);
    Request request = Request.post(url, body).header("Content-Type", "application/json");
    if (secret != null) {
      request = request.header(SIGNATURE_HEADER, signature(secret, body));
    }
    http.send(request, RetryingSender.Response::ok, retry);
    LOG.info("{}: sent '{}' to {}", name, notification.title(), Urls.hostOf(url));
  }

  /** {@code sha256=} and the lower-case hex HMAC-SHA256 of the UTF-8 body under the secret. */
  public static String signature(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The body: the notification (snake_case keys) and the report JSON as an object. */
  static String payload(Notification n) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode notification = root.putObject("notification");
    notification.put("kind", n.kind());
    notification.put("company_id", n.companyId());
    notification.put("company_name", n.companyName());
    notification.put("severity", n.severity() == null ? null : n.severity().name());
    notification.put("title", n.title());
    ArrayNode facts = notification.putArray("facts");
    for (Notification.Fact fact : n.facts()) {
      facts.addObject().put("name", fact.name()).put("value", fact.value());
    }
    ArrayNode sections = notification.putArray("sections");
    for (Notification.Section s : n.sections()) {
      ObjectNode section = sections.addObject();
      section.put("heading", s.heading());
      ArrayNode lines = section.putArray("lines");
      s.lines().forEach(lines::add);
      section.put("more", s.more());
    }
    notification.put("consent_command", n.consentCommand());
    ArrayNode recipients = notification.putArray("recipients");
    n.recipients().forEach(recipients::add);
    root.set("report", report(n.reportJson()));
    return root.toString();
  }

  private static JsonNode report(String reportJson) {
    if (reportJson == null || reportJson.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(reportJson);
    } catch (JsonProcessingException e) {
      // Ours, so it parses; if it ever did not, carry it as a string rather than lose it.
      return JSON.getNodeFactory().textNode(reportJson);
    }
  }
}
