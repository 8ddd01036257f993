package io.kb4sync.psa;

import io.kb4sync.http.Urls;

/**
 * {@code psa.autotask}: Autotask REST with an API-only user.
 *
 * @param zoneUrl e.g. {@code https://webservices5.autotask.net/atservicesrest}; null to discover it
 *     (once per run) through ZoneInformation
 * @param discoveryUrl where zone discovery starts; null for {@value #DEFAULT_DISCOVERY_URL}
 * @param username the API user, required
 * @param secret the API user's secret; a secret, required
 * @param integrationCode the API tracking identifier ({@code ApiIntegrationCode}), required
 * @param queueId queue of new tickets (picklist id of the instance), required
 * @param statusId status of new tickets; null for the status picklist's value labelled "New"
 * @param priorityId priority of new tickets; null for the priority picklist's default value
 * @param completeStatusId the status that means closed; null for the status picklist's value
 *     labelled "Complete". Picklist ids are per instance: they are read from {@code GET
 *     /v1.0/Tickets/entityInformation/fields}
 *     (https://ww1.autotask.net/help/DeveloperHelp/Content/APIs/General/Picklists.htm), never
 *     assumed
 * @param noteTypeId TicketNote {@code noteType}; null for 1 (UNCONFIRMED default)
 * @param notePublishId TicketNote {@code publish}; null for 1, "All Autotask Users" (UNCONFIRMED)
 */
public record AutotaskSettings(
    String zoneUrl,
    String discoveryUrl,
    String username,
    String secret,
    String integrationCode,
    Integer queueId,
    Integer statusId,
    Integer priorityId,
    Integer completeStatusId,
    Integer noteTypeId,
    Integer notePublishId) {

  public static final String DEFAULT_DISCOVERY_URL =
      "https://webservices.autotask.net/atservicesrest";

  public String effectiveDiscoveryUrl() {
    return discoveryUrl == null || discoveryUrl.isBlank() ? DEFAULT_DISCOVERY_URL : discoveryUrl;
  }

  public int effectiveNoteTypeId() {
    return noteTypeId == null ? 1 : noteTypeId;
  }

  public int effectiveNotePublishId() {
    return notePublishId == null ? 1 : notePublishId;
  }

  /** Checks the settings; messages name the key, never a secret. */
  public void validate() {
    if (zoneUrl != null && !zoneUrl.isBlank()) {
      Urls.base(zoneUrl, "psa.autotask.zone_url");
    }
    Urls.base(effectiveDiscoveryUrl(), "psa.autotask.discovery_url");
    ConnectWiseSettings.require(username, "psa.autotask.username");
    ConnectWiseSettings.require(secret, "psa.autotask.secret");
    ConnectWiseSettings.require(integrationCode, "psa.autotask.integration_code");
    if (queueId == null) {
      throw new IllegalArgumentException("psa.autotask.queue_id: missing");
    }
  }

  @Override
  public String toString() {
    return "AutotaskSettings[zoneUrl="
        + zoneUrl
        + ", discoveryUrl="
        + discoveryUrl
        + ", username="
        + username
        + ", secret=***, integrationCode=***, queueId="
        + queueId
        + ", statusId="
        + statusId
        + ", priorityId="
        + priorityId
        + ", completeStatusId="
        + completeStatusId
        + ", noteTypeId="
        + noteTypeId
        + ", notePublishId="
        + notePublishId
        + "]";
  }
}
