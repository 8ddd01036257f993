package io.kb4sync.core.audit;

import static io.kb4sync.core.audit.Wording.count;
import static io.kb4sync.core.audit.Wording.join;

import io.kb4sync.core.plan.PlannedCreate;
import io.kb4sync.core.plan.PlannedRestore;
import io.kb4sync.core.plan.SyncPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is licensed but not in training: {@code missing_from_knowbe4} (the next sync's creates, and
 * those held for lack of seats) and {@code archived_but_licensed} (its restores).
 */
final class CoverageFindings {
  private CoverageFindings() {}

  static void missingFromKnowbe4(AuditFacts facts, List<Finding> found) {
    SyncPlan plan = facts.plan();
    if (!plan.creates().isEmpty()) {
      List<AffectedUser> users = new ArrayList<>();
      for (PlannedCreate create : plan.creates()) {
        users.add(
            new AffectedUser(
                create.user().email(),
                join(
                    ", ",
                    join(" ", create.user().givenName(), create.user().familyName()),
                    create.user().department(),
                    create.groups().isEmpty()
                        ? null
                        : "groups " + String.join(", ", create.groups())),
                null,
                null,
                null));
      }
      found.add(
          new Finding(
              Category.MISSING_FROM_KNOWBE4,
              Severity.WARNING,
              null,
              count(users.size(), "licensed user has", "licensed users have")
                  + " no KnowBe4 user: not enrolled in training",
              users,
              "creates them (KnowBe4 enrols and invites them)",
              "Nothing to change: the next sync creates them. To do it now: "
                  + facts.context().syncCommand()));
    }
    if (!plan.heldCreates().isEmpty()) {
      found.add(
          new Finding(
              Category.MISSING_FROM_KNOWBE4,
              Severity.CRITICAL,
              "held for lack of seats",
              count(plan.heldCreates().size(), "licensed user", "licensed users")
                  + " cannot be created: the KnowBe4 account has too few seats",
              plan.heldCreates().stream().map(h -> AffectedUser.of(h.email(), h.reason())).toList(),
              "holds these creates back (exit 3)",
              "Buy more seats for the KnowBe4 account, or free seats by archiving leavers (see"
                  + " stale_knowbe4_user), then run: "
                  + facts.context().syncCommand()));
    }
  }

  static void archivedButLicensed(AuditFacts facts, List<Finding> found) {
    List<PlannedRestore> restores = facts.plan().restores();
    if (restores.isEmpty()) {
      return;
    }
    found.add(
        new Finding(
            Category.ARCHIVED_BUT_LICENSED,
            Severity.WARNING,
            null,
            count(restores.size(), "archived KnowBe4 user is", "archived KnowBe4 users are")
                + " licensed again in Microsoft 365: not in training",
            restores.stream().map(r -> AffectedUser.of(r.email(), "archived in KnowBe4")).toList(),
            "restores them (the same KnowBe4 user, history kept)",
            "Nothing to change: the next sync restores them. To do it now: "
                + facts.context().syncCommand()));
  }
}
