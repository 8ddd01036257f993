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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Microsoft Teams through a Workflows (Power Automate) webhook from the template "Send webhook
 * alerts to a channel": a {@code message} with one Adaptive Card 1.4 attachment, which the flow
 * reads as {@code attachments[0].content}. Any 2xx is success (202 is typical: UNCONFIRMED).
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

  /** The message with its Adaptive Card. */
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
    ObjectNode title = body.addObject();
    title.put("type", "TextBlock");
    title.put("text", plain(n.title()));
    title.put("weight", "Bolder");
    title.put("size", "Medium");
    title.put("wrap", true);
    title.put("color", color(n.severity()));
    ObjectNode factSet = body.addObject();
    factSet.put("type", "FactSet");
    ArrayNode facts = factSet.putArray("facts");
    for (Notification.Fact fact : n.facts()) {
      ObjectNode f = facts.addObject();
      f.put("title", plain(fact.name()));
      f.put("value", plain(fact.value()));
    }
    if (n.consentCommand() != null) {
      text(body, "Consent needed. Review the held archives below; to let them happen, run:", true);
      ObjectNode command = text(body, n.consentCommand(), false);
      command.put("fontType", "Monospace");
    }
    for (Notification.Section section : n.sections()) {
      text(body, section.heading(), true).put("separator", true);
      List<String> lines = new ArrayList<>();
      for (String line : section.lines()) {
        lines.add("- " + plain(line));
      }
      if (section.more() > 0) {
        lines.add("- and " + section.more() + " more");
      }
      // A markdown list needs its lines apart: Teams renders "\r" between list items.
      ObjectNode block = body.addObject();
      block.put("type", "TextBlock");
      block.put("text", String.join("\r", lines));
      block.put("wrap", true);
    }
    return root.toString();
  }

  private static ObjectNode text(ArrayNode body, String text, boolean bold) {
    ObjectNode block = body.addObject();
    block.put("type", "TextBlock");
    block.put("text", plain(text));
    block.put("wrap", true);
    if (bold) {
      block.put("weight", "Bolder");
    }
    return block;
  }

  /**
   * One line. Adaptive Card TextBlocks read a little Markdown (bold, italics, lists, links) and no
   * HTML; Teams' support for backslash escapes is not documented, so values are sent as they are
   * rather than risk showing stray backslashes in every e-mail address with an underscore.
   */
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
