package io.kb4sync.core.onboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kb4sync.core.remote.RemoteException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The reads of {@code companies discover} before the matcher: which domains are asked, the partner
 * tenant written as a domain, configured tenants compared as GUIDs, a failed read named.
 */
class DiscoveryTest {
  static final String MSP = "00000000-0000-0000-0000-0000000000aa";
  static final String T1 = "11111111-1111-1111-1111-111111111111";
  static final String T2 = "22222222-2222-2222-2222-222222222222";

  final List<String> asked = new ArrayList<>();
  final Map<String, String> owners =
      Map.of("msp.example", MSP, "acme.example", T1, "beta.onmicrosoft.com", T2);

  DomainTenants domains() {
    return domain -> {
      asked.add(domain);
      return Optional.ofNullable(owners.get(domain));
    };
  }

  @Test
  void only_domains_of_active_unconfigured_companies_are_asked_once_each() {
    Discovery discovery =
        new Discovery(
            () -> List.of(new PartnerCustomer(T1, "Acme")),
            () ->
                List.of(
                    new PsaCompany("1", "Acme", true, List.of("acme.example", "www.acme.example")),
                    new PsaCompany("2", "Acme again", true, List.of("acme.example")),
                    new PsaCompany("3", "Gone", false, List.of("gone.example")),
                    new PsaCompany("4", "Configured", true, List.of("configured.example"))),
            domains());

    Discovery.Result result = discovery.discover(new Discovery.Known(MSP, Map.of("4", T2)));

    assertThat(asked).containsExactly("acme.example");
    assertThat(result.partnerTenantId()).isEqualTo(MSP);
    assertThat(result.proposal().ambiguous()).hasSize(1);
  }

  @Test
  void a_partner_tenant_written_as_a_domain_is_resolved_and_its_domain_is_the_msps() {
    Discovery discovery =
        new Discovery(
            () -> List.of(new PartnerCustomer(MSP, "Contoso MSP")),
            () -> List.of(new PsaCompany("1", "Contoso MSP", true, List.of("msp.example"))),
            domains());

    Discovery.Result result = discovery.discover(new Discovery.Known("MSP.example", Map.of()));

    assertThat(result.partnerTenantId()).isEqualTo(MSP);
    assertThat(result.proposal().skipped()).hasSize(2);
    assertThat(result.proposal().matched()).isEmpty();
  }

  @Test
  void a_partner_domain_no_tenant_has_is_told_as_such() {
    Discovery discovery = new Discovery(List::of, List::of, domains());

    assertThatThrownBy(() -> discovery.discover(new Discovery.Known("nobody.example", Map.of())))
        .isInstanceOf(Discovery.UnknownPartnerTenant.class)
        .hasMessageContaining("nobody.example");
  }

  @Test
  void a_configured_tenant_written_as_a_domain_is_compared_as_its_guid() {
    Discovery discovery =
        new Discovery(
            () -> List.of(new PartnerCustomer(T2, "Beta")),
            () -> List.of(new PsaCompany("9", "Beta", true, List.of())),
            domains());

    Discovery.Result result =
        discovery.discover(new Discovery.Known(MSP, Map.of("1002", "beta.onmicrosoft.com")));

    assertThat(result.proposal().tenantOnly()).isEmpty();
    assertThat(result.proposal().matched()).isEmpty();
    assertThat(result.proposal().psaOnly()).extracting(PsaCompany::id).containsExactly("9");
  }

  @Test
  void a_failed_read_names_what_was_being_read_and_why() {
    Discovery discovery =
        new Discovery(
            () -> {
              throw new RemoteException(
                  RemoteException.Kind.FORBIDDEN,
                  "Microsoft Graph",
                  "Microsoft Graph answered 403");
            },
            List::of,
            domains());

    assertThatThrownBy(() -> discovery.discover(new Discovery.Known(MSP, Map.of())))
        .isInstanceOf(Discovery.ReadFailed.class)
        .hasMessage(
            "reading the GDAP customers of the partner tenant "
                + MSP
                + " failed: Microsoft Graph answered 403");
  }
}
