package io.kb4sync.core.onboard;

import java.util.Optional;

/** Which Microsoft 365 tenant an internet domain belongs to, from public information only. */
public interface DomainTenants {
  /**
   * @return the tenant id (lower case), or empty when no tenant has the domain
   * @throws io.kb4sync.core.remote.RemoteException when the answer could not be had
   */
  Optional<String> tenantOf(String domain);
}
