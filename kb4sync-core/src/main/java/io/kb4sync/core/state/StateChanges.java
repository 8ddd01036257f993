package io.kb4sync.core.state;

import java.util.List;
import java.util.Set;

/**
 * What one real (not dry) run stores, in one transaction.
 *
 * @param links links to insert or replace (keyed by their Microsoft 365 object id)
 * @param forgottenLinks Microsoft 365 object ids whose links are removed (provisional links of
 *     creates that failed)
 * @param managedGroups the complete set of managed group names after the run
 */
public record StateChanges(
    List<Link> links, Set<String> forgottenLinks, Set<String> managedGroups) {
  public StateChanges {
    links = List.copyOf(links);
    forgottenLinks = Set.copyOf(forgottenLinks);
    managedGroups = Set.copyOf(managedGroups);
  }

  /** Links to store and the managed groups; nothing forgotten. */
  public StateChanges(List<Link> links, Set<String> managedGroups) {
    this(links, Set.of(), managedGroups);
  }
}
