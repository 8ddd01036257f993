package io.kb4sync.core.audit;

import static io.kb4sync.core.audit.Wording.lower;

import io.kb4sync.core.audit.AuditReport.CategoryCount;
import io.kb4sync.core.audit.AuditReport.NextSync;
import io.kb4sync.core.audit.AuditReport.Summary;
import io.kb4sync.core.plan.Consent;
import io.kb4sync.core.plan.PlannedManager;
import io.kb4sync.core.plan.SyncPlan;
import io.kb4sync.core.plan.UserRef;
import io.kb4sync.core.training.TrainingSnapshot;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The counts at the top of an audit: its summary, and what the next sync would do. */
final class Totals {
  private Totals() {}

  static Summary summary(AuditFacts facts, List<Finding> findings) {
    Map<Category, List<Finding>> byCategory = new EnumMap<>(Category.class);
    int[] bySeverity = new int[Severity.values().length];
    for (Finding finding : findings) {
      byCategory.computeIfAbsent(finding.category(), k -> new ArrayList<>()).add(finding);
      bySeverity[finding.severity().ordinal()]++;
    }
    List<CategoryCount> categories = new ArrayList<>();
    byCategory.forEach(
        (category, list) -> {
          Set<String> emails = new HashSet<>();
          list.forEach(f -> f.users().forEach(u -> emails.add(lower(u.email()))));
          Severity worst = list.stream().map(Finding::severity).min(Enum::compareTo).orElseThrow();
          categories.add(
              new CategoryCount(category, category.title(), worst, list.size(), emails.size()));
        });
    SyncPlan plan = facts.plan();
    TrainingSnapshot training = facts.training();
    int archived = (int) training.users().stream().filter(u -> !u.active()).count();
    Integer seats = training.seats().isPresent() ? training.seats().getAsInt() : null;
    return new Summary(
        facts.directory().users().size(),
        plan.m365UsersFound(),
        plan.knowbe4UsersFound(),
        archived,
        plan.usersMatched(),
        seats,
        seats == null ? null : plan.knowbe4UsersFound(),
        findings.size(),
        bySeverity[Severity.CRITICAL.ordinal()],
        bySeverity[Severity.WARNING.ordinal()],
        bySeverity[Severity.INFO.ordinal()],
        categories);
  }

  static NextSync nextSync(AuditFacts facts) {
    SyncPlan plan = facts.plan();
    Set<String> updated = new HashSet<>();
    plan.updates().forEach(u -> updated.add(u.knowbe4Id()));
    for (PlannedManager manager : plan.managers()) {
      if (manager.user() instanceof UserRef.Existing existing) {
        updated.add(existing.knowbe4Id());
      }
    }
    return new NextSync(
        facts.context().syncCommand(),
        facts.options().removeStaleUsers(),
        facts.options().syncGroups(),
        plan.creates().size(),
        plan.heldCreates().size(),
        plan.restores().size(),
        updated.size(),
        plan.managers().size(),
        plan.archives().size(),
        plan.stagedArchives().size(),
        plan.staleNotArchived().size(),
        plan.groupsToCreate().size(),
        plan.groupAdditions().size(),
        plan.groupRemovals().size(),
        plan.conflicts().size(),
        consentCommand(facts));
  }

  /** The command that lets the next sync's archives past the threshold guard, or null. */
  private static String consentCommand(AuditFacts facts) {
    int held = StaleFindings.heldForConsent(facts.plan().stagedArchives());
    return held == 0
        ? null
        : Consent.command(facts.context().configPath(), facts.context().companyId(), held);
  }
}
