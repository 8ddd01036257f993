package io.kb4sync.core.audit;

import static io.kb4sync.core.audit.Wording.BY_EMAIL;
import static io.kb4sync.core.audit.Wording.blankToNull;
import static io.kb4sync.core.audit.Wording.count;

import io.kb4sync.core.Emails;
import io.kb4sync.core.directory.DirectoryUser;
import io.kb4sync.core.plan.Conflict;
import io.kb4sync.core.state.Link;
import io.kb4sync.core.training.TrainingUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who is whom: {@code conflict} and {@code duplicate_email} (users the sync cannot match, so leaves
 * untouched), {@code mail_upn_mismatch} and {@code never_synced} (in-scope users with no link).
 */
final class IdentityFindings {
  private IdentityFindings() {}

  static void conflicts(AuditFacts facts, List<Finding> found) {
    for (Conflict conflict : facts.plan().conflicts()) {
      boolean duplicate =
          conflict.kind().equals(Conflict.DUPLICATE_KNOWBE4_EMAIL)
              || conflict.kind().equals(Conflict.DUPLICATE_M365_EMAIL);
      Map<String, Integer> seen = new LinkedHashMap<>();
      conflict.m365Users().forEach(e -> seen.merge("m|" + e, 1, Integer::sum));
      conflict.knowbe4Users().forEach(e -> seen.merge("k|" + e, 1, Integer::sum));
      List<AffectedUser> users = new ArrayList<>();
      seen.forEach(
          (key, n) -> {
            String email = key.substring(2);
            String side = key.startsWith("m|") ? "Microsoft 365 user" : "KnowBe4 user";
            users.add(AffectedUser.of(email, n > 1 ? side + " (" + n + " accounts)" : side));
          });
      found.add(
          new Finding(
              duplicate ? Category.DUPLICATE_EMAIL : Category.CONFLICT,
              Severity.CRITICAL,
              conflict.kind(),
              conflict.kind()
                  + ": "
                  + String.join(", ", users.stream().map(AffectedUser::email).distinct().toList()),
              users,
              "leaves these users untouched: no create, update or archive",
              conflictAction(conflict.kind())));
    }
  }

  private static String conflictAction(String kind) {
    if (kind.equals(Conflict.DUPLICATE_KNOWBE4_EMAIL)) {
      return "In the KnowBe4 console, archive or delete the extra KnowBe4 users with this"
          + " email so that one remains; the next sync then matches it";
    }
    if (kind.equals(Conflict.DUPLICATE_M365_EMAIL)) {
      return "In Microsoft 365, give each of these users its own mail address (or remove the"
          + " license from the account that should not train)";
    }
    if (kind.equals(Conflict.AMBIGUOUS_MATCH)) {
      return "The Microsoft 365 user's addresses match several KnowBe4 users: archive or"
          + " delete the extra KnowBe4 users in the console, or remove the stale smtp: alias"
          + " in Microsoft 365";
    }
    return "Several Microsoft 365 users claim one KnowBe4 user (by email or alias): remove the"
        + " alias from the Microsoft 365 user who should not own that address";
  }

  static void mailUpnMismatch(AuditFacts facts, List<Finding> found) {
    Map<String, List<TrainingUser>> knowbe4ByEmail = new HashMap<>();
    for (TrainingUser user : facts.training().users()) {
      String key = Emails.key(user.email());
      if (key != null) {
        knowbe4ByEmail.computeIfAbsent(key, k -> new ArrayList<>(1)).add(user);
      }
    }
    List<AffectedUser> underUpn = new ArrayList<>();
    List<AffectedUser> otherDomain = new ArrayList<>();
    for (DirectoryUser user : facts.inScope()) {
      String mail = blankToNull(user.mail());
      if (mail == null || Emails.same(mail, user.userPrincipalName())) {
        continue;
      }
      String own = facts.matchedKnowbe4Id().get(user.id());
      List<TrainingUser> atUpn =
          knowbe4ByEmail.getOrDefault(Emails.key(user.userPrincipalName()), List.of()).stream()
              .filter(k -> !k.id().equals(own))
              .toList();
      if (!atUpn.isEmpty()) {
        boolean active = atUpn.stream().anyMatch(TrainingUser::active);
        underUpn.add(
            new AffectedUser(
                user.email(),
                "KnowBe4 has another user named by the UPN ("
                    + (active ? "active" : "archived")
                    + ")",
                atUpn.get(0).email(),
                user.email(),
                null));
      } else if (!Objects.equals(Emails.domain(mail), Emails.domain(user.userPrincipalName()))) {
        otherDomain.add(
            new AffectedUser(
                user.email(), "UPN " + user.userPrincipalName().trim(), null, null, null));
      }
    }
    mismatch(
        found,
        underUpn,
        Severity.WARNING,
        "KnowBe4 user under the UPN",
        " a second KnowBe4 user named by the userPrincipalName while mail differs",
        "keeps the user matched by mail; the KnowBe4 user named by the UPN stays a second"
            + " account unless it is stale (see stale_knowbe4_user)",
        "If both are the same person, archive (or delete) the KnowBe4 user named by the UPN"
            + " in the KnowBe4 console so that one account remains; if not, rename one of"
            + " them in Microsoft 365");
    mismatch(
        found,
        otherDomain,
        Severity.INFO,
        "different domains",
        " mail and userPrincipalName in different domains",
        "uses mail, as always",
        "None for kb4sync while mail stays set (without mail the UPN becomes the email, a new"
            + " address). Any other tool that provisions KnowBe4 by UPN would create a second"
            + " user: use one source and one matching attribute");
  }

