package io.kb4sync.knowbe4;

import static io.kb4sync.core.training.Attribute.DEPARTMENT;
import static io.kb4sync.core.training.Attribute.EMAIL;
import static io.kb4sync.core.training.Attribute.FAMILY_NAME;
import static io.kb4sync.core.training.Attribute.GIVEN_NAME;
import static io.kb4sync.core.training.Attribute.MANAGER;
import static io.kb4sync.core.training.Attribute.TITLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.Emails;
import io.kb4sync.core.training.AttributeChange;
import io.kb4sync.core.training.NewUser;
import io.kb4sync.core.training.TrainingGroup;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour the SCIM side of {@link KnowBe4Platform} promises, run against every SCIM server we
 * have: our KnowBe4 simulator and an independent SCIM 2.0 implementation. Each subclass only
 * supplies the server.
 */
abstract class ScimContract {

  protected abstract URI scimUrl();

  protected abstract String token();

  /** The most users the server returns per page, whatever count asks. */
  protected abstract int pageCap();

  /**
   * Whether the server decodes JSON escapes ({@code \"}, {@code \\}) in filter values, as RFC 7644
   * §3.4.2.2 requires. scim-sdk-server 1.27.1 does not (its grammar takes the raw characters).
   */
  protected boolean decodesFilterEscapes() {
    return true;
  }

  protected KnowBe4Platform platform;

  @BeforeEach
  void connect() {
    platform = Fixtures.scimPlatform(scimUrl(), token());
  }

  /** Addresses that break naive filters or comparisons. */
  protected List<String> trickyEmails() {
    List<String> emails =
        new ArrayList<>(
            List.of(
                "o'brien+kb4@acme.example",
                "Mixed.Case.Person@Acme.Example",
                "jürgen.müller@bücher.example",
                "şükrü+çelik@örnek.example"));
    if (decodesFilterEscapes()) {
      emails.add("\"quoted\"@acme.example");
      emails.add("\"back\\\\slash\"@acme.example");
    }
    return emails;
  }

  private static NewUser newUser(String email) {
    return new NewUser(email, "Given", "Family", "Sales", "Engineer", "m365-" + email.hashCode());
  }

  private TrainingUser reread(String id) {
    return platform.read().users().stream()
        .filter(u -> u.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("user " + id + " is not listed"));
  }

  @Test
  void created_user_carries_every_attribute_and_is_active() {
    TrainingUser created =
        platform.create(new NewUser("ann.lee@acme.example", "Ann", "Lee", "Sales", "Rep", "x-1"));

    assertThat(created.id()).isNotBlank();
    assertThat(reread(created.id()))
        .isEqualTo(
            new TrainingUser(
                created.id(), "ann.lee@acme.example", "Ann", "Lee", "Sales", "Rep", null, true));
  }

  @Test
  void tricky_emails_round_trip_through_create_filter_and_patch() {
    for (String email : trickyEmails()) {
      TrainingUser created = platform.create(newUser(email));
      assertThat(Emails.same(created.email(), email)).as(email).isTrue();

      String otherCase = email.toUpperCase(Locale.ROOT);
      assertThat(platform.findUser(otherCase).map(TrainingUser::id))
          .as("found as %s", otherCase)
          .contains(created.id());

      String renamed = "renamed." + email;
      platform.update(created.id(), List.of(new AttributeChange(EMAIL, email, renamed)));
      assertThat(platform.findUser(renamed).map(TrainingUser::id))
          .as(renamed)
          .contains(created.id());
      assertThat(platform.findUser(email)).as("old address %s", email).isEmpty();
    }
  }

  @Test
  void reading_lists_every_user_across_server_capped_pages() {
    int count = pageCap() * 2 + 7;
    Set<String> created = new java.util.HashSet<>();
    for (int i = 0; i < count; i++) {
      created.add(platform.create(newUser("paged" + i + "@acme.example")).id());
    }

    TrainingSnapshot snapshot = platform.read();

    assertThat(snapshot.users())
        .extracting(TrainingUser::id)
        .containsExactlyInAnyOrderElementsOf(created);
    assertThat(snapshot.seats()).isEmpty();
  }

