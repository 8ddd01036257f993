package io.kb4sync.core.execute;

import io.kb4sync.core.plan.SyncPlan;
import java.util.HashSet;
import java.util.Set;

/** The keys of every operation in a plan; a report counts the ones that succeeded. */
public final class Operations {
  private Operations() {}

  public static String group(String name) {
    return "group:" + name.toLowerCase(java.util.Locale.ROOT);
  }

  public static Set<String> keys(SyncPlan plan) {
    Set<String> keys = new HashSet<>();
    plan.groupsToCreate().forEach(g -> keys.add(group(g)));
    plan.creates().forEach(c -> keys.add(c.key()));
    plan.restores().forEach(r -> keys.add(r.key()));
    plan.updates().forEach(u -> keys.add(u.key()));
    plan.managers().forEach(m -> keys.add(m.key()));
    plan.groupAdditions().forEach(a -> keys.add(a.key("add")));
    plan.groupRemovals().forEach(r -> keys.add(r.key("remove")));
    plan.archives().forEach(a -> keys.add(a.key()));
    return keys;
  }
}
