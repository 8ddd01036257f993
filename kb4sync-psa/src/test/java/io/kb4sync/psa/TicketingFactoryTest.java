package io.kb4sync.psa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.notify.Ticketing;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketingFactoryTest {
  private final InMemoryTicketMemory memory = new InMemoryTicketMemory();

  @Test
  void no_type_means_no_ticketing() {
    assertThat(TicketingFactory.create(null, memory, Clock.systemUTC())).isEmpty();
    assertThat(
            TicketingFactory.create(
                new PsaSettings(null, null, null, null, null, null), memory, Clock.systemUTC()))
        .isEmpty();
  }

  @Test
  void the_type_picks_its_section() {
    PsaSettings settings =
        new PsaSettings(
            PsaSettings.Type.CONNECTWISE,
            null,
            null,
            new ConnectWiseSettings(
                "https://api-na.myconnectwise.net/v4_6_release/apis/3.0",
                "msp",
                "pub",
                "priv-123",
                "client",
                null,
                1,
                null,
                null,
                null),
            null,
            null);

    Ticketing ticketing =
        TicketingFactory.create(settings, memory, Clock.systemUTC()).orElseThrow();

    assertThat(ticketing.name()).isEqualTo("ConnectWise");
    assertThat(settings.policy().when())
        .containsExactly(TicketPolicy.Trigger.FAILURE, TicketPolicy.Trigger.GUARD_HOLD);
  }

  @Test
  void a_type_without_its_section_is_a_configuration_error() {
    PsaSettings settings =
        new PsaSettings(PsaSettings.Type.HALO, List.of(), null, null, null, null);

    assertThatThrownBy(() -> TicketingFactory.create(settings, memory, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("psa.halo: missing (psa.type is halo)");
  }

  @Test
  void plain_http_off_loopback_is_refused_and_secrets_stay_out_of_to_string() {
    ConnectWiseSettings cw =
        new ConnectWiseSettings(
            "http://cw.example.com/v4_6_release/apis/3.0",
            "msp",
            "pub",
            "priv-123",
            "client",
            null,
            null,
            null,
            null,
            null);

    assertThatThrownBy(cw::validate)
        .hasMessage(
            "psa.connectwise.url: must use https (plain http is accepted only for loopback hosts)");
    assertThat(cw.toString()).doesNotContain("priv-123");
  }
}
