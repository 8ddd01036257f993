package io.kb4sync.core.directory;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything read from one Microsoft 365 tenant before a sync plans anything.
 *
 * @param users every user the source read (in scope or not: the engine decides scope, and needs the
 *     others to explain why a KnowBe4 user is stale)
 * @param verifiedDomains the tenant's verified domain names, lower-cased
 * @param subscribedSkus the skuPartNumbers the tenant subscribes to (for warnings about filter
 *     entries the tenant does not have)
 * @param complete false when the source knows it could not read everything; the engine then refuses
 *     to archive anything
 */
public record DirectorySnapshot(
    String tenantId,
    List<DirectoryUser> users,
    Set<String> verifiedDomains,
    Set<String> subscribedSkus,
    boolean complete) {

  public DirectorySnapshot {
    Objects.requireNonNull(tenantId, "tenantId");
    users = List.copyOf(users);
    verifiedDomains = Set.copyOf(verifiedDomains);
    subscribedSkus = Set.copyOf(subscribedSkus);
  }
}
