package io.kb4sync.core.state;

import java.util.List;
import java.util.Set;

/**
 * What one real (not dry) run stores, in one transaction.
 *
 * @param links links to insert or replace (keyed by their Microsoft 365 object id)
 * @param managedGroups the complete set of managed group names after the run
 */
public record StateChanges(List<Link> links, Set<String> managedGroups) {
  public StateChanges {
    links = List.copyOf(links);
    managedGroups = Set.copyOf(managedGroups);
  }
}
