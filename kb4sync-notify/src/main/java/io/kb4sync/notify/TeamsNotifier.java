package io.kb4sync.notify;

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
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Microsoft Teams through a Workflows (Power Automate) webhook from the template "Send webhook
 * alerts to a channel": a {@code message} with one Adaptive Card 1.4 attachment, which the flow
 * reads as {@code attachments[0].content}, its texts in {@code RichTextBlock}s of {@code TextRun}s
 * (plain text, never Markdown). Any 2xx is success (202 is typical: UNCONFIRMED).
 *
 * <p>Legacy Office 365 connector URLs ({@code *.webhook.office.com}) are being retired; they are
 * sent the same card, with a warning in the log. A flow is owned by a person and stops when that
 * account goes: prefer a service account as its owner.
 */
public final class TeamsNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(TeamsNotifier.class);
  static final String NAME = "teams";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI webhook;
  private final RetryingSender http;
  private final RetryRule retry;

  public TeamsNotifier(TeamsSettings settings, HttpOptions options) {
    this(settings, options, Sleeper.REAL);
  }

  TeamsNotifier(TeamsSettings settings, HttpOptions options, Sleeper sleeper) {
    this.webhook = Urls.endpoint(settings.webhookUrl(), "notifications.teams.webhook_url");
    this.http = NotifierFactory.sender(NAME, options, sleeper, Redactor.urlSecrets(webhook));
    this.retry = NotifierFactory.retry(options);
    String host = webhook.getHost().toLowerCase(Locale.ROOT);
    if (host.endsWith("webhook.office.com") || host.equals("outlook.office.com")) {
      LOG.warn(
          "notifications.teams.webhook_url is an Office 365 connector, which Microsoft is"
              + " retiring: move to a Teams Workflows webhook");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void send(Notification notification) {
    http.send(
        Request.post(webhook, payload(notification)).header("Content-Type", "application/json"),
        RetryingSender.Response::ok,
        retry);
    LOG.info("{}: sent '{}'", NAME, notification.title());
  }

  /**
   * The message with its Adaptive Card. Every text of the notification (directory values among
   * them) is a {@code TextRun} of a {@code RichTextBlock}, which Adaptive Cards render as plain
   * text: no Markdown is parsed there, so a department named {@code [Reset](https://evil.example)}
   * shows as those characters and links nowhere. One block per line: newlines inside a run are
   * rendered differently by each Teams client.
   */
  static String payload(Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", "message");
    ObjectNode attachment = root.putArray("attachments").addObject();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.putNull("contentUrl");
    ObjectNode card = attachment.putObject("content");
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    ArrayNode body = card.putArray("body");
    ObjectNode title = run(rich(body), n.title());
    title.put("weight", "Bolder");
    title.put("size", "Medium");
    title.put("color", color(n.severity()));
    for (Notification.Fact fact : n.facts()) {
      ObjectNode line = rich(body);
      line.put("spacing", "None");
      run(line, fact.name() + ": ").put("weight", "Bolder");
      run(line, fact.value());
    }
    if (n.consentCommand() != null) {
      run(rich(body), "Consent needed. Review the held archives below; to let them happen, run:")
          .put("weight", "Bolder");
      run(rich(body), n.consentCommand()).put("fontType", "Monospace");
    }
    for (Notification.Section section : n.sections()) {
      ObjectNode heading = rich(body);
      heading.put("separator", true);
      run(heading, section.heading()).put("weight", "Bolder");
      for (String line : section.lines()) {
        ObjectNode block = rich(body);
        block.put("spacing", "None");
        run(block, "• " + line);
      }
      if (section.more() > 0) {
        ObjectNode block = rich(body);
        block.put("spacing", "None");
        run(block, "and " + section.more() + " more").put("italic", true);
      }
    }
    return root.toString();
  }

  /** A new {@code RichTextBlock} at the end of the body. */
  private static ObjectNode rich(ArrayNode body) {
    ObjectNode block = body.addObject();
    block.put("type", "RichTextBlock");
    block.putArray("inlines");
    return block;
  }

  /** A {@code TextRun} of {@code text}, on one line, appended to the block's inlines. */
  private static ObjectNode run(ObjectNode block, String text) {
    ObjectNode run = ((ArrayNode) block.get("inlines")).addObject();
    run.put("type", "TextRun");
    run.put("text", plain(text));
    return run;
  }

  /** One line: a line break inside a value would break the card's layout, not its safety. */
  static String plain(String text) {
    if (text == null) {
      return "";
    }
    return text.replaceAll("[\\r\\n]+", " ");
  }

  private static String color(Notification.Severity severity) {
    switch (severity) {
      case FAILURE:
        return "Attention";
      case ACTION_REQUIRED:
      case WARNING:
        return "Warning";
      case INFO:
      default:
        return "Good";
    }
  }
}
