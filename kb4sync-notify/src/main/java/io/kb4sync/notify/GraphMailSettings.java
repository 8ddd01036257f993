package io.kb4sync.notify;

import io.kb4sync.http.Urls;

/**
 * {@code notifications.email.graph}: mail sent through Microsoft Graph {@code sendMail} with an app
 * registration in the MSP's own tenant (application permission {@code Mail.Send}).
 *
 * @param tenantId the MSP's tenant (domain or GUID), required
 * @param clientId the app registration, required
 * @param clientSecret a secret (use {@code ${env:...}}), required
 * @param sender the mailbox (UPN or object id) the mail is sent as, required
 * @param graphUrl null for {@code https://graph.microsoft.com}; the client appends {@code
 *     /v1.0/...}
 * @param loginUrl null for {@code https://login.microsoftonline.com}; the client appends {@code
 *     /{tenant}/oauth2/v2.0/token}
 */
public record GraphMailSettings(
    String tenantId,
    String clientId,
    String clientSecret,
    String sender,
    String graphUrl,
    String loginUrl) {

  public static final String DEFAULT_GRAPH_URL = "https://graph.microsoft.com";
  public static final String DEFAULT_LOGIN_URL = "https://login.microsoftonline.com";

  public String effectiveGraphUrl() {
    return graphUrl == null || graphUrl.isBlank() ? DEFAULT_GRAPH_URL : graphUrl;
  }

  public String effectiveLoginUrl() {
    return loginUrl == null || loginUrl.isBlank() ? DEFAULT_LOGIN_URL : loginUrl;
  }

  /** Checks the settings; messages name the key under {@code prefix}, never a secret. */
  public void validate(String prefix) {
    require(tenantId, prefix + ".tenant_id");
    require(clientId, prefix + ".client_id");
    require(clientSecret, prefix + ".client_secret");
    require(sender, prefix + ".sender");
    Urls.endpoint(effectiveGraphUrl(), prefix + ".graph_url");
    Urls.endpoint(effectiveLoginUrl(), prefix + ".login_url");
  }

  private static void require(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + ": missing");
    }
  }

  @Override
  public String toString() {
    return "GraphMailSettings[tenantId="
        + tenantId
        + ", clientId="
        + clientId
        + ", clientSecret=***, sender="
        + sender
        + ", graphUrl="
        + graphUrl
        + ", loginUrl="
        + loginUrl
        + "]";
  }
}
