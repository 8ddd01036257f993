package io.kb4sync.app.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.app.SyncInputs;

/**
 * A run asked for through the API, as it waits in the scheduler's row until a node runs it (the
 * task data of a {@code queued-run} row): never a secret.
 */
record QueuedRequest(
    @JsonProperty("company_id") String companyId,
    @JsonProperty("kind") String kind,
    @JsonProperty("dry_run") boolean dryRun,
    @JsonProperty("remove_stale_users") Boolean removeStaleUsers,
    @JsonProperty("approve_held") String approveHeld,
    @JsonProperty("trigger") String trigger) {

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static QueuedRequest fromJson(String json) {
    try {
      return JSON.readValue(json, QueuedRequest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a queued run: " + e.getOriginalMessage(), e);
    }
  }

  SyncInputs inputs() {
    return new SyncInputs(null, null, null, removeStaleUsers, dryRun, null, approveHeld);
  }

  /** The request as one readable line for the run history. */
  String describe() {
    return kind.equals("audit") ? "kind=audit" : "kind=sync " + inputs().describe();
  }
}
