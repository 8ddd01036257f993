package io.kb4sync.simulators.knowbe4;

import java.util.LinkedHashSet;
import java.util.Set;

/** One group of the simulated account; members are SCIM user ids. */
final class SimGroup {
  final String scimId;
  final long reportingId;
  String displayName;
  String externalId;
  final Set<String> memberScimIds = new LinkedHashSet<>();

  SimGroup copy() {
    SimGroup c = new SimGroup(scimId, reportingId, displayName);
    c.externalId = externalId;
    c.memberScimIds.addAll(memberScimIds);
    return c;
  }

  SimGroup(String scimId, long reportingId, String displayName) {
    this.scimId = scimId;
    this.reportingId = reportingId;
    this.displayName = displayName;
  }
}
