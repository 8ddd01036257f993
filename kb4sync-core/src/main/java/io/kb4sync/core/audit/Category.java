package io.kb4sync.core.audit;

/**
 * The kinds of drift an audit looks for, in the order a document lists them. Written in documents
 * as {@link #id()} (docs/audit.md has the table of categories, severities and actions).
 */
public enum Category {
  MISSING_FROM_KNOWBE4("missing_from_knowbe4", "Licensed users missing from KnowBe4"),
  STALE_KNOWBE4_USER("stale_knowbe4_user", "Stale KnowBe4 users"),
  ARCHIVED_BUT_LICENSED("archived_but_licensed", "Archived users who are licensed again"),
  ATTRIBUTE_DRIFT("attribute_drift", "Attribute drift"),
  GROUP_DRIFT("group_drift", "Group drift"),
  CONFLICT("conflict", "Conflicts"),
  DUPLICATE_EMAIL("duplicate_email", "Duplicate emails"),
  OUTSIDE_VERIFIED_DOMAINS(
      "outside_verified_domains", "Active KnowBe4 users outside the verified domains"),
  UNMAPPED_DEPARTMENT("unmapped_department", "Departments with no group mapping"),
  LICENSE_SKU_NOT_IN_TENANT("license_sku_not_in_tenant", "License filter SKUs the tenant lacks"),
  SEAT_USAGE("seat_usage", "Seat usage"),
  MAIL_UPN_MISMATCH("mail_upn_mismatch", "Mail and UPN differ"),
  NEVER_SYNCED("never_synced", "Users never seen by a sync"),
  NOT_LISTED_BY_SCIM("not_listed_by_scim", "KnowBe4 users SCIM does not list");

  private final String id;
  private final String title;

  Category(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** The document spelling, e.g. {@code missing_from_knowbe4}. */
  public String id() {
    return id;
  }

  /** A heading for people, e.g. {@code Licensed users missing from KnowBe4}. */
  public String title() {
    return title;
  }

  @Override
  public String toString() {
    return id;
  }
}
