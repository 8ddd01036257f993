package io.kb4sync.simulators.knowbe4;

import java.time.Instant;
import java.util.List;

/**
 * A read-only copy of one simulated user, for assertions.
 *
 * @param scimId the SCIM {@code id} (opaque string)
 * @param reportingId the Reporting API {@code id} (an integer from a different space)
 * @param managerScimId the SCIM id the enterprise {@code manager.value} points to, or null
 * @param autoEnrolled true for users created through SCIM (KnowBe4 enrols and invites them)
 */
public record UserView(
    String scimId,
    long reportingId,
    String email,
    String givenName,
    String familyName,
    String department,
    String title,
    String managerScimId,
    String externalId,
    boolean active,
    Instant archivedAt,
    boolean autoEnrolled,
    List<String> groups) {}
