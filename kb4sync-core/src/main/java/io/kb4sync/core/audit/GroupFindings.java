package io.kb4sync.core.audit;

import static io.kb4sync.core.audit.Wording.BY_EMAIL;
import static io.kb4sync.core.audit.Wording.blankToNull;
import static io.kb4sync.core.audit.Wording.count;

import io.kb4sync.core.directory.DirectoryUser;
import io.kb4sync.core.plan.MembershipChange;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.plan.UserRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Managed groups, only with {@code sync_groups}: {@code group_drift} (the next sync's group
 * creates, member additions and removals) and {@code unmapped_department}.
 */
final class GroupFindings {
  private GroupFindings() {}

  static void groupDrift(AuditFacts facts, List<Finding> found) {
    if (!facts.options().syncGroups()) {
      return;
    }
    String syncCommand = facts.context().syncCommand();
    for (String group : facts.plan().groupsToCreate()) {
      found.add(
          new Finding(
              Category.GROUP_DRIFT,
              Severity.INFO,
              group,
              "managed group \"" + group + "\" does not exist in KnowBe4",
              List.of(),
              "creates the group",
              "Nothing to change: the next sync creates it. To do it now: " + syncCommand));
    }
    membershipFindings(facts.plan().groupAdditions(), true, syncCommand, found);
    membershipFindings(facts.plan().groupRemovals(), false, syncCommand, found);
  }

  private static void membershipFindings(
      List<MembershipChange> changes, boolean missing, String syncCommand, List<Finding> found) {
    Map<String, List<MembershipChange>> byGroup = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (MembershipChange change : changes) {
      if (change.user() instanceof UserRef.Existing) {
        // A user the next sync creates is missing as a user (missing_from_knowbe4), not as a
        // member: its memberships come with its create.
        byGroup.computeIfAbsent(change.group(), k -> new ArrayList<>()).add(change);
      }
    }
    byGroup.forEach(
        (group, members) ->
            found.add(
                new Finding(
                    Category.GROUP_DRIFT,
                    missing ? Severity.WARNING : Severity.INFO,
                    group,
                    missing
                        ? count(members.size(), "user is", "users are")
                            + " missing from managed group \""
                            + group
                            + "\""
                        : count(members.size(), "user is", "users are")
                            + " in managed group \""
                            + group
                            + "\" but should not be",
                    members.stream()
                        .map(
                            m ->
                                AffectedUser.of(
                                    m.email(), missing ? "missing membership" : "extra membership"))
                        .toList(),
                    missing ? "adds them to the group" : "removes them from the group",
                    (missing
                            ? "Nothing to change: the next sync adds them. "
                            : "Nothing to change if their department moved: the next sync removes"
                                + " them. To keep them, map their department to this group in"
                                + " knowbe4_department_group_mapping. ")
                        + "To do it now: "
                        + syncCommand)));
  }

  static void unmappedDepartments(AuditFacts facts, List<Finding> found) {
    SyncOptions options = facts.options();
    if (!options.syncGroups()) {
      return;
    }
    Set<String> mapped = new HashSet<>();
    options
        .departmentGroupMapping()
        .forEach(
            (department, group) -> {
              if (department != null && group != null && !group.isBlank()) {
                mapped.add(departmentKey(department));
              }
            });
    Map<String, List<DirectoryUser>> byDepartment = new TreeMap<>();
    for (DirectoryUser user : facts.inScope()) {
      if (user.department() == null || user.department().isBlank()) {
        continue;
      }
      String key = departmentKey(user.department());
      if (!mapped.contains(key)) {
        byDepartment.computeIfAbsent(key, k -> new ArrayList<>()).add(user);
      }
    }
    String defaultGroup = blankToNull(options.defaultGroup());
    byDepartment.forEach(
        (key, users) -> {
          String spelling =
              users.stream().map(u -> u.department().trim()).sorted().findFirst().orElse(key);
          List<AffectedUser> affected =
              users.stream()
                  .map(u -> AffectedUser.of(u.email(), u.department().trim()))
                  .sorted(BY_EMAIL)
                  .toList();
          found.add(
              new Finding(
                  Category.UNMAPPED_DEPARTMENT,
                  mapped.isEmpty() ? Severity.INFO : Severity.WARNING,
                  spelling,
                  "department \""
                      + spelling
                      + "\" ("
                      + count(users.size(), "user", "users")
                      + ") has no group mapping",
                  affected,
                  defaultGroup == null
                      ? "puts them in no group"
                      : "puts them in the default group \"" + defaultGroup + "\" only",
                  "Add \""
                      + spelling
                      + "\": \"<KnowBe4 group>\" under knowbe4_department_group_mapping for company "
                      + facts.context().companyId()
                      + " in the configuration (a company's map replaces the defaults' map whole)"));
        });
  }

  private static String departmentKey(String department) {
    return department.trim().toLowerCase(Locale.ROOT);
  }
}
