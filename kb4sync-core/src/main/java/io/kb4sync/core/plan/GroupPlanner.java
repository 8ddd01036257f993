package io.kb4sync.core.plan;

import io.kb4sync.core.training.TrainingGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans group work. A user's groups are the default group plus the group mapped from its
 * department. Managed groups are the default group, the mapped groups and any group managed by an
 * earlier run that still exists. Only in-scope, matched (or created) users are added to or removed
 * from managed groups; no other membership and no other group is ever touched.
 */
final class GroupPlanner {

  /** A user whose memberships are reconciled. */
  record Member(UserRef ref, String email, String department, Set<String> currentGroupIds) {}

  /** The group work of one run. */
  record GroupPlan(
      List<String> toCreate,
      List<MembershipChange> additions,
      List<MembershipChange> removals,
      Set<String> managed,
      int reconciled,
      List<String> warnings) {}

  private final String defaultGroup;
  private final Map<String, String> mapping = new HashMap<>();

  GroupPlanner(String defaultGroup, Map<String, String> departmentGroupMapping) {
    this.defaultGroup = blankToNull(defaultGroup);
    departmentGroupMapping.forEach(
        (department, group) -> {
          if (department != null && blankToNull(group) != null) {
            mapping.put(key(department), group.trim());
          }
        });
  }

  /** The groups a user with this department belongs to, default group first. */
  List<String> groupsFor(String department) {
    List<String> groups = new ArrayList<>(2);
    String mapped = mappedGroup(department);
    if (defaultGroup != null) {
      groups.add(defaultGroup);
    }
    if (mapped != null && (defaultGroup == null || !key(mapped).equals(key(defaultGroup)))) {
      groups.add(mapped);
    }
    return groups;
  }

  /** The group mapped from a department, or null. */
  String mappedGroup(String department) {
    return department == null ? null : mapping.get(key(department));
  }

  /** The mapped department group, else the default group, else null. */
  String primaryGroup(String department) {
    String mapped = mappedGroup(department);
    return mapped != null ? mapped : defaultGroup;
  }

  GroupPlan plan(
      List<TrainingGroup> existing, Set<String> previouslyManaged, List<Member> members) {
    List<String> warnings = new ArrayList<>();
    Map<String, List<TrainingGroup>> byName = new HashMap<>();
    for (TrainingGroup group : existing) {
      byName.computeIfAbsent(key(group.displayName()), k -> new ArrayList<>(1)).add(group);
    }

    Map<String, String> configured = new LinkedHashMap<>();
    if (defaultGroup != null) {
      configured.put(key(defaultGroup), defaultGroup);
    }
    mapping.values().stream().sorted().forEach(g -> configured.putIfAbsent(key(g), g));

    // name key -> display name of every managed group; the group itself when it exists.
    Map<String, String> managedNames = new TreeMap<>(configured);
    for (String name : previouslyManaged) {
      if (byName.containsKey(key(name))) {
        managedNames.putIfAbsent(key(name), name);
      }
    }
    Map<String, TrainingGroup> managed = new TreeMap<>();
    List<String> toCreate = new ArrayList<>();
    for (Map.Entry<String, String> entry : managedNames.entrySet()) {
      List<TrainingGroup> found = byName.get(entry.getKey());
      if (found == null) {
        toCreate.add(entry.getValue());
      } else if (found.size() > 1) {
        warnings.add(
            "KnowBe4 has "
                + found.size()
                + " groups named \""
                + entry.getValue()
                + "\": their memberships are left alone until one remains");
      } else {
        managed.put(entry.getKey(), found.get(0));
      }
    }

    List<MembershipChange> additions = new ArrayList<>();
    List<MembershipChange> removals = new ArrayList<>();
    for (Member member : members) {
      Map<String, String> wanted = new HashMap<>();
      for (String group : groupsFor(member.department())) {
        wanted.put(key(group), group);
      }
      for (Map.Entry<String, TrainingGroup> entry : managed.entrySet()) {
        TrainingGroup group = entry.getValue();
        boolean isMember = member.currentGroupIds().contains(group.id());
        boolean shouldBe = wanted.containsKey(entry.getKey());
        if (shouldBe && !isMember) {
          additions.add(
              new MembershipChange(group.displayName(), group.id(), member.ref(), member.email()));
        } else if (!shouldBe && isMember) {
          removals.add(
              new MembershipChange(group.displayName(), group.id(), member.ref(), member.email()));
        }
      }
      for (String name : toCreate) {
        if (wanted.containsKey(key(name))) {
          additions.add(new MembershipChange(name, null, member.ref(), member.email()));
        }
      }
    }
    Comparator<MembershipChange> order =
        Comparator.comparing((MembershipChange c) -> key(c.group()))
            .thenComparing(c -> c.email().toLowerCase(Locale.ROOT))
            .thenComparing(c -> c.user().key());
    additions.sort(order);
    removals.sort(order);
    Set<String> managedAfter = new java.util.TreeSet<>(managedNames.values());
    return new GroupPlan(
        toCreate, additions, removals, managedAfter, managed.size() + toCreate.size(), warnings);
  }

  static String key(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
