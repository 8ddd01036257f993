package io.kb4sync.core.notify;

import java.util.List;
import java.util.Objects;

/**
 * What a run tells people, independent of the channel. Channels render it (an email with HTML and
 * plain-text parts, a Teams Adaptive Card, a Slack message, a JSON webhook).
 *
 * @param kind {@code sync} or {@code audit}
 * @param title one line, e.g. {@code KnowBe4 sync: Acme Corp — 3 created, 1 archived}
 * @param facts the headline counts, in order
 * @param sections details (created users, archived users, errors, held archives ...), each
 *     truncated with {@link Section#more()} past a limit
 * @param consentCommand the command that gives consent to held archives, or null
 * @param reportJson the full report, for channels that carry it (webhooks); never holds a secret
 * @param recipients email addresses ({@code knowbe4_notification_recipients})
 */
public record Notification(
    String companyId,
    String companyName,
    String kind,
    Severity severity,
    String title,
    List<Fact> facts,
    List<Section> sections,
    String consentCommand,
    String reportJson,
    List<String> recipients) {

  public Notification {
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(title, "title");
    facts = List.copyOf(facts);
    sections = List.copyOf(sections);
    recipients = List.copyOf(recipients);
  }

  /** How much a person should care. */
  public enum Severity {
    /** Everything worked. */
    INFO,
    /** Finished, but something needs a look (errors, held creates, conflicts, warnings). */
    WARNING,
    /** A guard held archives back: a person's consent is needed. */
    ACTION_REQUIRED,
    /** The run could not proceed. */
    FAILURE
  }

  /** A named value, e.g. {@code Created: 3}. */
  public record Fact(String name, String value) {}

  /**
   * A titled list of lines.
   *
   * @param more how many further lines were left out ("and N more")
   */
  public record Section(String heading, List<String> lines, int more) {
    public Section {
      lines = List.copyOf(lines);
    }
  }
}
