package io.kb4sync.simulators.knowbe4;

/**
 * How the simulated SCIM server takes the removal of group members. KnowBe4 documents neither form;
 * RFC 7644 §3.5.2.2 (https://www.rfc-editor.org/rfc/rfc7644#section-3.5.2.2) reads a {@code remove}
 * of {@code members} without a filter as "remove all", while Microsoft Entra sends the value-array
 * form by default
 * (https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups).
 */
public enum MemberRemovalMode {
  /**
   * Both {@code members[value eq "id"]} and the value-array form remove exactly the named members.
   */
  BOTH_FORMS,
  /**
   * The filter form is refused (400 invalidPath); the value-array form removes the named members.
   */
  FILTER_REFUSED,
  /**
   * Strict RFC 7644: the filter form works; a value-array remove without a filter empties the
   * group.
   */
  STRICT_RFC,
  /** The filter form is refused and the value-array form empties the group: the worst server. */
  FILTER_REFUSED_STRICT;

  boolean refusesFilter() {
    return this == FILTER_REFUSED || this == FILTER_REFUSED_STRICT;
  }

  boolean valueFormEmpties() {
    return this == STRICT_RFC || this == FILTER_REFUSED_STRICT;
  }
}
