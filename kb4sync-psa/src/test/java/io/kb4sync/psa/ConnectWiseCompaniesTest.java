package io.kb4sync.psa;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.onboard.PsaCompany;
import io.kb4sync.simulators.psa.ConnectWiseSimulator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ConnectWise company listing of {@code kb4sync companies discover}, against the simulator:
 * every page, the website as a domain, inactive companies marked.
 */
class ConnectWiseCompaniesTest {
  private final ConnectWiseSimulator cw = ConnectWiseSimulator.start();

  @AfterEach
  void stop() {
    cw.close();
  }

  private ConnectWiseTicketing connectWise() {
    ConnectWiseSimulator.Credentials c = cw.credentials();
    return new ConnectWiseTicketing(
        new ConnectWiseSettings(
            cw.apiUrl(),
            c.companyId(),
            c.publicKey(),
            c.privateKey(),
            c.clientId(),
            null,
            7,
            11,
            null,
            3),
        new InMemoryTicketMemory(),
        Fast.options(),
        new Fast.RecordingSleeper());
  }

  @Test
  void companies_are_read_with_their_website_as_domain_and_inactive_ones_marked() {
    cw.company(250, "Acme Corp", "Active", "www.acme.example")
        .company(251, "Café Crème S.A.", "Active", "https://cafe-creme.example/fr")
        .company(252, "Old Customer Inc", "Inactive", "old.example")
        .company(253, "No Website Ltd", "Active", null);

    List<PsaCompany> companies = connectWise().companies();

    assertThat(companies).extracting(PsaCompany::id).containsExactly("250", "251", "252", "253");
    assertThat(companies.get(0).domains()).containsExactly("acme.example");
    assertThat(companies.get(1).domains()).containsExactly("cafe-creme.example");
    assertThat(companies.get(2).active()).isFalse();
    assertThat(companies.get(3).domains()).isEmpty();
  }

  @Test
  void a_full_page_is_followed_by_the_next() {
    for (int i = 0; i < ConnectWiseTicketing.COMPANY_PAGE + 1; i++) {
      cw.company(1000 + i, "Company " + i, "Active", null);
    }

    assertThat(connectWise().companies()).hasSize(ConnectWiseTicketing.COMPANY_PAGE + 1);
    assertThat(cw.log().count(r -> r.path().endsWith("/company/companies"))).isEqualTo(2);
  }
}
