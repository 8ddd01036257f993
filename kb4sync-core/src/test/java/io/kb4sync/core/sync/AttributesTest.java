package io.kb4sync.core.sync;

import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.report.Report;
import io.kb4sync.core.testing.Scenario;
import io.kb4sync.core.training.TrainingUser;
import org.junit.jupiter.api.Test;

class AttributesTest {

  @Test
  void names_departments_and_titles_follow_microsoft_365_and_count_once_per_user() {
    Scenario scenario =
        new Scenario(
            tenant(m365("jo").given("Joanna").surname("Smith").department("Sales").title("Lead")),
            account(kb4("jo").given("Jo").family("Smyth").department("Ops").title("Rep")));

    Report report = scenario.sync().report();

    assertThat(report.syncSummary().usersUpdated()).isEqualTo(1);
    assertThat(report.attributeUpdates().namesUpdated()).isEqualTo(1);
    assertThat(report.attributeUpdates().departmentsUpdated()).isEqualTo(1);
    assertThat(report.attributeUpdates().titlesUpdated()).isEqualTo(1);
    TrainingUser after = scenario.platform().byEmail("jo@acme.example");
    assertThat(after.givenName()).isEqualTo("Joanna");
    assertThat(after.familyName()).isEqualTo("Smith");
    assertThat(after.department()).isEqualTo("Sales");
    assertThat(after.title()).isEqualTo("Lead");
    assertThat(report.userUpdates())
        .singleElement()
        .satisfies(
            u ->
                assertThat(u.changes())
                    .extracting(Report.Change::attribute)
                    .containsExactly("first_name", "last_name", "department", "job_title"));
  }

  @Test
  void a_null_value_in_microsoft_365_clears_the_knowbe4_value() {
    Scenario scenario =
        new Scenario(
            tenant(m365("kim").department(null)), account(kb4("kim").department("Legacy")));

    Report report = scenario.sync().report();

    assertThat(report.attributeUpdates().departmentsUpdated()).isEqualTo(1);
    assertThat(scenario.platform().byEmail("kim@acme.example").department()).isNull();
  }

  @Test
  void the_manager_is_set_by_reference_to_the_managers_knowbe4_user() {
    Scenario scenario =
        new Scenario(
            tenant(m365("boss"), m365("lee").manager("m365-boss")),
            account(kb4("boss"), kb4("lee")));

    Report report = scenario.sync().report();

    assertThat(report.attributeUpdates().managersUpdated()).isEqualTo(1);
    assertThat(scenario.platform().byEmail("lee@acme.example").managerId()).isEqualTo("kb-boss");
    assertThat(report.userUpdates().get(0).changes())
        .containsExactly(new Report.Change("manager", null, "boss@acme.example"));
  }

  @Test
  void a_new_users_manager_is_set_after_both_are_created() {
    Scenario scenario =
        new Scenario(tenant(m365("mo").manager("m365-nat"), m365("nat")), account());

    Report report = scenario.sync().report();

    TrainingUser mo = scenario.platform().byEmail("mo@acme.example");
    TrainingUser nat = scenario.platform().byEmail("nat@acme.example");
    assertThat(mo.managerId()).isEqualTo(nat.id());
    assertThat(report.syncSummary().usersCreated()).isEqualTo(2);
    assertThat(report.attributeUpdates().managersUpdated()).isZero();
    assertThat(report.syncSummary().usersUpdated()).isZero();
  }

  @Test
  void a_new_user_is_created_with_its_new_manager_in_one_write_each() {
    Scenario scenario =
        new Scenario(tenant(m365("mo").manager("m365-nat"), m365("nat")), account());

    scenario.sync();

    assertThat(scenario.platform().writes())
        .containsExactly("create nat@acme.example", "create mo@acme.example");
  }

  @Test
  void new_users_who_manage_each_other_are_created_first_and_linked_after() {
    Scenario scenario =
        new Scenario(
            tenant(m365("ping").manager("m365-pong"), m365("pong").manager("m365-ping")),
            account());

    Report report = scenario.sync().report();

    TrainingUser ping = scenario.platform().byEmail("ping@acme.example");
    TrainingUser pong = scenario.platform().byEmail("pong@acme.example");
    assertThat(ping.managerId()).isEqualTo(pong.id());
    assertThat(pong.managerId()).isEqualTo(ping.id());
    assertThat(report.exitCode()).isZero();
    assertThat(scenario.sync().report().syncSummary().usersUpdated()).isZero();
  }

  @Test
  void the_manager_is_cleared_when_the_microsoft_365_manager_is_out_of_scope() {
    Scenario scenario =
        new Scenario(
            tenant(m365("old").disabled(), m365("pat").manager("m365-old")),
            account(kb4("old"), kb4("pat").manager("kb-old")));

    Report report = scenario.sync().report();

    assertThat(report.attributeUpdates().managersUpdated()).isEqualTo(1);
    assertThat(scenario.platform().byEmail("pat@acme.example").managerId()).isNull();
  }
}
