package io.kb4sync.psa;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.onboard.PsaCompany;
import io.kb4sync.core.onboard.PsaDirectory;
import io.kb4sync.simulators.onboard.MspBook;
import io.kb4sync.simulators.psa.AutotaskSimulator;
import io.kb4sync.simulators.psa.ConnectWiseSimulator;
import io.kb4sync.simulators.psa.HaloSimulator;
import io.kb4sync.simulators.psa.MissingWebsite;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The PSA company listings of {@code companies discover} hold one contract for the three PSAs,
 * against their simulators holding the book's companies ({@link MspBook#PSA_COMPANIES}: duplicates,
 * no website, inactive, the MSP itself): every company with its id, name, whether it is active and
 * its website as a domain. None of the vendors' API references was read for kb4sync, so no vendor
 * example exists to test against; the domain fields are as third parties show them, and each way a
 * PSA may write "no website" ({@link MissingWebsite}: null, key absent, empty) is tried.
 */
class PsaListingContractTest {
  HaloSimulator halo;
  ConnectWiseSimulator connectWise;
  AutotaskSimulator autotask;

  enum Vendor {
    HALO,
    CONNECTWISE,
    AUTOTASK
  }

  PsaDirectory listing(Vendor vendor, MissingWebsite missing) {
    switch (vendor) {
      case HALO -> {
        halo = MspBook.companiesInto(HaloSimulator.start().missingWebsite(missing));
        HaloSimulator.Credentials c =
            new HaloSimulator.Credentials("sim-halo-client", "sim-halo-secret", null);
        return new HaloTicketing(
            new HaloSettings(
                halo.authUrl(),
                halo.apiUrl(),
                null,
                c.clientId(),
                c.clientSecret(),
                1,
                1,
                3,
                null,
                null),
            new InMemoryTicketMemory(),
            Fast.options(),
            Clock.fixed(Instant.parse("2026-12-05T01:00:00Z"), ZoneOffset.UTC),
            new Fast.RecordingSleeper(),
            new io.kb4sync.http.TokenCache());
      }
      case CONNECTWISE -> {
        connectWise = MspBook.companiesInto(ConnectWiseSimulator.start().missingWebsite(missing));
        ConnectWiseSimulator.Credentials c = connectWise.credentials();
        return new ConnectWiseTicketing(
            new ConnectWiseSettings(
                connectWise.apiUrl(),
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
      default -> {
        autotask = MspBook.companiesInto(AutotaskSimulator.start().missingWebsite(missing));
        AutotaskSimulator.Credentials c = autotask.credentials();
        return new AutotaskTicketing(
            new AutotaskSettings(
                null,
                autotask.discoveryUrl(),
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
    }
  }

  /** The book's companies as a listing gives them; Autotask is asked for the active ones only. */
  static List<PsaCompany> expected(Vendor vendor) {
    return MspBook.PSA_COMPANIES.stream()
        .filter(c -> vendor != Vendor.AUTOTASK || c.active())
        .map(
            c ->
                new PsaCompany(
                    String.valueOf(c.id()),
                    c.name(),
                    c.active(),
                    c.website() == null ? List.of() : List.of(c.website())))
        .toList();
  }

  @ParameterizedTest(name = "{0}, each way of writing no website")
  @EnumSource(Vendor.class)
  void every_company_comes_with_its_id_name_active_flag_and_domain(Vendor vendor) {
    for (MissingWebsite missing : MissingWebsite.values()) {
      List<PsaCompany> companies = listing(vendor, missing).companies();

      assertThat(companies)
          .as("%s, %s", vendor, missing)
          .containsExactlyElementsOf(expected(vendor));
      assertThat(companies)
          .filteredOn(c -> c.id().equals("1001"))
          .singleElement()
          .extracting(PsaCompany::domains)
          .isEqualTo(List.of("acme.example"));
      assertThat(companies)
          .filteredOn(c -> c.id().equals("1002"))
          .singleElement()
          .extracting(PsaCompany::domains)
          .isEqualTo(List.of());
      close();
    }
  }

  @AfterEach
  void close() {
    for (AutoCloseable each : new AutoCloseable[] {halo, connectWise, autotask}) {
      if (each != null) {
        try {
          each.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
    halo = null;
    connectWise = null;
    autotask = null;
  }
}
