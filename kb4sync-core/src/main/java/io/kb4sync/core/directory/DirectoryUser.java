package io.kb4sync.core.directory;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One user of the Microsoft 365 tenant, as read from Microsoft Graph. Absent fields are null; only
 * {@code id} and {@code userPrincipalName} are required.
 *
 * @param id the Entra object id (stable across renames)
 * @param licenses skuPartNumbers of the assigned licenses (the adapter resolves skuIds through
 *     subscribedSkus; an skuId the tenant does not list stays as its GUID)
 * @param proxyAddresses raw proxy addresses, e.g. {@code SMTP:a@x.com}, {@code smtp:b@x.com}
 * @param managerId the object id of the user's manager, or null
 */
public record DirectoryUser(
    String id,
    String userPrincipalName,
    String mail,
    String givenName,
    String surname,
    String displayName,
    Boolean accountEnabled,
    String userType,
    Set<String> licenses,
    List<String> proxyAddresses,
    String department,
    String jobTitle,
    String managerId) {

  public DirectoryUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userPrincipalName, "userPrincipalName");
    licenses = licenses == null ? Set.of() : Set.copyOf(licenses);
    proxyAddresses = proxyAddresses == null ? List.of() : List.copyOf(proxyAddresses);
  }

  /** The address the contract uses: {@code mail}, else {@code userPrincipalName}. */
  public String email() {
    return mail != null && !mail.isBlank() ? mail.trim() : userPrincipalName.trim();
  }
}
