package io.kb4sync.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.training.NewUser;
import io.kb4sync.core.training.TrainingUser;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserView;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SCIM contract against our KnowBe4 simulator. */
class SimulatorScimContractTest extends ScimContract {
  private final KnowBe4Simulator simulator = KnowBe4Simulator.start().scimPageCap(25);

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Override
  protected URI scimUrl() {
    return simulator.scimUrl();
  }

  @Override
  protected String token() {
    return simulator.scimToken();
  }

  @Override
  protected int pageCap() {
    return 25;
  }

  @Test
  void mixed_case_addresses_are_found_even_where_the_user_name_filter_is_case_sensitive() {
    simulator.caseSensitiveUserNameFilter(true);

    TrainingUser created =
        platform.create(new NewUser("Case.Sensitive@Acme.Example", null, null, null, null, null));
    TrainingUser again =
        platform.create(new NewUser("CASE.sensitive@acme.EXAMPLE", null, null, null, null, null));

    // Stored lower-cased, so after the 409 the lower-cased lookup finds it even here.
    assertThat(simulator.users())
        .extracting(UserView::email)
        .containsExactly("case.sensitive@acme.example");
    assertThat(again.id()).isEqualTo(created.id());
  }
}
