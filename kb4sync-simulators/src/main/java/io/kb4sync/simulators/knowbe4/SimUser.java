package io.kb4sync.simulators.knowbe4;

import java.time.Instant;

/** One user of the simulated account: both surfaces (SCIM and Reporting) show this record. */
final class SimUser {
  final String scimId;
  final long reportingId;
  final Instant joinedOn;
  String userName;
  String givenName;
  String familyName;
  String displayName;
  String title;
  String department;
  String division;
  String organization;
  String employeeNumber;
  String managerScimId;
  String externalId;
  String workEmail;
  boolean active = true;
  Instant archivedAt;
  boolean provisioningManaged;
  boolean autoEnrolled;
  Instant lastModified;

  SimUser copy() {
    SimUser c = new SimUser(scimId, reportingId, userName, joinedOn);
    c.givenName = givenName;
    c.familyName = familyName;
    c.displayName = displayName;
    c.title = title;
    c.department = department;
    c.division = division;
    c.organization = organization;
    c.employeeNumber = employeeNumber;
    c.managerScimId = managerScimId;
    c.externalId = externalId;
    c.workEmail = workEmail;
    c.active = active;
    c.archivedAt = archivedAt;
    c.provisioningManaged = provisioningManaged;
    c.autoEnrolled = autoEnrolled;
    c.lastModified = lastModified;
    return c;
  }

  SimUser(String scimId, long reportingId, String userName, Instant joinedOn) {
    this.scimId = scimId;
    this.reportingId = reportingId;
    this.userName = userName;
    this.joinedOn = joinedOn;
    this.lastModified = joinedOn;
  }
}
