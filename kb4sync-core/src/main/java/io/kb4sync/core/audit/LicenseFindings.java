package io.kb4sync.core.audit;

import io.kb4sync.core.plan.SyncPlan;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Licenses and seats: {@code license_sku_not_in_tenant} (license filter SKUs the tenant lacks) and
 * {@code seat_usage} (only when the seats are known).
 */
final class LicenseFindings {
  /** Seat usage at or above this share (in percent) of the seats is a warning. */
  static final int SEATS_WARNING_PERCENT = 90;

  private LicenseFindings() {}

  static void skusNotInTenant(AuditFacts facts, List<Finding> found) {
    Set<String> tenant = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    tenant.addAll(facts.directory().subscribedSkus());
    List<String> filter =
        facts.options().licenseFilter().stream()
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .distinct()
            .toList();
    List<String> missing = filter.stream().filter(s -> !tenant.contains(s)).sorted().toList();
    boolean none = !filter.isEmpty() && missing.size() == filter.size();
    String has = tenant.isEmpty() ? "none" : String.join(", ", new TreeSet<>(tenant));
    for (String sku : missing) {
      found.add(
          new Finding(
              Category.LICENSE_SKU_NOT_IN_TENANT,
              none ? Severity.CRITICAL : Severity.WARNING,
              sku,
              "license filter names "
                  + sku
                  + ", which the tenant does not subscribe to"
                  + (none ? ": no user can be in scope" : ""),
              List.of(),
              none
                  ? "finds no user in scope (and holds every archive back)"
                  : "ignores this entry of the filter",
              "Remove "
                  + sku
                  + " from knowbe4_sync_license_filter or correct its spelling (the tenant has: "
                  + has
                  + ")"));
    }
  }

  static void seatUsage(AuditFacts facts, List<Finding> found) {
    if (facts.training().seats().isEmpty()) {
      return;
    }
    SyncPlan plan = facts.plan();
    int seats = facts.training().seats().getAsInt();
    int used = plan.knowbe4UsersFound();
    int after = used + plan.creates().size() + plan.restores().size() - plan.archives().size();
    int needed = after + plan.heldCreates().size();
    Severity severity;
    String action;
    if (needed > seats) {
      severity = Severity.CRITICAL;
      action =
          "Buy at least "
              + (needed - seats)
              + " more seats for the KnowBe4 account, or free seats by archiving leavers (see"
              + " stale_knowbe4_user)";
    } else if ((long) after * 100 >= (long) SEATS_WARNING_PERCENT * seats) {
      severity = Severity.WARNING;
      action = "Plan more seats: fewer than " + (100 - SEATS_WARNING_PERCENT) + "% will be free";
    } else {
      severity = Severity.INFO;
      action = "None";
    }
    found.add(
        new Finding(
            Category.SEAT_USAGE,
            severity,
            null,
            used
                + " of "
                + seats
                + " seats in use; "
                + after
                + " after the next sync"
                + (needed > seats ? "; " + needed + " needed" : ""),
            List.of(),
            plan.heldCreates().isEmpty()
                ? "uses " + after + " of " + seats + " seats"
                : "fills the seats and holds " + plan.heldCreates().size() + " creates back",
            action));
  }
}
