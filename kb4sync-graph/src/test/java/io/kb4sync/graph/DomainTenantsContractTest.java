package io.kb4sync.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.simulators.onboard.MspBook;
import org.junit.jupiter.api.Test;

/**
 * The domain-to-tenant read of {@code companies discover} ({@code
 * {login}/{domain}/v2.0/.well-known/openid-configuration}, no sign-in) against Microsoft's sample
 * document (v2-protocols-oidc, stored in {@code openid-configuration-sample.txt}; Microsoft writes
 * {@code {tenant}} where the GUID goes) and against the Graph simulator's book: a domain of a
 * tenant gives that tenant's GUID, a domain no tenant has gives none.
 */
class DomainTenantsContractTest {
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @Test
  void microsofts_sample_document_gives_the_tenant_guid_of_its_token_endpoint() {
    try (ExamplesStub microsoft = ExamplesStub.start()) {
      OpenIdDomainTenants tenants = new OpenIdDomainTenants(microsoft.baseUri(), sleeper.options());

      assertThat(tenants.tenantOf("contoso.com")).contains(ExamplesStub.TENANT_ID);
      assertThat(microsoft.log().all())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.path())
                    .isEqualTo("/contoso.com/v2.0/.well-known/openid-configuration");
                assertThat(r.headers().keySet())
                    .noneMatch(k -> k.equalsIgnoreCase("Authorization"));
              });
    }
  }

  @Test
  void the_simulators_book_resolves_verified_and_initial_domains_and_not_unknown_ones() {
    try (MspBook book = MspBook.start()) {
      OpenIdDomainTenants tenants =
          new OpenIdDomainTenants(book.graph().baseUri(), sleeper.options());

      assertThat(tenants.tenantOf("acme.example")).contains(book.tenant("acme").tenantId());
      assertThat(tenants.tenantOf("acme.onmicrosoft.com")).contains(book.tenant("acme").tenantId());
      assertThat(tenants.tenantOf("contoso-msp.example")).contains(book.partner().tenantId());
      assertThat(tenants.tenantOf("litware.example")).isEmpty();
      assertThat(book.graph().tokenRequests()).isZero();
    }
  }
}
