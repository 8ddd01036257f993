package io.kb4sync.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import io.kb4sync.simulators.http.LoggedRequest;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserSeed;
import io.kb4sync.simulators.knowbe4.UserView;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 4: SCIM user pages after the first are read at once (at most 4 in flight), with
 * every completeness check; a listing that moves while it is paged is read again in turn.
 */
class ScimPagesTest {
  private static final int USERS = 1_050;
  private static final Predicate<LoggedRequest> USER_PAGES =
      r -> r.path().endsWith("/Users") && r.query().containsKey("startIndex");

  private final KnowBe4Simulator simulator = KnowBe4Simulator.start();
  private Map<String, String> scimIdByEmail;

  @BeforeEach
  void seed() {
    for (int n = 0; n < USERS; n++) {
      simulator.seedUser(
          UserSeed.of("user" + n + "@acme.example").named("User", "N" + n).groups("All Users"));
    }
    scimIdByEmail =
        simulator.users().stream().collect(Collectors.toMap(UserView::email, UserView::scimId));
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private Map<String, String> idsByEmail(TrainingSnapshot read) {
    return read.users().stream().collect(Collectors.toMap(TrainingUser::email, TrainingUser::id));
  }

  @Test
  void pages_read_at_once_give_every_user_once_in_one_request_per_page() {
    TrainingSnapshot read = Fixtures.scimPlatform(simulator).read();

    assertThat(idsByEmail(read)).isEqualTo(scimIdByEmail);
    // ⌈1,050 / 100⌉ = 11 pages, none asked twice, and no page past the total.
    assertThat(simulator.log().count(USER_PAGES)).isEqualTo(11);
    assertThat(
            simulator.log().all().stream()
                .filter(USER_PAGES)
                .map(r -> r.query().get("startIndex").get(0))
                .distinct()
                .count())
        .isEqualTo(11);
  }

  @Test
  void a_listing_that_shifts_while_paged_is_read_again_in_turn_and_comes_out_right() {
    simulator.shiftListingPages(1);

    TrainingSnapshot read = Fixtures.scimPlatform(simulator).read();

    assertThat(idsByEmail(read)).isEqualTo(scimIdByEmail);
    assertThat(simulator.log().count(USER_PAGES)).as("11 at once, then 11 in turn").isEqualTo(22);
  }

  @Test
  void a_listing_that_keeps_shifting_fails_the_read_as_incomplete() {
    simulator.shiftListingPages(1_000);

    assertThatThrownBy(() -> Fixtures.scimPlatform(simulator).read())
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("came twice");
    // 11 at once; in turn, the second page repeats a user of the first and ends the read.
    assertThat(simulator.log().count(USER_PAGES)).isEqualTo(11 + 2);
    assertThat(simulator.log().writes()).isZero();
  }

  @Test
  void a_listing_capped_short_of_its_total_fails_the_read_as_before() {
    simulator.capListing(1_000, false);

    assertThatThrownBy(() -> Fixtures.scimPlatform(simulator).read())
        .isInstanceOf(RemoteException.class)
        .hasMessageContaining("incomplete");
  }
}
