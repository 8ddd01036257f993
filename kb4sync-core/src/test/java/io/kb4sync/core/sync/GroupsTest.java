package io.kb4sync.core.sync;

import static io.kb4sync.core.testing.Options.options;
import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.report.Report;
import io.kb4sync.core.testing.People;
import io.kb4sync.core.testing.Scenario;
import io.kb4sync.core.training.TrainingGroup;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GroupsTest {
  private static final SyncOptions GROUPS =
      options().defaultGroup("All Users").mapping(Map.of(" sales ", "Sales Team")).build();

  @Test
  void missing_groups_are_created_and_users_join_the_default_and_their_department_group() {
    Scenario scenario =
        new Scenario(
            tenant(m365("ann").department("SALES"), m365("bob").department("Ops")), account());

    Report report = scenario.sync(GROUPS).report();

    assertThat(report.groupsCreated()).containsExactly("All Users", "Sales Team");
    assertThat(report.syncSummary().groupsSynced()).isEqualTo(2);
    assertThat(report.groupChanges().groupAdditions()).isEqualTo(3);
    assertThat(scenario.platform().memberEmails("All Users"))
        .containsExactlyInAnyOrder("ann@acme.example", "bob@acme.example");
    assertThat(scenario.platform().memberEmails("Sales Team")).containsExactly("ann@acme.example");
    assertThat(report.usersCreated())
        .extracting(Report.CreatedUser::email, Report.CreatedUser::knowbe4Group)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ann@acme.example", "Sales Team"),
            org.assertj.core.groups.Tuple.tuple("bob@acme.example", "All Users"));
  }

  @Test
  void
      a_user_who_leaves_a_department_is_removed_from_its_managed_group_but_unmanaged_groups_are_untouched() {
    List<People.Kb4> users = List.of(kb4("ann"), kb4("outsider"));
    List<TrainingGroup> groups =
        List.of(
            new TrainingGroup("g-sales", "sales team", Set.of("kb-ann", "kb-outsider")),
            new TrainingGroup("g-all", "All Users", Set.of("kb-ann")),
            new TrainingGroup("g-phish", "Phish Champions", Set.of("kb-ann")));
    Scenario scenario = new Scenario(tenant(m365("ann").department("Ops")), account(users, groups));

    Report report = scenario.sync(GROUPS).report();

    assertThat(report.groupChanges().groupRemovals()).isEqualTo(1);
    assertThat(report.groupChanges().groupAdditions()).isZero();
    assertThat(scenario.platform().memberEmails("sales team"))
        .containsExactly("outsider@acme.example");
    assertThat(scenario.platform().memberEmails("Phish Champions"))
        .containsExactly("ann@acme.example");
    assertThat(report.groupsCreated()).isEmpty();
  }

  @Test
  void a_group_managed_by_an_earlier_run_stays_managed_after_its_mapping_is_removed() {
    Scenario scenario = new Scenario(tenant(m365("ann").department("Sales")), account());
    scenario.sync(GROUPS);
    assertThat(scenario.platform().memberEmails("Sales Team")).containsExactly("ann@acme.example");

    Report report = scenario.sync(options().defaultGroup("All Users").build()).report();

    assertThat(scenario.platform().memberEmails("Sales Team")).isEmpty();
    assertThat(report.groupChanges().groupRemovals()).isEqualTo(1);
    assertThat(report.syncSummary().groupsSynced()).isEqualTo(2);
  }

  @Test
  void with_sync_groups_false_no_group_is_touched() {
    Scenario scenario = new Scenario(tenant(m365("ann").department("Sales")), account());

    Report report = scenario.sync(options().noGroups().defaultGroup("All Users").build()).report();

    assertThat(scenario.platform().writes()).containsExactly("create ann@acme.example");
    assertThat(report.syncSummary().groupsSynced()).isZero();
    assertThat(report.usersCreated().get(0).knowbe4Group()).isNull();
  }

  @Test
  void two_knowbe4_groups_with_one_name_are_left_alone_with_a_warning() {
    List<TrainingGroup> groups =
        List.of(
            new TrainingGroup("g1", "All Users", Set.of()),
            new TrainingGroup("g2", "all users", Set.of()));
    Scenario scenario = new Scenario(tenant(m365("ann")), account(List.of(kb4("ann")), groups));

    Report report = scenario.sync(options().defaultGroup("All Users").build()).report();

    assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("2 groups named"));
    assertThat(scenario.platform().writes()).isEmpty();
  }
}
