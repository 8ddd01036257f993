package io.kb4sync.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.onboard.PartnerCustomer;
import io.kb4sync.simulators.onboard.MspBook;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The partner listing of {@code companies discover} ({@code GET
 * /v1.0/tenantRelationships/delegatedAdminCustomers}) holds the same contract against Microsoft's
 * documented example (verbatim, {@code delegatedAdminCustomers-list.json}) and against the Graph
 * simulator's book: every customer, every page, its tenant id (lower case) and display name,
 * nothing else read.
 */
class PartnerListingContractTest {
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @Test
  void microsofts_example_gives_both_customers_with_tenant_id_and_display_name() {
    try (ExamplesStub microsoft = ExamplesStub.start()) {
      List<PartnerCustomer> customers =
          new GraphPartnerDirectory(microsoft.settings(), sleeper.options()).customers();

      assertThat(customers)
          .containsExactly(
              new PartnerCustomer("4fdbff88-9d6b-42e0-9713-45c922ba8001", "Contoso Inc"),
              new PartnerCustomer(
                  "1c0fa218-5dec-49db-8247-cfa457af8116", "Contoso subsidiary Inc"));
      assertThat(
              microsoft
                  .log()
                  .count(r -> r.path().equals("/v1.0/tenantRelationships/delegatedAdminCustomers")))
          .isEqualTo(1);
    }
  }

  @Test
  void the_simulators_book_gives_every_customer_across_pages_as_the_partner_tenant_holds_them() {
    try (MspBook book = MspBook.start()) {
      book.graph().customerPageSize(3);
      GraphSettings partner =
          GraphSettings.withSecret(
              MspBook.PARTNER,
              MspBook.APP_CLIENT_ID,
              MspBook.APP_SECRET,
              book.graph().baseUri(),
              book.graph().baseUri());

      List<PartnerCustomer> customers =
          new GraphPartnerDirectory(partner, sleeper.options()).customers();

      Map<String, String> held = book.partner().customers();
      assertThat(customers).hasSize(held.size());
      assertThat(
              customers.stream()
                  .collect(
                      Collectors.toMap(PartnerCustomer::tenantId, PartnerCustomer::displayName)))
          .isEqualTo(held);
      assertThat(customers)
          .extracting(PartnerCustomer::tenantId)
          .allSatisfy(id -> assertThat(id).matches("[0-9a-f-]{36}"));
      int pages = (held.size() + 2) / 3;
      assertThat(
              book.graph()
                  .log()
                  .count(r -> r.path().equals("/v1.0/tenantRelationships/delegatedAdminCustomers")))
          .isEqualTo(pages)
          .isGreaterThan(1);
      assertThat(customers.stream().map(PartnerCustomer::tenantId).distinct().count())
          .isEqualTo(customers.size());
    }
  }
}
