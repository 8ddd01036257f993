package io.kb4sync.core.audit;

import static io.kb4sync.core.audit.Wording.BY_EMAIL;
import static io.kb4sync.core.audit.Wording.count;
import static io.kb4sync.core.audit.Wording.join;

import io.kb4sync.core.Emails;
import io.kb4sync.core.plan.Consent;
import io.kb4sync.core.plan.PlannedArchive;
import io.kb4sync.core.plan.Planner;
import io.kb4sync.core.plan.StagedArchive;
import io.kb4sync.core.plan.StaleAction;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.plan.SyncPlan;
import io.kb4sync.core.report.Reports;
import io.kb4sync.core.training.TrainingUser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Active KnowBe4 users no in-scope Microsoft 365 user accounts for: {@code stale_knowbe4_user}
 * (archived by the next sync, held by a safety guard, or left active) and {@code
 * outside_verified_domains} (never archived by kb4sync).
 */
final class StaleFindings {
  private StaleFindings() {}

  static void staleUsers(AuditFacts facts, List<Finding> found) {
    SyncPlan plan = facts.plan();
    String syncCommand = facts.context().syncCommand();
    boolean delete = plan.staleAction() == StaleAction.DELETE;
    if (!plan.archives().isEmpty()) {
      found.add(
          new Finding(
              Category.STALE_KNOWBE4_USER,
              Severity.WARNING,
              delete ? "to delete" : "to archive",
              count(plan.archives().size(), "active KnowBe4 user has", "active KnowBe4 users have")
                  + " no licensed Microsoft 365 user",
              plan.archives().stream().map(StaleFindings::staleUser).toList(),
              delete
                  ? "deletes them (knowbe4_stale_action: delete)"
                  : "archives them (history kept, seat freed)",
              "Nothing to change: the next sync "
                  + (delete ? "deletes" : "archives")
                  + " them. To do it now: "
                  + syncCommand));
    }
    Map<String, List<StagedArchive>> byGuard = new TreeMap<>();
    for (StagedArchive staged : plan.stagedArchives()) {
      byGuard.computeIfAbsent(staged.heldBy(), k -> new ArrayList<>()).add(staged);
    }
    byGuard.forEach(
        (guard, staged) ->
            found.add(
                new Finding(
                    Category.STALE_KNOWBE4_USER,
                    Severity.CRITICAL,
                    "held by a safety guard",
                    count(staged.size(), "stale KnowBe4 user", "stale KnowBe4 users")
                        + " would be held back by a safety guard: "
                        + guard,
                    staged.stream().map(s -> staleUser(s.archive())).toList(),
                    "holds these archives back (exit 4): " + guard,
                    consentAction(staged, syncCommand))));
    if (!plan.staleNotArchived().isEmpty()) {
      found.add(
          new Finding(
              Category.STALE_KNOWBE4_USER,
              Severity.WARNING,
              "left active",
              count(
                      plan.staleNotArchived().size(),
                      "active KnowBe4 user has",
                      "active KnowBe4 users have")
                  + " no licensed Microsoft 365 user and keep a seat",
              plan.staleNotArchived().stream().map(StaleFindings::staleUser).toList(),
              "leaves them active: remove_stale_users is false",
              "Check the list; to archive them run: "
                  + removeStaleCommand(facts)
                  + " (or set knowbe4_remove_stale_users: true for this company in the"
                  + " configuration, or archive them in the KnowBe4 console)"));
    }
  }

  /**
   * The command that archives the stale users: with {@code --allow-mass-archive} when the threshold
   * guard would hold them back (the planner is asked, not second-guessed).
   */
  private static String removeStaleCommand(AuditFacts facts) {
    SyncOptions removing = facts.options().toBuilder().removeStaleUsers(true).dryRun(true).build();
    SyncPlan removal = Planner.plan(facts.directory(), facts.training(), facts.state(), removing);
    int held = heldForConsent(removal.stagedArchives());
    return facts.context().syncCommand()
        + " --remove-stale-users"
        + (held > 0 ? " " + Consent.flag(held) : "");
  }

  /** How many of these held archives a person's consent would release. */
  static int heldForConsent(List<StagedArchive> staged) {
    return (int) staged.stream().filter(s -> s.guard().yieldsToConsent()).count();
  }

  private static String consentAction(List<StagedArchive> staged, String syncCommand) {
    int held = heldForConsent(staged);
    if (held > 0) {
      return "Check the list; if these users really left, give consent: "
          + syncCommand
          + " --remove-stale-users "
          + Consent.flag(held);
    }
    return "Check the license filter and the licenses in Microsoft 365: no command lifts this"
        + " guard; archives run once the guard no longer applies";
  }

  private static AffectedUser staleUser(PlannedArchive archive) {
    return new AffectedUser(
        archive.email(), archive.reason(), null, null, Reports.iso(archive.lastM365Sync()));
  }

  static void outsideVerifiedDomains(AuditFacts facts, List<Finding> found) {
    Set<String> matched = new HashSet<>(facts.matchedKnowbe4Id().values());
    Set<String> verified = facts.directory().verifiedDomains();
    Map<String, List<AffectedUser>> byDomain = new TreeMap<>();
    for (TrainingUser user : facts.training().users()) {
      String domain = Emails.domain(user.email());
      if (!user.active()
          || matched.contains(user.id())
          || (domain != null && verified.contains(domain))) {
        continue;
      }
      byDomain
          .computeIfAbsent(domain == null ? "(no domain)" : domain, k -> new ArrayList<>())
          .add(AffectedUser.of(user.email(), join(" ", user.givenName(), user.familyName())));
    }
    byDomain.forEach(
        (domain, users) -> {
          users.sort(BY_EMAIL);
          found.add(
              new Finding(
                  Category.OUTSIDE_VERIFIED_DOMAINS,
                  Severity.WARNING,
                  domain,
                  count(users.size(), "active KnowBe4 user is", "active KnowBe4 users are")
                      + " in "
                      + domain
                      + ", not a verified domain of the tenant",
                  users,
                  "leaves them alone: kb4sync archives only users in the tenant's verified domains",
                  "Check in the KnowBe4 console whether they still need training and archive them"
                      + " there if not; if the domain belongs to the company, verify it in"
                      + " Microsoft 365"));
        });
  }
}
