package io.kb4sync.core.audit;

import java.util.List;
import java.util.Objects;

/**
 * One thing an audit found.
 *
 * @param subject what within the category, e.g. the attribute ({@code department}), the group, the
 *     department, the SKU or the domain; null when the category needs none
 * @param title one line for people, e.g. {@code department differs from Microsoft 365 for 3 users}
 * @param users the users concerned, sorted by email; empty for findings about the account or the
 *     configuration (seats, SKUs)
 * @param nextSync what the next sync (with the company's current settings) does about it
 * @param suggestedAction what to do: the exact kb4sync command, or what to change in the
 *     configuration, Microsoft 365 or the KnowBe4 console
 */
public record Finding(
    Category category,
    Severity severity,
    String subject,
    String title,
    List<AffectedUser> users,
    String nextSync,
    String suggestedAction) {

  public Finding {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(nextSync, "nextSync");
    Objects.requireNonNull(suggestedAction, "suggestedAction");
    users = List.copyOf(users);
  }
}
