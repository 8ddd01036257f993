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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack through an incoming webhook: {@code text} (the notification fallback) and {@code blocks} (a
 * header and sections) whose texts are all {@code plain_text}. Success is HTTP 200 with the body
 * {@code ok}; anything else (Slack answers e.g. {@code invalid_payload} or {@code no_service}) is a
 * failure.
 */
public final class SlackNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(SlackNotifier.class);
  static final String NAME = "slack";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Slack's limit for a section's text is 3,000 characters; stay clear of it. */
  private static final int SECTION_LIMIT = 2900;

  /** Slack's limit for a header's text. */
  private static final int HEADER_LIMIT = 150;

  /** Slack accepts at most 50 blocks per message. */
  private static final int BLOCK_LIMIT = 50;

  private final URI webhook;
  private final RetryingSender http;
  private final RetryRule retry;

  public SlackNotifier(SlackSettings settings, HttpOptions options) {
    this(settings, options, Sleeper.REAL);
  }

  SlackNotifier(SlackSettings settings, HttpOptions options, Sleeper sleeper) {
    this.webhook = Urls.endpoint(settings.webhookUrl(), "notifications.slack.webhook_url");
    this.http = NotifierFactory.sender(NAME, options, sleeper, Redactor.urlSecrets(webhook));
    this.retry = NotifierFactory.retry(options);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void send(Notification notification) {
    http.send(
        Request.post(webhook, payload(notification)).header("Content-Type", "application/json"),
        r -> r.status() == 200 && r.body() != null && r.body().trim().equals("ok"),
        retry);
    LOG.info("{}: sent '{}'", NAME, notification.title());
  }

  /**
   * {@code text}, the fallback a notification shows, with Slack's three control characters escaped;
   * and {@code blocks} whose every text is a {@code plain_text} object (emoji codes off): Slack
   * parses neither formatting nor mentions there, so a name {@code <!channel>} or {@code
   * *[Reset](https://evil.example)*} shows as those characters and pings no one.
   */
  static String payload(Notification n) {
    ObjectNode root = JSON.createObjectNode();
    root.put("text", escape(n.title()));
    ArrayNode blocks = root.putArray("blocks");
    ObjectNode header = blocks.addObject();
    header.put("type", "header");
    header.set("text", plain(cut(oneLine(n.title()), HEADER_LIMIT)));
    List<String> facts = new ArrayList<>();
    for (Notification.Fact fact : n.facts()) {
      facts.add(oneLine(fact.name()) + ": " + oneLine(fact.value()));
    }
    section(blocks, String.join("\n", facts));
    if (n.consentCommand() != null) {
      section(
          blocks,
          "Consent needed. Review the held archives below; to let them happen, run:\n"
              + oneLine(n.consentCommand()));
    }
    for (Notification.Section s : n.sections()) {
      if (blocks.size() >= BLOCK_LIMIT) {
        break;
      }
      StringBuilder text = new StringBuilder(oneLine(s.heading()));
      for (String line : s.lines()) {
        text.append("\n• ").append(oneLine(line));
      }
      if (s.more() > 0) {
        text.append("\nand ").append(s.more()).append(" more");
      }
      section(blocks, text.toString());
    }
    return root.toString();
  }

  private static void section(ArrayNode blocks, String text) {
    ObjectNode block = blocks.addObject();
    block.put("type", "section");
    block.set("text", plain(cut(text, SECTION_LIMIT)));
  }

  private static ObjectNode plain(String text) {
    ObjectNode t = JSON.createObjectNode();
    t.put("type", "plain_text");
    t.put("text", text.isEmpty() ? " " : text);
    t.put("emoji", false);
    return t;
  }

  private static String cut(String text, int limit) {
    return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
  }

  /** A value on one line: its own line breaks would pass for the message's. */
  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("[\\r\\n]+", " ");
  }

  /**
   * Slack's three control characters, for the {@code text} fallback (which Slack formats):
   * unescaped, {@code <!channel>} in a user's name would ping a whole channel.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
