package io.kb4sync.simulators.knowbe4;

import java.util.Set;

/** A read-only copy of one simulated group, members by email (lower-cased). */
public record GroupView(
    String scimId, long reportingId, String displayName, Set<String> memberEmails) {}
