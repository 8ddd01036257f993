package io.kb4sync.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.state.TenantMapping;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The tenant mappings every {@link StateStore} keeps ({@code kb4sync companies map}): the in-memory
 * store here, and SQLite and PostgreSQL in kb4sync-store, run these same tests.
 */
public abstract class TenantMappingContract {
  protected static final Instant T0 = Instant.parse("2026-12-04T08:00:00.123456Z");
  private static final String GUID = "6babcaad-604b-40ac-a9d7-9fd97c0b779f";

  /** An empty store that only this test uses. */
  protected abstract StateStore emptyStore();

  @Test
  void a_mapping_reads_back_by_company_and_in_the_list_to_the_millisecond() {
    StateStore store = emptyStore();

    store.mapTenant(new TenantMapping("1001", GUID, T0));

    TenantMapping expected =
        new TenantMapping("1001", GUID, Instant.parse("2026-12-04T08:00:00.123Z"));
    assertThat(store.tenantMapping("1001")).contains(expected);
    assertThat(store.tenantMappings()).containsExactly(expected);
  }

  @Test
  void mapping_a_company_again_replaces_its_tenant() {
    StateStore store = emptyStore();
    store.mapTenant(new TenantMapping("1001", "old.onmicrosoft.com", T0));

    store.mapTenant(new TenantMapping("1001", GUID, T0.plusSeconds(60)));

    assertThat(store.tenantMapping("1001").orElseThrow().tenantId()).isEqualTo(GUID);
    assertThat(store.tenantMappings()).hasSize(1);
  }

  @Test
  void unmapping_forgets_the_tenant_and_says_whether_there_was_one() {
    StateStore store = emptyStore();
    store.mapTenant(new TenantMapping("1001", GUID, T0));

    assertThat(store.unmapTenant("1001")).isTrue();
    assertThat(store.unmapTenant("1001")).isFalse();
    assertThat(store.tenantMapping("1001")).isEmpty();
  }

  @Test
  void mappings_are_listed_by_company_id() {
    StateStore store = emptyStore();
    store.mapTenant(new TenantMapping("2002", "b.example", T0));
    store.mapTenant(new TenantMapping("1001", "a.example", T0));

    assertThat(store.tenantMappings())
        .extracting(TenantMapping::companyId)
        .containsExactly("1001", "2002");
  }
}
