package io.kb4sync.psa;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.onboard.PsaCompany;
import io.kb4sync.http.TokenCache;
import io.kb4sync.simulators.psa.HaloSimulator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HaloPSA client listing of {@code kb4sync companies discover}, against the simulator: both
 * variants of a client (with a {@code website}, without any domain field), inactive ones marked,
 * every page.
 */
class HaloCompaniesTest {
  private final HaloSimulator halo =
      HaloSimulator.start(new HaloSimulator.Credentials("halo-app", "halo-secret-XYZ", "msp"));

  @AfterEach
  void stop() {
    halo.close();
  }

  private HaloTicketing haloPsa() {
    return new HaloTicketing(
        new HaloSettings(
            halo.authUrl(),
            halo.apiUrl(),
            "msp",
            "halo-app",
            "halo-secret-XYZ",
            21,
            1,
            3,
            null,
            null),
        new InMemoryTicketMemory(),
        Fast.options(),
        Clock.fixed(Instant.parse("2026-12-04T08:00:00Z"), ZoneOffset.UTC),
        new Fast.RecordingSleeper(),
        new TokenCache());
  }

  @Test
  void clients_with_and_without_a_website_and_inactive_ones_are_read() {
    halo.client(12, "Northwind Traders Ltd", false, "https://northwind.example")
        .client(13, "Tailspin Toys", false, null)
        .client(14, "Gone Away GmbH", true, "gone.example");

    List<PsaCompany> companies = haloPsa().companies();

    assertThat(companies).extracting(PsaCompany::id).containsExactly("12", "13", "14");
    assertThat(companies.get(0).domains()).containsExactly("northwind.example");
    assertThat(companies.get(1).domains()).isEmpty();
    assertThat(companies.get(2).active()).isFalse();
  }

  @Test
  void a_full_page_is_followed_by_the_next() {
    for (int i = 0; i < HaloTicketing.CLIENT_PAGE + 5; i++) {
      halo.client(100 + i, "Client " + i, false, null);
    }

    assertThat(haloPsa().companies()).hasSize(HaloTicketing.CLIENT_PAGE + 5);
    assertThat(halo.log().count(r -> r.path().equalsIgnoreCase("/api/Client"))).isEqualTo(2);
  }
}
