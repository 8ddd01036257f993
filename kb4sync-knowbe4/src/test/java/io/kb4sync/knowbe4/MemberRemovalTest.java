package io.kb4sync.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.MemberRemovalMode;
import io.kb4sync.simulators.knowbe4.UserSeed;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, point 1: removing group members on a server of each reading of RFC 7644 §3.5.2.2. The
 * filter form first; the value-array form (Entra's default) only after a 400, proven once per
 * account by reading the group before and after.
 */
class MemberRemovalTest {
  private final KnowBe4Simulator simulator = KnowBe4Simulator.start();

  private static final Predicate<LoggedRequest> GROUP_PATCH =
      r -> r.method().equals("PATCH") && r.path().contains("/Groups/");
  private static final Predicate<LoggedRequest> GROUP_GET =
      r -> r.method().equals("GET") && r.path().matches(".*/Groups/[^/]+$");

  @AfterEach
  void stop() {
    simulator.close();
  }

  private String seed() {
    for (String who : List.of("ann", "bob", "cy", "dee")) {
      simulator.seedUser(UserSeed.of(who + "@acme.example").groups("Sales"));
    }
    return simulator.findGroup("Sales").orElseThrow().scimId();
  }

  private String id(String who) {
    return simulator.findByEmail(who + "@acme.example").orElseThrow().scimId();
  }

  private List<String> members() {
    return simulator.findGroup("Sales").orElseThrow().memberEmails().stream().sorted().toList();
  }

  @Test
  void aServerThatTakesBothFormsGetsTheFilterFormAndLosesOnlyTheNamedMembers() {
    simulator.memberRemoval(MemberRemovalMode.BOTH_FORMS);
    String group = seed();
    KnowBe4Platform platform = Fixtures.scimPlatform(simulator);

    platform.removeMembers(group, List.of(id("ann")));

    assertThat(members())
        .containsExactly("bob@acme.example", "cy@acme.example", "dee@acme.example");
    assertThat(simulator.log().all().stream().filter(GROUP_PATCH).toList())
        .singleElement()
        .satisfies(r -> assertThat(r.body()).contains("members[value eq"));
    assertThat(simulator.log().count(GROUP_GET)).isZero();
  }

  @Test
  void aStrictRfcServerIsNeverSentTheValueFormSoTheGroupKeepsItsOtherMembers() {
    simulator.memberRemoval(MemberRemovalMode.STRICT_RFC);
    String group = seed();

    Fixtures.scimPlatform(simulator).removeMembers(group, List.of(id("ann"), id("bob")));

    assertThat(members()).containsExactly("cy@acme.example", "dee@acme.example");
  }

  @Test
  void aServerThatRefusesTheFilterFormGetsTheValueFormProvenOnceByReadingTheGroupTwice() {
    simulator.memberRemoval(MemberRemovalMode.FILTER_REFUSED);
    String group = seed();
    KnowBe4Platform platform = Fixtures.scimPlatform(simulator);

    platform.removeMembers(group, List.of(id("ann")));
    assertThat(members())
        .containsExactly("bob@acme.example", "cy@acme.example", "dee@acme.example");
    assertThat(simulator.log().count(GROUP_GET)).isEqualTo(2);

    simulator.log().clear();
    platform.removeMembers(group, List.of(id("bob")));
    assertThat(members()).containsExactly("cy@acme.example", "dee@acme.example");
    // Proven: no more reads, and the filter form is not tried again on this account.
    assertThat(simulator.log().count(GROUP_GET)).isZero();
    assertThat(simulator.log().all().stream().filter(GROUP_PATCH).toList())
        .singleElement()
        .satisfies(r -> assertThat(r.body()).contains("\"path\":\"members\""));
  }

  @Test
  void aServerOnWhichTheValueFormEmptiesTheGroupGetsTheOthersBackAndNoFurtherRemovals() {
    simulator.memberRemoval(MemberRemovalMode.FILTER_REFUSED_STRICT);
    String group = seed();
    KnowBe4Platform platform = Fixtures.scimPlatform(simulator);

    assertThatThrownBy(() -> platform.removeMembers(group, List.of(id("ann"))))
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("took 3 other members")
        .hasMessageContaining("added back")
        .hasMessageContaining("RFC 7644");
    assertThat(members())
        .containsExactly("bob@acme.example", "cy@acme.example", "dee@acme.example");

    simulator.log().clear();
    assertThatThrownBy(() -> platform.removeMembers(group, List.of(id("bob"))))
        .hasMessageContaining("removals of group members are stopped on this account");
    assertThat(simulator.log().writes()).isZero();
  }
}
