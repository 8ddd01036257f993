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
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generic JSON POST: {@code {"notification": {...}, "report": {...}}}, sent the Standard Webhooks
 * way (standardwebhooks.com, spec 1.0): {@code webhook-id} (one per notification, the same on every
 * retry: an idempotency key) and {@code webhook-timestamp} (Unix seconds) always, and with a secret
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}. The HMAC key is the
 * secret as Standard Webhooks serialises it, {@code whsec_} and base64, decoded; a secret without
 * that prefix is used as its UTF-8 bytes (a receiver's Standard Webhooks library then takes {@code
 * whsec_} + base64 of those bytes). For one release the older header {@code X-Kb4sync-Signature:
 * sha256=<hex>} (HMAC-SHA256 of the body under the secret's UTF-8 bytes) is sent too. Any 2xx is
 * success.
 */
public final class WebhookNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

  /** The older signature header: kept for one release, then removed. */
  public static final String SIGNATURE_HEADER = "X-Kb4sync-Signature";

  public static final String ID_HEADER = "webhook-id";
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";
  public static final String STANDARD_SIGNATURE_HEADER = "webhook-signature";

  /** The prefix of a Standard Webhooks secret: base64 follows. */
  public static final String SECRET_PREFIX = "whsec_";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final URI url;
  private final String secret;
  private final byte[] key;
  private final RetryingSender http;
  private final RetryRule retry;
  private final Clock clock;

  /**
   * @param index the entry's position in {@code notifications.webhooks}, for its name ({@code
   *     webhook[0]}) and error messages
   */
  public WebhookNotifier(WebhookSettings settings, int index, HttpOptions options) {
    this(settings, index, options, Sleeper.REAL, Clock.systemUTC());
  }

  /**
   * @param clock gives {@code webhook-timestamp}
   * @throws IllegalArgumentException a {@code whsec_} secret that is not base64 after its prefix
   */
  WebhookNotifier(
      WebhookSettings settings, int index, HttpOptions options, Sleeper sleeper, Clock clock) {
    this.name = "webhook[" + index + "]";
    this.clock = clock;
    this.url = Urls.endpoint(settings.url(), "notifications.webhooks[" + index + "].url");
    this.secret =
        settings.secret() == null || settings.secret().isEmpty() ? null : settings.secret();
    this.key =
        secret == null ? null : signingKey(secret, "notifications.webhooks[" + index + "].secret");
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
    String id = newId();
    long timestamp = clock.instant().getEpochSecond();
    Request request =
        Request.post(url, body)
            .header("Content-Type", "application/json")
            .header(ID_HEADER, id)
            .header(TIMESTAMP_HEADER, Long.toString(timestamp));
    if (secret != null) {
      request =
          request
              .header(STANDARD_SIGNATURE_HEADER, standardSignature(key, id, timestamp, body))
              .header(SIGNATURE_HEADER, signature(secret, body));
    }
    http.send(request, RetryingSender.Response::ok, retry);
    LOG.info("{}: sent '{}' to {}", name, notification.title(), Urls.hostOf(url));
  }

  /** {@code msg_} and 128 random bits in base64url: no {@code .}, as the signed content needs. */
  static String newId() {
    byte[] bits = new byte[16];
    RANDOM.nextBytes(bits);
    return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
  }

  /**
   * The HMAC key of a secret: a Standard Webhooks secret ({@code whsec_} and base64) decoded, any
   * other secret as its UTF-8 bytes.
   *
   * @param key the configuration key, for the message of a {@code whsec_} secret that is not base64
   */
  static byte[] signingKey(String secret, String key) {
    if (!secret.startsWith(SECRET_PREFIX)) {
      return secret.getBytes(StandardCharsets.UTF_8);
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      decoded = new byte[0];
    }
    if (decoded.length == 0) {
      throw new IllegalArgumentException(
          key + ": a secret that starts with whsec_ must be base64 after it (Standard Webhooks)");
    }
    return decoded;
  }

  /**
   * {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body} (UTF-8) under {@code key}:
   * the value of {@code webhook-signature}.
   */
  public static String standardSignature(byte[] key, String id, long timestamp, String body) {
    byte[] mac = hmac(key, (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    return "v1," + Base64.getEncoder().encodeToString(mac);
  }

  /** As {@link #standardSignature(byte[], String, long, String)}, the key from a secret. */
  public static String standardSignature(String secret, String id, long timestamp, String body) {
    return standardSignature(signingKey(secret, "secret"), id, timestamp, body);
  }

  private static byte[] hmac(byte[] key, byte[] content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * {@code sha256=} and the lower-case hex HMAC-SHA256 of the UTF-8 body under the secret: the
   * older {@code X-Kb4sync-Signature}, kept for one release.
   */
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
