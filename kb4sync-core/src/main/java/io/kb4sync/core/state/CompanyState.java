package io.kb4sync.core.state;

import java.util.Map;
import java.util.Set;

/**
 * What the state store remembers of one company between runs.
 *
 * @param links by Microsoft 365 object id
 * @param managedGroups display names of the groups earlier runs managed
 */
public record CompanyState(Map<String, Link> links, Set<String> managedGroups) {
  public CompanyState {
    links = Map.copyOf(links);
    managedGroups = Set.copyOf(managedGroups);
  }

  public static CompanyState empty() {
    return new CompanyState(Map.of(), Set.of());
  }
}
