package io.kb4sync.core.sync;

import static io.kb4sync.core.testing.Options.options;
import static io.kb4sync.core.testing.People.account;
import static io.kb4sync.core.testing.People.kb4;
import static io.kb4sync.core.testing.People.m365;
import static io.kb4sync.core.testing.People.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.report.Report;
import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.testing.Scenario;
import io.kb4sync.core.training.TrainingUser;
import org.junit.jupiter.api.Test;

/**
 * Directory values as Unicode and lengths make them: one person whatever the normal form of their
 * address, no write for the form alone, values cut to KnowBe4's length once (with a warning), and
 * an address too long to hold refused for its user, never cut.
 */
class UnicodeAndLimitsTest {
  /** josé with a precomposed é (U+00E9). */
  static final String NFC = "jos\u00e9@acme.example";

  /** josé with e and a combining acute accent (U+0301). */
  static final String NFD = "jose\u0301@acme.example";

  @Test
  void a_precomposed_knowbe4_address_and_a_decomposed_microsoft_365_one_are_one_person() {
    Scenario scenario =
        new Scenario(
            tenant(m365("jose").mail(NFD), m365("ann")),
            account(kb4("jose").email(NFC), kb4("ann")));

    Report report = scenario.sync(options().removeStaleUsers().build()).report();

    assertThat(report.outcome()).isEqualTo(Outcome.OK);
    assertThat(report.usersCreated()).isEmpty();
    assertThat(report.usersArchived()).isEmpty();
    assertThat(report.syncSummary().usersUpdated()).isZero();
    assertThat(report.syncSummary().usersMatched()).isEqualTo(2);
    assertThat(scenario.platform().writes()).isEmpty();
  }

  @Test
  void a_decomposed_knowbe4_address_and_a_precomposed_microsoft_365_one_are_one_person_too() {
    Scenario scenario =
        new Scenario(tenant(m365("jose").mail(NFC)), account(kb4("jose").email(NFD)));

    scenario.sync(options().removeStaleUsers().build());
    scenario.sync(options().removeStaleUsers().build());

    assertThat(scenario.platform().writes()).isEmpty();
  }

  @Test
  void names_that_differ_only_in_their_unicode_form_are_not_written() {
    Scenario scenario =
        new Scenario(
            tenant(m365("zoe").given("Zoe\u0308").surname("Mu\u0308ller").department("Ve\u0301lo")),
            account(kb4("zoe").given("Zo\u00eb").family("M\u00fcller").department("V\u00e9lo")));

    Report report = scenario.sync().report();

    assertThat(report.syncSummary().usersUpdated()).isZero();
    assertThat(scenario.platform().writes()).isEmpty();
  }

  @Test
  void a_department_longer_than_255_characters_is_cut_with_a_warning_and_written_once() {
    String long300 = "D".repeat(300);
    Scenario scenario =
        new Scenario(
            tenant(m365("kim").department(long300)), account(kb4("kim").department("Sales")));

    Report first = scenario.sync().report();
    Report second = scenario.sync().report();

    assertThat(scenario.platform().byEmail("kim@acme.example").department())
        .isEqualTo("D".repeat(255));
    assertThat(first.attributeUpdates().departmentsUpdated()).isEqualTo(1);
    assertThat(second.syncSummary().usersUpdated()).isZero();
    assertThat(scenario.platform().writes()).containsExactly("update kb-kim");
    for (Report report : new Report[] {first, second}) {
      assertThat(report.warnings())
          .contains(
              "kim@acme.example: department is 300 characters, longer than KnowBe4's 255: sent"
                  + " cut to its first 255");
      assertThat(report.outcome()).isEqualTo(Outcome.OK);
    }
  }

  @Test
  void a_new_user_is_created_with_over_long_values_cut_never_splitting_a_character() {
    String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
    Scenario scenario =
        new Scenario(
            tenant(m365("lee").given(emoji.repeat(300)).title("T".repeat(256))), account());

    Report report = scenario.sync().report();
    Report again = scenario.sync().report();

    TrainingUser lee = scenario.platform().byEmail("lee@acme.example");
    assertThat(lee.givenName()).isEqualTo(emoji.repeat(255));
    assertThat(lee.title()).isEqualTo("T".repeat(255));
    assertThat(report.warnings())
        .anyMatch(w -> w.startsWith("lee@acme.example: first_name is 300 characters"))
        .anyMatch(w -> w.startsWith("lee@acme.example: job_title is 256 characters"));
    assertThat(again.syncSummary().usersUpdated()).isZero();
    assertThat(scenario.platform().writes()).containsExactly("create lee@acme.example");
  }

  @Test
  void an_email_longer_than_254_characters_is_refused_for_that_user_and_never_cut() {
    String longEmail = "a".repeat(250) + "@acme.example";
    Scenario scenario = new Scenario(tenant(m365("long").mail(longEmail), m365("ann")), account());

    Report report = scenario.sync().report();

    assertThat(scenario.platform().writes()).containsExactly("create ann@acme.example");
    assertThat(report.outcome()).isEqualTo(Outcome.PARTIAL);
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.email()).isEqualTo(longEmail);
              assertThat(e.operation()).isEqualTo("create");
              assertThat(e.message())
                  .startsWith("the email address is 263 characters, longer than the 254");
            });
  }

  @Test
  void an_email_change_to_an_address_longer_than_254_characters_is_refused_the_rest_written() {
    String longEmail = "b".repeat(250) + "@acme.example";
    Scenario scenario = new Scenario(tenant(m365("bo").given("Bo")), account(kb4("bo")));
    scenario.sync();
    scenario.tenant(tenant(m365("bo").mail(longEmail).given("Robert")));

    Report report = scenario.sync().report();

    TrainingUser bo = scenario.platform().byEmail("bo@acme.example");
    assertThat(bo.givenName()).isEqualTo("Robert");
    assertThat(report.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.operation()).isEqualTo("update"));
    assertThat(report.attributeUpdates().emailsUpdated()).isZero();
  }
}
