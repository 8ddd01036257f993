package io.kb4sync.graph;

import java.net.URI;
import java.util.Locale;

/**
 * The Microsoft national clouds a tenant can live in. Tokens are not interchangeable across clouds,
 * so the login host and the Graph host always come as a pair (Microsoft Graph "deployments" page).
 */
public enum GraphCloud {
  /** Global service, also Microsoft 365 GCC. */
  GLOBAL("global", "https://login.microsoftonline.com", "https://graph.microsoft.com"),
  /** US Government L4 / GCC High. */
  USGOV("usgov", "https://login.microsoftonline.us", "https://graph.microsoft.us"),
  /** US Government L5 / DoD. */
  USGOV_DOD("usgov-dod", "https://login.microsoftonline.us", "https://dod-graph.microsoft.us"),
  /** China, operated by 21Vianet. */
  CHINA("china", "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn");

  private final String configName;
  private final URI loginUrl;
  private final URI graphUrl;

  GraphCloud(String configName, String loginUrl, String graphUrl) {
    this.configName = configName;
    this.loginUrl = URI.create(loginUrl);
    this.graphUrl = URI.create(graphUrl);
  }

  /** The value of the configuration key {@code cloud}: global, usgov, usgov-dod or china. */
  public String configName() {
    return configName;
  }

  /** The Entra ID sign-in host; the client appends {@code /{tenant}/oauth2/v2.0/token}. */
  public URI loginUrl() {
    return loginUrl;
  }

  /** The Microsoft Graph host; the client appends {@code /v1.0/...}. */
  public URI graphUrl() {
    return graphUrl;
  }

  /**
   * Parses the configuration value of {@code cloud} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the key and the valid values
   */
  public static GraphCloud fromConfig(String value) {
    if (value == null) {
      return GLOBAL;
    }
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    for (GraphCloud cloud : values()) {
      if (cloud.configName.equals(wanted) || cloud.name().equalsIgnoreCase(wanted)) {
        return cloud;
      }
    }
    throw new IllegalArgumentException(
        "cloud: unknown value '" + value + "'; expected global, usgov, usgov-dod or china");
  }
}
