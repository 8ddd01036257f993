package io.kb4sync.psa;

import io.kb4sync.http.Urls;
import java.util.List;

/**
 * {@code psa.halo}: HaloPSA with an API application (client credentials, scope {@code all}).
 *
 * @param authUrl e.g. {@code https://x.halopsa.com/auth}; the client appends {@code /token},
 *     required
 * @param apiUrl e.g. {@code https://x.halopsa.com/api}; the client appends {@code /tickets}, {@code
 *     /actions}, required
 * @param tenant null, or the tenant of multi-tenant hosting ({@code ?tenant=} on the token call)
 * @param clientId required
 * @param clientSecret a secret, required
 * @param tickettypeId {@code tickettype_id} of new tickets, required
 * @param statusId {@code status_id} of new tickets; null for Halo's default
 * @param priorityId {@code priority_id}; null for Halo's default
 * @param teamId {@code team_id}; null for none
 * @param closedStatusIds statuses that mean closed; null for [{@value #DEFAULT_CLOSED_STATUS}]
 *     ("Closed" in a standard instance: UNCONFIRMED; statuses are per instance, {@code GET
 *     /api/Status}, and {@code kb4sync doctor} shows their names)
 * @param noteOutcome the {@code outcome} of the action that adds a note to an open ticket; null for
 *     {@value #DEFAULT_NOTE_OUTCOME}. Outcomes are per instance ({@code GET /api/Outcome}); {@code
 *     kb4sync doctor} shows whether the instance has this one
 */
public record HaloSettings(
    String authUrl,
    String apiUrl,
    String tenant,
    String clientId,
    String clientSecret,
    Integer tickettypeId,
    Integer statusId,
    Integer priorityId,
    Integer teamId,
    List<Integer> closedStatusIds,
    String noteOutcome) {

  public static final int DEFAULT_CLOSED_STATUS = 9;
  public static final String DEFAULT_NOTE_OUTCOME = "Note";

  /** Without a note outcome: {@value #DEFAULT_NOTE_OUTCOME}. */
  public HaloSettings(
      String authUrl,
      String apiUrl,
      String tenant,
      String clientId,
      String clientSecret,
      Integer tickettypeId,
      Integer statusId,
      Integer priorityId,
      Integer teamId,
      List<Integer> closedStatusIds) {
    this(
        authUrl,
        apiUrl,
        tenant,
        clientId,
        clientSecret,
        tickettypeId,
        statusId,
        priorityId,
        teamId,
        closedStatusIds,
        null);
  }

  public HaloSettings {
    closedStatusIds =
        closedStatusIds == null || closedStatusIds.isEmpty()
            ? List.of(DEFAULT_CLOSED_STATUS)
            : List.copyOf(closedStatusIds);
    noteOutcome = noteOutcome == null || noteOutcome.isBlank() ? DEFAULT_NOTE_OUTCOME : noteOutcome;
  }

  /** Checks the settings; messages name the key, never a secret. */
  public void validate() {
    Urls.base(authUrl, "psa.halo.auth_url");
    Urls.base(apiUrl, "psa.halo.api_url");
    ConnectWiseSettings.require(clientId, "psa.halo.client_id");
    ConnectWiseSettings.require(clientSecret, "psa.halo.client_secret");
    if (tickettypeId == null) {
      throw new IllegalArgumentException("psa.halo.tickettype_id: missing");
    }
  }

  @Override
  public String toString() {
    return "HaloSettings[authUrl="
        + authUrl
        + ", apiUrl="
        + apiUrl
        + ", tenant="
        + tenant
        + ", clientId="
        + clientId
        + ", clientSecret=***, tickettypeId="
        + tickettypeId
        + ", statusId="
        + statusId
        + ", priorityId="
        + priorityId
        + ", teamId="
        + teamId
        + ", closedStatusIds="
        + closedStatusIds
        + "]";
  }
}
