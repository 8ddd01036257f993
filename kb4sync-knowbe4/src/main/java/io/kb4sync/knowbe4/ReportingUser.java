package io.kb4sync.knowbe4;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A user as the Reporting API shows it ({@code /v1/users}); only the fields the sync uses. Unknown
 * fields are ignored. Ids are Reporting ids, never SCIM ids.
 *
 * @param provisioningManaged {@code provisioning_managed}, or the older {@code adi_manageable}
 *     (also misspelt {@code adi_mangeable} in a community spec)
 * @param groups Reporting group ids; null when the field was absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ReportingUser(
    Long id,
    String email,
    String firstName,
    String lastName,
    String jobTitle,
    String department,
    String managerEmail,
    String status,
    String archivedAt,
    @JsonAlias({"adi_manageable", "adi_mangeable"}) Boolean provisioningManaged,
    List<Long> groups) {}
