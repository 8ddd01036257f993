package io.kb4sync.core.audit;

import static io.kb4sync.core.testing.Options.options;
import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.plan.Conflict;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.report.Company;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.state.Link;
import io.kb4sync.core.testing.People;
import io.kb4sync.core.testing.People.Kb4;
import io.kb4sync.core.testing.People.M365;
import io.kb4sync.core.testing.Scenario;
import io.kb4sync.core.training.TrainingGroup;
import io.kb4sync.core.training.TrainingSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditorTest {
  static final Company ACME = new Company("1001", "Acme Corp", "/etc/kb4sync.yaml");
  static final String SYNC = "kb4sync sync --config /etc/kb4sync.yaml --company 1001";
  static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

  /** A licensed member whose UPN equals its mail, so no mail/UPN finding gets in the way. */
  static M365 user(String local) {
    return m365(local).upn(local + "@" + People.DOMAIN);
  }

  static AuditReport audit(DirectorySnapshot tenant, TrainingSnapshot account) {
    return audit(tenant, account, CompanyState.empty(), SyncOptions.defaults());
  }

  static AuditReport audit(
      DirectorySnapshot tenant, TrainingSnapshot account, CompanyState state, SyncOptions o) {
    AuditReport report = Auditor.audit(ACME, NOW, tenant, account, state, o);
    AuditSchema.assertValid(report);
    return report;
  }

  static List<Finding> of(AuditReport report, Category category) {
    return report.findings().stream().filter(f -> f.category() == category).toList();
  }

  static Finding only(AuditReport report, Category category) {
    List<Finding> found = of(report, category);
    assertThat(found).as("%s findings in %s", category, report.findings()).hasSize(1);
    return found.get(0);
  }

  static List<String> emails(Finding finding) {
    return finding.users().stream().map(AffectedUser::email).toList();
  }

  static TrainingSnapshot withSeats(TrainingSnapshot account, int seats) {
    return new TrainingSnapshot(account.users(), account.groups(), OptionalInt.of(seats));
  }

  static CompanyState linked(String... locals) {
    Map<String, Link> links = new java.util.HashMap<>();
    for (String local : locals) {
      links.put(
          "m365-" + local,
          new Link(
              "m365-" + local,
              "kb-" + local,
              local + "@" + People.DOMAIN,
              Instant.parse("2026-11-01T06:00:00Z")));
    }
    return new CompanyState(links, Set.of());
  }

  @Test
  void an_account_in_step_with_microsoft_365_has_no_findings_and_a_next_sync_that_does_nothing() {
    AuditReport report =
        audit(
            tenant(user("ann"), user("bob")),
            account(kb4("ann"), kb4("bob")),
            linked("ann", "bob"),
            SyncOptions.defaults());

    assertThat(report.findings()).isEmpty();
    assertThat(report.complete()).isTrue();
    assertThat(report.exitCode()).isZero();
    assertThat(report.nextSync().writesAnything()).isFalse();
    assertThat(report.summary().m365UsersFound()).isEqualTo(2);
    assertThat(report.summary().usersMatched()).isEqualTo(2);
  }

  @Test
  void licensed_users_missing_from_knowbe4_are_a_warning_whose_action_is_the_sync_command() {
    AuditReport report = audit(tenant(user("ann"), user("bob")), account(kb4("ann")));

    Finding missing = only(report, Category.MISSING_FROM_KNOWBE4);
    assertThat(missing.severity()).isEqualTo(Severity.WARNING);
    assertThat(emails(missing)).containsExactly("bob@acme.example");
    assertThat(missing.suggestedAction()).contains(SYNC);
    assertThat(report.nextSync().usersCreated()).isEqualTo(1);
  }

  @Test
  void creates_held_for_lack_of_seats_are_critical_and_the_seat_finding_says_how_many_to_buy() {
    AuditReport report =
        audit(
            tenant(user("ann"), user("bob"), user("cat")),
            withSeats(account(kb4("ann")), 1),
            linked("ann"),
            SyncOptions.defaults());

    List<Finding> missing = of(report, Category.MISSING_FROM_KNOWBE4);
    assertThat(missing)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(emails(f)).containsExactly("bob@acme.example", "cat@acme.example");
            });
    Finding seats = only(report, Category.SEAT_USAGE);
    assertThat(seats.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(seats.title()).isEqualTo("1 of 1 seats in use; 1 after the next sync; 3 needed");
    assertThat(seats.suggestedAction()).startsWith("Buy at least 2 more seats");
    assertThat(report.summary().seats()).isEqualTo(1);
    assertThat(report.summary().seatsUsed()).isEqualTo(1);
  }

  @Test
  void seat_usage_is_info_with_room_left_and_a_warning_from_ninety_percent() {
    AuditReport roomy =
        audit(
            tenant(user("ann")),
            withSeats(account(kb4("ann")), 10),
            linked("ann"),
            SyncOptions.defaults());
    AuditReport tight =
        audit(
            tenant(user("ann")),
            withSeats(account(kb4("ann")), 1),
            linked("ann"),
            SyncOptions.defaults());
    AuditReport unknown = audit(tenant(user("ann")), account(kb4("ann")));

    assertThat(only(roomy, Category.SEAT_USAGE).severity()).isEqualTo(Severity.INFO);
    assertThat(only(tight, Category.SEAT_USAGE).severity()).isEqualTo(Severity.WARNING);
    assertThat(of(unknown, Category.SEAT_USAGE)).isEmpty();
    assertThat(unknown.summary().seats()).isNull();
  }

  @Test
  void stale_users_left_active_carry_their_reason_and_last_sync_and_the_command_to_archive_them() {
    AuditReport report =
        audit(
            tenant(user("ann"), user("old").disabled()),
            account(kb4("ann"), kb4("old")),
            linked("ann", "old"),
            SyncOptions.defaults());

    Finding stale = only(report, Category.STALE_KNOWBE4_USER);
    assertThat(stale.severity()).isEqualTo(Severity.WARNING);
    assertThat(stale.subject()).isEqualTo("left active");
    assertThat(stale.users())
        .containsExactly(
            new AffectedUser(
                "old@acme.example", "Account disabled", null, null, "2026-11-01T06:00:00Z"));
    assertThat(stale.suggestedAction()).contains(SYNC + " --remove-stale-users");
    assertThat(stale.suggestedAction()).doesNotContain("--allow-mass-archive");
    assertThat(report.nextSync().staleLeftAlone()).isEqualTo(1);
  }

  @Test
  void stale_users_the_next_sync_archives_are_a_warning_with_the_archive_in_next_sync() {
    AuditReport report =
        audit(
            tenant(user("ann")),
            account(kb4("ann"), kb4("gone")),
            linked("ann"),
            options().removeStaleUsers().build());

    Finding stale = only(report, Category.STALE_KNOWBE4_USER);
    assertThat(stale.subject()).isEqualTo("to archive");
    assertThat(stale.users())
        .containsExactly(
            new AffectedUser("gone@acme.example", "No longer in M365", null, null, null));
    assertThat(stale.nextSync()).startsWith("archives them");
    assertThat(report.nextSync().usersArchived()).isEqualTo(1);
  }

  @Test
  void archives_a_mass_archive_guard_would_hold_are_critical_with_the_consent_command() {
    List<Kb4> knowbe4 = new ArrayList<>(List.of(kb4("ann")));
    for (int i = 0; i < 6; i++) {
      knowbe4.add(kb4("left" + i));
    }
    AuditReport held =
        audit(
            tenant(user("ann")),
            account(knowbe4, List.of()),
            linked("ann"),
            options().removeStaleUsers().build());
    AuditReport leftAlone =
        audit(
            tenant(user("ann")),
            account(knowbe4, List.of()),
            linked("ann"),
            SyncOptions.defaults());

    Finding staged = only(held, Category.STALE_KNOWBE4_USER);
    assertThat(staged.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(staged.users()).hasSize(6);
    assertThat(staged.suggestedAction())
        .endsWith(SYNC + " --remove-stale-users --allow-mass-archive=6");
    assertThat(held.nextSync().archivesHeld()).isEqualTo(6);
    assertThat(only(leftAlone, Category.STALE_KNOWBE4_USER).suggestedAction())
        .contains(SYNC + " --remove-stale-users --allow-mass-archive");
  }

  @Test
  void archived_users_who_are_licensed_again_are_found_and_the_next_sync_restores_them() {
    AuditReport report = audit(tenant(user("ann")), account(kb4("ann").archived()));

    Finding returning = only(report, Category.ARCHIVED_BUT_LICENSED);
    assertThat(returning.severity()).isEqualTo(Severity.WARNING);
    assertThat(emails(returning)).containsExactly("ann@acme.example");
    assertThat(report.nextSync().usersRestored()).isEqualTo(1);
    assertThat(of(report, Category.MISSING_FROM_KNOWBE4)).isEmpty();
  }

  @Test
  void attribute_drift_is_one_finding_per_field_with_the_knowbe4_and_microsoft_365_values() {
    AuditReport report =
        audit(
            tenant(
                user("boss"),
                user("ann").department("Marketing").title("CFO").manager("m365-boss"),
                user("bob").given("Robert")),
            account(
                kb4("boss"),
                kb4("ann").department("Sales").title("CFO"),
                kb4("bob").email("Bob.Old@acme.example")),
            linked("bob"),
            options().noGroups().build());

    assertThat(of(report, Category.ATTRIBUTE_DRIFT))
        .extracting(Finding::subject)
        .containsExactlyInAnyOrder("department", "email", "first_name", "manager");
    Finding department =
        of(report, Category.ATTRIBUTE_DRIFT).stream()
            .filter(f -> f.subject().equals("department"))
            .findFirst()
            .orElseThrow();
    assertThat(department.severity()).isEqualTo(Severity.INFO);
    assertThat(department.users())
        .containsExactly(new AffectedUser("ann@acme.example", null, "Sales", "Marketing", null));
    Finding email =
        of(report, Category.ATTRIBUTE_DRIFT).stream()
            .filter(f -> f.subject().equals("email"))
            .findFirst()
            .orElseThrow();
    assertThat(email.severity()).isEqualTo(Severity.WARNING);
    assertThat(email.users().get(0).knowbe4Value()).isEqualTo("Bob.Old@acme.example");
    Finding manager =
        of(report, Category.ATTRIBUTE_DRIFT).stream()
            .filter(f -> f.subject().equals("manager"))
            .findFirst()
            .orElseThrow();
    assertThat(manager.users().get(0).m365Value()).isEqualTo("boss@acme.example");
    assertThat(report.nextSync().usersUpdated()).isEqualTo(2);
    assertThat(report.nextSync().managersUpdated()).isEqualTo(1);
  }

  @Test
  void group_drift_names_missing_and_extra_managed_memberships_per_group() {
    TrainingGroup all = new TrainingGroup("g-all", "All Users", Set.of("kb-ann"));
    TrainingGroup sales = new TrainingGroup("g-sales", "Sales Team", Set.of("kb-bob"));
    AuditReport report =
        audit(
            tenant(user("ann").department("Sales"), user("bob").department("Support")),
            account(
                List.of(kb4("ann").department("Sales"), kb4("bob").department("Support")),
                List.of(all, sales)),
            linked("ann", "bob"),
            options().defaultGroup("All Users").mapping(Map.of("Sales", "Sales Team")).build());

    List<Finding> groups = of(report, Category.GROUP_DRIFT);
    assertThat(groups)
        .extracting(Finding::subject, Finding::severity, f -> emails(f))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "All Users", Severity.WARNING, List.of("bob@acme.example")),
            org.assertj.core.groups.Tuple.tuple(
                "Sales Team", Severity.WARNING, List.of("ann@acme.example")),
            org.assertj.core.groups.Tuple.tuple(
                "Sales Team", Severity.INFO, List.of("bob@acme.example")));
    assertThat(report.nextSync().groupAdditions()).isEqualTo(2);
    assertThat(report.nextSync().groupRemovals()).isEqualTo(1);
  }

  @Test
  void a_managed_group_missing_from_knowbe4_is_found_and_new_users_are_not_group_drift() {
    AuditReport report =
        audit(
            tenant(user("ann"), user("new")),
            account(kb4("ann")),
            linked("ann"),
            options().defaultGroup("All Users").build());

    assertThat(of(report, Category.GROUP_DRIFT))
        .extracting(Finding::title)
        .containsExactly(
            "1 user is missing from managed group \"All Users\"",
            "managed group \"All Users\" does not exist in KnowBe4");
    assertThat(of(report, Category.GROUP_DRIFT).get(0).users())
        .extracting(AffectedUser::email)
        .containsExactly("ann@acme.example");
  }

  @Test
  void duplicate_emails_on_either_side_and_ambiguous_matches_are_critical_conflicts() {
    AuditReport report =
        audit(
            tenant(
                user("ann"),
                user("twin").id("m365-twin-1"),
                user("twin").id("m365-twin-2"),
                user("cat").alias("c1@acme.example").alias("c2@acme.example")),
            account(
                kb4("ann").id("kb-ann-1"),
                kb4("ann").id("kb-ann-2"),
                kb4("c1").email("c1@acme.example"),
                kb4("c2").email("c2@acme.example")),
            linked(),
            SyncOptions.defaults());

    List<Finding> duplicates = of(report, Category.DUPLICATE_EMAIL);
    assertThat(duplicates).extracting(Finding::severity).containsOnly(Severity.CRITICAL);
    assertThat(duplicates)
        .extracting(Finding::subject)
        .contains(Conflict.DUPLICATE_KNOWBE4_EMAIL, Conflict.DUPLICATE_M365_EMAIL);
    Finding knowbe4Twins =
        duplicates.stream()
            .filter(f -> f.subject().equals(Conflict.DUPLICATE_KNOWBE4_EMAIL))
            .findFirst()
            .orElseThrow();
    assertThat(knowbe4Twins.users())
        .contains(AffectedUser.of("ann@acme.example", "KnowBe4 user (2 accounts)"));
    // ann's two KnowBe4 users are one conflict, not also an ambiguous match.
    assertThat(of(report, Category.CONFLICT))
        .extracting(Finding::subject)
        .containsOnly(Conflict.AMBIGUOUS_MATCH);
    assertThat(of(report, Category.CONFLICT))
        .noneMatch(f -> emails(f).contains("ann@acme.example"));
    Finding ambiguous =
        of(report, Category.CONFLICT).stream()
            .filter(f -> emails(f).contains("cat@acme.example"))
            .findFirst()
            .orElseThrow();
    assertThat(emails(ambiguous))
        .containsExactly("cat@acme.example", "c1@acme.example", "c2@acme.example");
    assertThat(ambiguous.nextSync()).contains("untouched");
  }

  @Test
  void active_knowbe4_users_outside_the_verified_domains_are_grouped_by_domain() {
    AuditReport report =
        audit(
            tenant(user("ann")),
            account(
                kb4("ann"),
                kb4("pat").email("pat@partner.example"),
                kb4("sam").email("sam@partner.example"),
                kb4("old").email("old@partner.example").archived()),
            linked("ann"),
            options().removeStaleUsers().build());

    Finding outside = only(report, Category.OUTSIDE_VERIFIED_DOMAINS);
    assertThat(outside.subject()).isEqualTo("partner.example");
    assertThat(outside.severity()).isEqualTo(Severity.WARNING);
    assertThat(emails(outside)).containsExactly("pat@partner.example", "sam@partner.example");
    assertThat(of(report, Category.STALE_KNOWBE4_USER)).isEmpty();
  }

  @Test
  void departments_without_a_mapping_are_a_warning_when_the_company_maps_departments() {
    SyncOptions mapped = options().mapping(Map.of("sales ", "Sales Team")).build();
    DirectorySnapshot people =
        tenant(
            user("ann").department("Sales"),
            user("bob").department("Engineering"),
            user("cat").department(" engineering"),
            user("dan"));

    AuditReport report = audit(people, account(), CompanyState.empty(), mapped);
    AuditReport unmappedCompany = audit(people, account());

    Finding engineering = only(report, Category.UNMAPPED_DEPARTMENT);
    assertThat(engineering.severity()).isEqualTo(Severity.WARNING);
    assertThat(engineering.subject()).isEqualTo("Engineering");
    assertThat(emails(engineering)).containsExactly("bob@acme.example", "cat@acme.example");
    assertThat(engineering.suggestedAction())
        .contains("\"Engineering\": \"<KnowBe4 group>\" under knowbe4_department_group_mapping");
    assertThat(of(unmappedCompany, Category.UNMAPPED_DEPARTMENT))
        .extracting(Finding::subject, Finding::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Engineering", Severity.INFO),
            org.assertj.core.groups.Tuple.tuple("Sales", Severity.INFO));
  }

  @Test
  void license_filter_skus_the_tenant_lacks_are_a_warning_and_critical_when_none_exists() {
    AuditReport oneWrong =
        audit(
            tenant(user("ann")),
            account(kb4("ann")),
            linked("ann"),
            options().licenseFilter("SPE_E3", "SPE_E5").build());
    AuditReport allWrong =
        audit(
            tenant(user("ann")),
            account(kb4("ann")),
            linked("ann"),
            options().licenseFilter("SPE_E5").build());

    Finding sku = only(oneWrong, Category.LICENSE_SKU_NOT_IN_TENANT);
    assertThat(sku.subject()).isEqualTo("SPE_E5");
    assertThat(sku.severity()).isEqualTo(Severity.WARNING);
    assertThat(sku.users()).isEmpty();
    assertThat(sku.suggestedAction()).contains("O365_BUSINESS_PREMIUM, SPE_E3");
    assertThat(only(allWrong, Category.LICENSE_SKU_NOT_IN_TENANT).severity())
        .isEqualTo(Severity.CRITICAL);
  }

  @Test
  void a_knowbe4_user_under_the_upn_while_mail_differs_is_a_duplicate_risk() {
    AuditReport report =
        audit(
            tenant(
                m365("ann").upn("ann.old@acme.example").alias("ann.old@acme.example"),
                m365("bob").upn("bob@acme.onmicrosoft.com")),
            account(kb4("ann"), kb4("ann.old").email("ann.old@acme.example"), kb4("bob")),
            linked("ann", "bob"),
            options().removeStaleUsers().build());

    List<Finding> mismatch = of(report, Category.MAIL_UPN_MISMATCH);
    assertThat(mismatch)
        .extracting(Finding::subject, Finding::severity, f -> emails(f))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "KnowBe4 user under the UPN", Severity.WARNING, List.of("ann@acme.example")),
            org.assertj.core.groups.Tuple.tuple(
                "different domains", Severity.INFO, List.of("bob@acme.example")));
    assertThat(mismatch.get(0).users().get(0).knowbe4Value()).isEqualTo("ann.old@acme.example");
    // The sync itself never archives that second account: its address is one of ann's aliases.
    assertThat(of(report, Category.STALE_KNOWBE4_USER)).isEmpty();
  }

  @Test
  void the_user_matched_under_its_upn_is_email_drift_not_a_duplicate() {
    AuditReport report =
        audit(
            tenant(m365("ann").upn("ann.old@acme.example").alias("ann.old@acme.example")),
            account(kb4("ann").email("ann.old@acme.example")),
            linked("ann"),
            SyncOptions.defaults());

    assertThat(of(report, Category.MAIL_UPN_MISMATCH)).isEmpty();
    assertThat(only(report, Category.ATTRIBUTE_DRIFT).subject()).isEqualTo("email");
  }

  @Test
  void users_in_scope_never_seen_by_a_sync_are_found_and_a_first_audit_says_no_sync_ran() {
    AuditReport later =
        audit(
            tenant(user("ann"), user("bob")),
            account(kb4("ann"), kb4("bob")),
            linked("ann"),
            SyncOptions.defaults());
    AuditReport first = audit(tenant(user("ann")), account(kb4("ann")));

    Finding never = only(later, Category.NEVER_SYNCED);
    assertThat(never.severity()).isEqualTo(Severity.INFO);
    assertThat(never.users())
        .containsExactly(AffectedUser.of("bob@acme.example", "has a KnowBe4 user, not linked yet"));
    assertThat(only(first, Category.NEVER_SYNCED).title())
        .startsWith("no sync has run for this company yet");
    assertThat(only(first, Category.NEVER_SYNCED).suggestedAction()).contains(SYNC + " --dry-run");
  }

  @Test
  void findings_are_sorted_critical_first_and_the_summary_counts_them_per_severity_and_category() {
    AuditReport report =
        audit(
            tenant(user("ann"), user("bob"), user("twin").id("t1"), user("twin").id("t2")),
            account(kb4("ann").department("Old"), kb4("gone")),
            linked("ann"),
            SyncOptions.defaults());

    assertThat(report.findings())
        .extracting(Finding::severity)
        .isSortedAccordingTo(Enum::compareTo);
    AuditReport.Summary summary = report.summary();
    assertThat(summary.findings()).isEqualTo(report.findings().size());
    assertThat(summary.critical() + summary.warning() + summary.info())
        .isEqualTo(summary.findings());
    assertThat(summary.critical()).isEqualTo(1);
    assertThat(summary.categories())
        .extracting(AuditReport.CategoryCount::category)
        .containsExactly(
            Category.MISSING_FROM_KNOWBE4,
            Category.STALE_KNOWBE4_USER,
            Category.ATTRIBUTE_DRIFT,
            Category.DUPLICATE_EMAIL,
            Category.NEVER_SYNCED);
    // bob and the twins' one address
    assertThat(summary.categories().get(4).users()).isEqualTo(2);
    assertThat(report.worst()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void what_the_next_sync_would_do_equals_the_dry_run_report_of_the_same_data() {
    TrainingSnapshot account =
        account(
            List.of(
                kb4("ann").department("Old"),
                kb4("ret").archived(),
                kb4("gone"),
                kb4("boss"),
                kb4("bob").manager("kb-ann")),
            List.of(new TrainingGroup("g-all", "All Users", Set.of("kb-gone"))));
    DirectorySnapshot tenant =
        tenant(
            user("ann").department("Sales"),
            user("ret"),
            user("new"),
            user("boss"),
            user("bob").manager("m365-boss"));
    Scenario scenario = new Scenario(tenant, account);
    SyncOptions options = options().removeStaleUsers().defaultGroup("All Users").dryRun().build();

    Report dryRun = scenario.sync(options).report();
    AuditReport audit = audit(tenant, account, scenario.store().load("1001"), options);

    AuditReport.NextSync next = audit.nextSync();
    assertThat(next.usersCreated()).isEqualTo(dryRun.syncSummary().usersCreated());
    assertThat(next.usersRestored()).isEqualTo(dryRun.usersRestored().size());
    assertThat(next.usersUpdated()).isEqualTo(dryRun.syncSummary().usersUpdated());
    assertThat(next.managersUpdated()).isEqualTo(dryRun.attributeUpdates().managersUpdated());
    assertThat(next.usersArchived()).isEqualTo(dryRun.syncSummary().usersArchived());
    assertThat(next.groupAdditions()).isEqualTo(dryRun.groupChanges().groupAdditions());
    assertThat(next.groupRemovals()).isEqualTo(dryRun.groupChanges().groupRemovals());
    assertThat(next.usersCreated()).isEqualTo(1);
    assertThat(next.usersArchived()).isEqualTo(1);
    assertThat(audit.summary().m365UsersFound()).isEqualTo(dryRun.syncSummary().m365UsersFound());
    assertThat(audit.summary().knowbe4UsersFound())
        .isEqualTo(dryRun.syncSummary().knowbe4UsersFound());
    assertThat(audit.summary().usersMatched()).isEqualTo(dryRun.syncSummary().usersMatched());
  }

  @Test
  void the_same_inputs_give_the_same_audit() {
    DirectorySnapshot tenant = tenant(user("ann").department("X"), user("bob"), m365("cat"));
    TrainingSnapshot account = account(kb4("ann"), kb4("gone"), kb4("p").email("p@x.example"));

    assertThat(audit(tenant, account)).isEqualTo(audit(tenant, account));
  }

  @Test
  void a_failed_audit_says_why_and_validates_with_exit_1_and_no_next_sync() {
    AuditReport failed = Auditor.failed(ACME, NOW, "read Microsoft Graph", "401 invalid_client");

    AuditSchema.assertValid(failed);
    assertThat(failed.complete()).isFalse();
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.nextSync()).isNull();
    assertThat(failed.errors())
        .containsExactly(new AuditReport.ErrorEntry("read Microsoft Graph", "401 invalid_client"));
  }

  @Test
  void commands_quote_a_config_path_with_spaces_for_the_shell() {
    Company context = new Company("10 01", null, "/srv/my configs/kb4sync.yaml");

    assertThat(context.syncCommand())
        .isEqualTo("kb4sync sync --config '/srv/my configs/kb4sync.yaml' --company '10 01'");
    assertThat(context.displayName()).isEqualTo("10 01");
    assertThat(new Company("1", null, null).syncCommand())
        .isEqualTo("kb4sync sync --config '<config.yaml>' --company 1");
  }

  @Test
  void usersTheReportingApiListsAndScimDoesNotAreNamedWithTheConsoleToCheck() {
    TrainingSnapshot account = People.account(People.kb4("ann"));
    TrainingSnapshot read =
        new TrainingSnapshot(
            account.users(),
            account.groups(),
            account.seats(),
            java.util.List.of(),
            java.util.List.of("csv@acme.example", "adi@acme.example"));

    Finding finding =
        only(audit(People.tenant(People.m365("ann")), read), Category.NOT_LISTED_BY_SCIM);

    assertThat(emails(finding)).containsExactly("adi@acme.example", "csv@acme.example");
    assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    assertThat(finding.suggestedAction()).contains("SCIM exclusion list");
  }
}
