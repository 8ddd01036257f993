package io.kb4sync.server.web;

import io.kb4sync.server.Role;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code server.oidc}: sign-in to the dashboard with Microsoft Entra ID (OpenID Connect,
 * authorization code with PKCE).
 *
 * @param tenantId the tenant whose people may sign in (GUID or domain)
 * @param clientId the app registration's application (client) id: the ID token's audience
 * @param clientSecret the app registration's client secret; never logged
 * @param roles for each role, the app role values or group object ids that give it; the highest
 *     role a person's {@code roles} or {@code groups} claim matches wins
 * @param loginUrl the login host, {@value #DEFAULT_LOGIN_URL} unless a test or another cloud says
 *     otherwise
 */
public record EntraSettings(
    String tenantId,
    String clientId,
    String clientSecret,
    Map<Role, List<String>> roles,
    URI loginUrl) {

  public static final String DEFAULT_LOGIN_URL = "https://login.microsoftonline.com";

  public EntraSettings {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Map<Role, List<String>> copy = new EnumMap<>(Role.class);
    roles.forEach((role, ids) -> copy.put(role, List.copyOf(ids)));
    roles = Map.copyOf(copy);
    loginUrl = loginUrl == null ? URI.create(DEFAULT_LOGIN_URL) : loginUrl;
  }

  /** The OpenID discovery document of the tenant. */
  URI discovery() {
    String base = loginUrl.toString().replaceAll("/+$", "");
    return URI.create(base + "/" + tenantId + "/v2.0/.well-known/openid-configuration");
  }

  /** The highest role any of these claim values gives; null when none does. */
  Role roleOf(List<String> claimValues) {
    Role best = null;
    for (Role role : Role.values()) {
      List<String> ids = roles.getOrDefault(role, List.of());
      if (claimValues.stream().anyMatch(ids::contains)) {
        best = role;
      }
    }
    return best;
  }

  /** Without the secret. */
  @Override
  public String toString() {
    return "EntraSettings[tenantId="
        + tenantId
        + ", clientId="
        + clientId
        + ", roles="
        + roles
        + ", loginUrl="
        + loginUrl
        + "]";
  }
}