  private static void mismatch(
      List<Finding> found,
      List<AffectedUser> users,
      Severity severity,
      String subject,
      String whatTheyHave,
      String nextSync,
      String action) {
    if (users.isEmpty()) {
      return;
    }
    users.sort(BY_EMAIL);
    found.add(
        new Finding(
            Category.MAIL_UPN_MISMATCH,
            severity,
            subject,
            count(users.size(), "user has", "users have") + whatTheyHave,
            users,
            nextSync,
            action));
  }

  static void neverSynced(AuditFacts facts, List<Finding> found) {
    Map<String, Link> links = facts.state().links();
    List<AffectedUser> users = new ArrayList<>();
    Set<String> created = new HashSet<>();
    facts.plan().creates().forEach(c -> created.add(c.m365Id()));
    for (DirectoryUser user : facts.inScope()) {
      if (links.containsKey(user.id())) {
        continue;
      }
      String detail =
          facts.matchedKnowbe4Id().containsKey(user.id())
              ? "has a KnowBe4 user, not linked yet"
              : created.contains(user.id())
                  ? "no KnowBe4 user yet"
                  : "not linkable now: see conflicts and held creates";
      users.add(AffectedUser.of(user.email(), detail));
    }
    if (users.isEmpty()) {
      return;
    }
    users.sort(BY_EMAIL);
    boolean first = links.isEmpty();
    String syncCommand = facts.context().syncCommand();
    found.add(
        new Finding(
            Category.NEVER_SYNCED,
            Severity.INFO,
            null,
            first
                ? "no sync has run for this company yet: "
                    + count(users.size(), "user in scope", "users in scope")
                : count(users.size(), "user in scope was", "users in scope were")
                    + " never seen by a sync",
            users,
            "links them to their KnowBe4 users (a real run; a dry run stores nothing)",
            first
                ? "Preview the first sync with "
                    + syncCommand
                    + " --dry-run, then run it without --dry-run"
                : "Check that the daily sync runs; " + syncCommand + " links them"));
  }

  /**
   * Users the Reporting API lists and the SCIM listing does not (docs/knowbe4.md, point 3): the
   * console's SCIM exclusion list, console or CSV users, old ADI users. kb4sync cannot change them,
   * and KnowBe4 may archive users its SCIM source does not send
   * (https://support.knowbe4.com/hc/en-us/articles/360052380374). Needs a Reporting key.
   */
  static void notListedByScim(AuditFacts facts, List<Finding> found) {
    List<String> emails = facts.training().notListedByScim();
    if (emails.isEmpty()) {
      return;
    }
    found.add(
        new Finding(
            Category.NOT_LISTED_BY_SCIM,
            Severity.WARNING,
            null,
            count(emails.size(), "KnowBe4 user", "KnowBe4 users")
                + " the Reporting API lists and SCIM does not",
            emails.stream().sorted().map(AffectedUser::of).toList(),
            "leaves them untouched: kb4sync can only change users SCIM lists",
            "In the KnowBe4 console, check the SCIM exclusion list and users added in the console,"
                + " by CSV or by an old ADI agent; KnowBe4 may archive users its SCIM source does"
                + " not send"));
  }
}
