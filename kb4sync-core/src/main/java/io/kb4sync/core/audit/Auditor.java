package io.kb4sync.core.audit;

import io.kb4sync.core.Emails;
import io.kb4sync.core.audit.AuditReport.Summary;
import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.plan.Planner;
import io.kb4sync.core.plan.Scope;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.report.Company;
import io.kb4sync.core.report.Reports;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.training.TrainingSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds how far a KnowBe4 account has drifted from Microsoft 365. Pure: the same snapshots, state
 * and options always give the same audit; nothing is read or written here.
 *
 * <p>Wherever the sync's own plan answers (who would be created, restored, updated or archived,
 * which memberships change, which users conflict) the audit reads it from {@link Planner#plan}, so
 * an audit and the sync that follows can never disagree. The other findings (domains, department
 * mappings, SKUs, seats, mail versus UPN, never-synced users) are read from the same snapshots with
 * the sync's own scope rule ({@link Scope}) and email rule ({@link Emails}).
 *
 * <p>One call a category, in the order of docs/audit.md's table; each family of categories has its
 * own class.
 */
public final class Auditor {
  /** Critical first, then by category (table order), then by subject. */
  private static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::severity)
          .thenComparing(Finding::category)
          .thenComparing(f -> f.subject() == null ? "" : f.subject().toLowerCase(Locale.ROOT))
          .thenComparing(Finding::title);

  private Auditor() {}

  /**
   * Audits one company.
   *
   * @param options the options the company's next sync would run with (the audit plans it as a dry
   *     run)
   */
  public static AuditReport audit(
      Company context,
      Instant startedAt,
      DirectorySnapshot directory,
      TrainingSnapshot training,
      CompanyState state,
      SyncOptions options) {
    AuditFacts facts =
        AuditFacts.of(
            context, directory, training, state, options.toBuilder().dryRun(true).build());
    List<Finding> findings = new ArrayList<>();
    CoverageFindings.missingFromKnowbe4(facts, findings);
    StaleFindings.staleUsers(facts, findings);
    CoverageFindings.archivedButLicensed(facts, findings);
    AttributeFindings.attributeDrift(facts, findings);
    GroupFindings.groupDrift(facts, findings);
    IdentityFindings.conflicts(facts, findings); // conflict, duplicate_email
    StaleFindings.outsideVerifiedDomains(facts, findings);
    GroupFindings.unmappedDepartments(facts, findings);
    LicenseFindings.skusNotInTenant(facts, findings);
    LicenseFindings.seatUsage(facts, findings);
    IdentityFindings.mailUpnMismatch(facts, findings);
    IdentityFindings.neverSynced(facts, findings);
    IdentityFindings.notListedByScim(facts, findings);
    findings.sort(ORDER);
    return new AuditReport(
        context.displayName(),
        context.companyId(),
        Reports.iso(startedAt),
        true,
        0,
        Totals.summary(facts, findings),
        Totals.nextSync(facts),
        findings,
        facts.plan().warnings(),
        List.of());
  }

  /** The audit of a company whose reads failed or came back incomplete (exit 1). */
  public static AuditReport failed(
      Company context, Instant startedAt, String operation, String message) {
    return didNotRun(Outcome.FAILED, context, startedAt, operation, message);
  }

  /** The audit of a company whose configuration does not let it run (exit 2). */
  public static AuditReport configError(Company context, Instant startedAt, String message) {
    return didNotRun(Outcome.CONFIG_ERROR, context, startedAt, "configuration", message);
  }

  private static AuditReport didNotRun(
      Outcome outcome, Company context, Instant startedAt, String operation, String message) {
    return new AuditReport(
        context.displayName(),
        context.companyId(),
        Reports.iso(startedAt),
        false,
        outcome.exitCode(),
        Summary.empty(),
        null,
        List.of(),
        List.of(),
        List.of(new AuditReport.ErrorEntry(operation, message)));
  }
}
