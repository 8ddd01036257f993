package io.kb4sync.core.sync;

import static io.kb4sync.core.testing.Options.options;
import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.plan.Conflict;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.testing.Scenario;
import org.junit.jupiter.api.Test;

class ScopeAndMatchingTest {

  @Test
  void mixed_case_emails_with_blanks_match_the_same_knowbe4_user() {
    Scenario scenario =
        new Scenario(
            tenant(m365("ann").mail("  Ann@ACME.example ")),
            account(kb4("ann").email("ann@acme.EXAMPLE")));

    Report report = scenario.sync().report();

    assertThat(report.syncSummary().usersMatched()).isEqualTo(1);
    assertThat(report.syncSummary().usersCreated()).isZero();
    assertThat(report.syncSummary().usersUpdated()).isZero();
    assertThat(scenario.platform().writes()).isEmpty();
  }

  @Test
  void a_user_without_mail_is_matched_by_user_principal_name() {
    Scenario scenario =
        new Scenario(tenant(m365("bob").mail(null).upn("Bob@acme.example")), account(kb4("bob")));

    assertThat(scenario.sync().report().syncSummary().usersMatched()).isEqualTo(1);
  }

  @Test
  void a_knowbe4_user_is_matched_by_a_proxy_address_and_its_email_follows_microsoft_365() {
    Scenario scenario =
        new Scenario(
            tenant(m365("carol").mail("carol.new@acme.example").alias("carol@acme.example")),
            account(kb4("carol")));

    Report report = scenario.sync().report();

    assertThat(report.syncSummary().usersMatched()).isEqualTo(1);
    assertThat(report.syncSummary().usersCreated()).isZero();
    assertThat(report.attributeUpdates().emailsUpdated()).isEqualTo(1);
    assertThat(scenario.platform().byEmail("carol.new@acme.example").id()).isEqualTo("kb-carol");
  }

  @Test
  void disabled_guest_unlicensed_and_other_sku_users_are_out_of_scope() {
    Scenario scenario =
        new Scenario(
            tenant(
                m365("ann"),
                m365("dis").disabled(),
                m365("guest").guest(),
                m365("nolicense").licenses(),
                m365("othersku").licenses("VISIOCLIENT")),
            account());

    Report report = scenario.sync(options().licenseFilter("spe_e3").build()).report();

    assertThat(report.syncSummary().m365UsersFound()).isEqualTo(1);
    assertThat(report.usersCreated())
        .extracting(Report.CreatedUser::email)
        .containsExactly("ann@acme.example");
  }

  @Test
  void an_empty_license_filter_takes_any_license_but_not_none() {
    Scenario scenario =
        new Scenario(tenant(m365("a").licenses("VISIOCLIENT"), m365("b").licenses()), account());

    Report report = scenario.sync().report();

    assertThat(report.usersCreated())
        .extracting(Report.CreatedUser::email)
        .containsExactly("a@acme.example");
  }

  @Test
  void a_license_filter_sku_the_tenant_lacks_is_named_in_a_warning() {
    Scenario scenario = new Scenario(tenant(m365("a")), account());

    Report report = scenario.sync(options().licenseFilter("SPE_E3", "SPE_E5").build()).report();

    assertThat(report.warnings())
        .anySatisfy(w -> assertThat(w).contains("SPE_E5").contains("O365_BUSINESS_PREMIUM"));
  }

