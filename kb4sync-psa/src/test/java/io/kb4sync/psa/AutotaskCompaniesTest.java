package io.kb4sync.psa;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.onboard.PsaCompany;
import io.kb4sync.simulators.psa.AutotaskSimulator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Autotask company listing of {@code kb4sync companies discover}: active companies with their
 * {@code webAddress} as a domain, every page, against the Autotask simulator.
 */
class AutotaskCompaniesTest {
  private final AutotaskSimulator at =
      AutotaskSimulator.start()
          .company(1001, "Acme Corp", true, "https://www.acme.example/")
          .company(1002, "Müller Maschinenbau GmbH", true, "muller-maschinenbau.example")
          .company(1003, "Fourth Coffee Ltd", true, null)
          .company(1004, "Old Customer Inc", false, "old.example")
          .company(1005, "Wingtip Toys", true, "wingtiptoys.example")
          .company(1006, "Wingtip Toys (duplicate)", true, "http://wingtiptoys.example")
          .companyPageSize(2);

  @AfterEach
  void stop() {
    at.close();
  }

  private AutotaskTicketing autotask() {
    AutotaskSimulator.Credentials c = at.credentials();
    return new AutotaskTicketing(
        new AutotaskSettings(
            null,
            at.discoveryUrl(),
            c.username(),
            c.secret(),
            c.integrationCode(),
            8,
            1,
            2,
            null,
            null,
            null),
        new InMemoryTicketMemory(),
        Fast.options(),
        new Fast.RecordingSleeper());
  }

  @Test
  void active_companies_are_read_across_pages_with_their_web_address_as_domain() {
    List<PsaCompany> companies = autotask().companies();

    assertThat(companies)
        .extracting(PsaCompany::id)
        .containsExactly("1001", "1002", "1003", "1005", "1006");
    assertThat(companies.get(0).domains()).containsExactly("acme.example");
    assertThat(companies.get(2).domains()).isEmpty();
    assertThat(companies.get(4).domains()).containsExactly("wingtiptoys.example");
    assertThat(at.log().count(r -> r.path().endsWith("/Companies/query/next"))).isEqualTo(2);
  }
}