  @Test
  void creating_an_existing_user_again_returns_it_instead_of_a_duplicate() {
    TrainingUser first = platform.create(newUser("twice@acme.example"));

    TrainingUser second = platform.create(newUser("Twice@ACME.example"));

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(platform.read().users()).hasSize(1);
  }

  @Test
  void each_attribute_is_replaced_and_then_cleared() {
    TrainingUser manager = platform.create(newUser("boss@acme.example"));
    TrainingUser user = platform.create(newUser("worker@acme.example"));

    platform.update(
        user.id(),
        List.of(
            new AttributeChange(GIVEN_NAME, "Given", "Gina"),
            new AttributeChange(FAMILY_NAME, "Family", "Fox"),
            new AttributeChange(DEPARTMENT, "Sales", "Support"),
            new AttributeChange(TITLE, "Engineer", "Lead"),
            new AttributeChange(MANAGER, null, manager.id())));
    assertThat(reread(user.id()))
        .isEqualTo(
            new TrainingUser(
                user.id(),
                "worker@acme.example",
                "Gina",
                "Fox",
                "Support",
                "Lead",
                manager.id(),
                true));

    platform.update(
        user.id(),
        List.of(
            new AttributeChange(GIVEN_NAME, "Gina", null),
            new AttributeChange(FAMILY_NAME, "Fox", null),
            new AttributeChange(DEPARTMENT, "Support", null),
            new AttributeChange(TITLE, "Lead", null),
            new AttributeChange(MANAGER, manager.id(), null)));
    assertThat(reread(user.id()))
        .isEqualTo(
            new TrainingUser(user.id(), "worker@acme.example", null, null, null, null, null, true));
  }

  @Test
  void clearing_an_attribute_that_is_already_empty_is_harmless() {
    TrainingUser user =
        platform.create(new NewUser("bare@acme.example", "Bo", null, null, null, null));

    platform.update(
        user.id(),
        List.of(
            new AttributeChange(TITLE, null, null),
            new AttributeChange(MANAGER, null, null),
            new AttributeChange(GIVEN_NAME, "Bo", "Bob")));

    TrainingUser after = reread(user.id());
    assertThat(after.givenName()).isEqualTo("Bob");
    assertThat(after.title()).isNull();
  }

  @Test
  void archiving_and_restoring_keep_the_same_user() {
    TrainingUser user = platform.create(newUser("leaver@acme.example"));

    platform.setActive(user.id(), false);
    assertThat(reread(user.id()).active()).isFalse();

    platform.setActive(user.id(), true);
    TrainingUser restored = reread(user.id());
    assertThat(restored.active()).isTrue();
    assertThat(restored.givenName()).isEqualTo("Given");
    assertThat(platform.read().users()).hasSize(1);
  }

  @Test
  void groups_are_created_found_and_their_membership_changes() {
    TrainingUser a = platform.create(newUser("a@acme.example"));
    TrainingUser b = platform.create(newUser("b@acme.example"));
    TrainingUser c = platform.create(newUser("c@acme.example"));

    TrainingGroup group = platform.createGroup("Sales Team");
    assertThat(group.displayName()).isEqualTo("Sales Team");
    assertThat(group.memberIds()).isEmpty();
    assertThat(platform.createGroup("Sales Team").id()).as("existing group").isEqualTo(group.id());

    platform.addMembers(group.id(), List.of(a.id(), b.id(), c.id()));
    assertThat(members(group.id())).containsExactlyInAnyOrder(a.id(), b.id(), c.id());

    platform.removeMembers(group.id(), List.of(b.id(), c.id()));
    assertThat(members(group.id())).containsExactly(a.id());

    // Removing someone no longer there (a retry after a lost answer) changes nothing.
    platform.removeMembers(group.id(), List.of(b.id()));
    assertThat(members(group.id())).containsExactly(a.id());
  }

  private Set<String> members(String groupId) {
    return platform.read().groups().stream()
        .filter(g -> g.id().equals(groupId))
        .flatMap(g -> g.memberIds().stream())
        .collect(Collectors.toSet());
  }
}