  @Test
  void two_knowbe4_users_with_one_email_are_a_conflict_and_left_untouched() {
    Scenario scenario =
        new Scenario(
            tenant(m365("dup").given("Changed")),
            account(kb4("dup").id("kb-1"), kb4("dup").id("kb-2").email("DUP@acme.example")));

    Report report = scenario.sync(options().removeStaleUsers().build()).report();

    assertThat(report.conflicts())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(Conflict.DUPLICATE_KNOWBE4_EMAIL);
              assertThat(c.m365Users()).containsExactly("dup@acme.example");
              assertThat(c.knowbe4Users()).containsExactly("DUP@acme.example", "dup@acme.example");
            });
    assertThat(report.usersCreated()).isEmpty();
    assertThat(report.usersArchived()).isEmpty();
    assertThat(scenario.platform().writes()).isEmpty();
  }

  @Test
  void two_microsoft_365_users_claiming_one_knowbe4_user_are_a_conflict_and_left_untouched() {
    Scenario shared =
        new Scenario(
            tenant(
                m365("x").mail("same@acme.example"),
                m365("y").mail("other@acme.example").alias("same@acme.example")),
            account(kb4("same")));
    // x matches by email; y has no email match and matches the same user by alias.
    Report report = shared.sync(options().removeStaleUsers().build()).report();

    assertThat(report.conflicts())
        .extracting(Report.ConflictEntry::kind)
        .containsExactly(Conflict.SHARED_MATCH);
    assertThat(report.conflicts().get(0).m365Users())
        .containsExactly("other@acme.example", "same@acme.example");
    assertThat(report.usersCreated()).isEmpty();
    assertThat(report.usersArchived()).isEmpty();
    assertThat(shared.platform().writes()).isEmpty();
  }

  @Test
  void a_second_knowbe4_account_under_an_alias_of_a_matched_user_is_named_and_left_alone() {
    Scenario scenario =
        new Scenario(
            tenant(m365("kai").alias("kai.old@acme.example")), account(kb4("kai"), kb4("kai.old")));

    Report report = scenario.sync(options().removeStaleUsers().build()).report();

    assertThat(report.usersArchived()).isEmpty();
    assertThat(report.warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains("kai.old@acme.example is a second account of kai@acme.example"));
    assertThat(scenario.platform().writes()).isEmpty();
  }

  @Test
  void an_alias_that_points_at_two_knowbe4_users_is_a_conflict() {
    Scenario scenario =
        new Scenario(
            tenant(m365("new").alias("one@acme.example").alias("two@acme.example")),
            account(kb4("one"), kb4("two")));

    Report report = scenario.sync().report();

    assertThat(report.conflicts())
        .extracting(Report.ConflictEntry::kind)
        .containsExactly(Conflict.AMBIGUOUS_MATCH);
    assertThat(report.usersCreated()).isEmpty();
  }

  @Test
  void two_microsoft_365_users_with_one_email_are_a_conflict_and_neither_is_created() {
    Scenario scenario =
        new Scenario(
            tenant(m365("a").mail("x@acme.example"), m365("b").mail("X@acme.example")), account());

    Report report = scenario.sync().report();

    assertThat(report.conflicts())
        .extracting(Report.ConflictEntry::kind)
        .containsExactly(Conflict.DUPLICATE_M365_EMAIL);
    assertThat(report.usersCreated()).isEmpty();
    assertThat(scenario.platform().writes()).isEmpty();
  }

  @Test
  void an_email_change_of_a_linked_user_is_one_update_of_the_same_knowbe4_user() {
    Scenario scenario = new Scenario(tenant(m365("fay")), account(kb4("fay")));
    scenario.sync();
    scenario.tenant(tenant(m365("fay").mail("fay.smith@acme.example")));

    Report report = scenario.sync(options().removeStaleUsers().build()).report();

    assertThat(report.syncSummary().usersUpdated()).isEqualTo(1);
    assertThat(report.attributeUpdates().emailsUpdated()).isEqualTo(1);
    assertThat(report.usersCreated()).isEmpty();
    assertThat(report.usersArchived()).isEmpty();
    assertThat(scenario.platform().writes()).containsExactly("update kb-fay");
    assertThat(scenario.platform().byEmail("fay.smith@acme.example").id()).isEqualTo("kb-fay");
  }

  @Test
  void a_difference_in_letter_case_alone_is_no_change() {
    Scenario scenario =
        new Scenario(tenant(m365("gus").mail("Gus@Acme.Example")), account(kb4("gus")));
    scenario.sync();
    scenario.tenant(tenant(m365("gus").mail("GUS@acme.example")));

    Report report = scenario.sync().report();

    assertThat(report.syncSummary().usersUpdated()).isZero();
    assertThat(scenario.platform().writes()).isEmpty();
  }
}
