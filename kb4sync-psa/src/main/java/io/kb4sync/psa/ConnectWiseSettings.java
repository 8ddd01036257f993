package io.kb4sync.psa;

import io.kb4sync.http.Urls;

/**
 * {@code psa.connectwise}: ConnectWise Manage (PSA) REST API 3.0 with an API member's keys.
 *
 * @param url the API base, e.g. {@code https://api-na.myconnectwise.net/v4_6_release/apis/3.0}
 *     (codebase discovery is not done: UNCONFIRMED), required
 * @param companyId the MSP's ConnectWise login company (not a customer), required
 * @param publicKey the API member's public key, required
 * @param privateKey the API member's private key; a secret, required
 * @param clientId the integration's clientId GUID from developer.connectwise.com, required
 * @param apiVersion the {@code version=} of the Accept header; null for {@value #DEFAULT_VERSION}
 * @param boardId service board of new tickets; null leaves it to ConnectWise's default
 * @param statusId status of new tickets; null for the board's default
 * @param typeId ticket type; null for none
 * @param priorityId priority; null for ConnectWise's default
 */
public record ConnectWiseSettings(
    String url,
    String companyId,
    String publicKey,
    String privateKey,
    String clientId,
    String apiVersion,
    Integer boardId,
    Integer statusId,
    Integer typeId,
    Integer priorityId) {

  public static final String DEFAULT_VERSION = "2022.1";

  public String effectiveApiVersion() {
    return apiVersion == null || apiVersion.isBlank() ? DEFAULT_VERSION : apiVersion.trim();
  }

  /** Checks the settings; messages name the key, never a secret. */
  public void validate() {
    Urls.base(url, "psa.connectwise.url");
    require(companyId, "psa.connectwise.company_id");
    require(publicKey, "psa.connectwise.public_key");
    require(privateKey, "psa.connectwise.private_key");
    require(clientId, "psa.connectwise.client_id");
  }

  static void require(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + ": missing");
    }
  }

  @Override
  public String toString() {
    return "ConnectWiseSettings[url="
        + url
        + ", companyId="
        + companyId
        + ", publicKey="
        + publicKey
        + ", privateKey=***, clientId="
        + clientId
        + ", apiVersion="
        + apiVersion
        + ", boardId="
        + boardId
        + ", statusId="
        + statusId
        + ", typeId="
        + typeId
        + ", priorityId="
        + priorityId
        + "]";
  }
}
