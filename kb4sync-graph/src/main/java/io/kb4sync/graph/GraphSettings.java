package io.kb4sync.graph;

import io.kb4sync.http.Urls;
import java.net.URI;
import java.nio.file.Path;

/**
 * How to reach one customer tenant: the {@code m365} block of a company in the configuration file.
 * Exactly one credential: {@code clientSecret}, or a PKCS#12 {@code certificatePath} (with its
 * optional {@code certificatePassword}).
 *
 * <p>Bound from the configuration file as it is: a component in camelCase is the key in snake_case,
 * and each key's default is here. {@link #toString()} never shows the secret or the certificate
 * password.
 *
 * @param tenantId the tenant GUID or one of its domains, e.g. {@code acme.onmicrosoft.com}; null
 *     while unresolved (the app fills it from the state store's mapping before any request: see
 *     {@link #hasTenant()})
 * @param clientId the application (client) id of the multi-tenant app
 * @param clientSecret the client secret, or null when a certificate is used
 * @param certificatePath a PKCS#12 file holding the private key and certificate, or null
 * @param certificatePassword the PKCS#12 password, or null for none
 * @param cloud the national cloud; null means {@link GraphCloud#GLOBAL}
 * @param graphUrl overrides the cloud's Graph host (key {@code graph_url}); nullable
 * @param loginUrl overrides the cloud's login host (key {@code login_url}); nullable
 */
public record GraphSettings(
    String tenantId,
    String clientId,
    String clientSecret,
    Path certificatePath,
    String certificatePassword,
    GraphCloud cloud,
    URI graphUrl,
    URI loginUrl) {

  /**
   * @throws IllegalArgumentException with one line starting with the configuration key at fault
   *     (none when the problem is the pair of credentials)
   */
  public GraphSettings {
    if (tenantId != null && tenantId.isBlank()) {
      tenantId = null;
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("client_id: is required");
    }
    tenantId = tenantId == null ? null : tenantId.trim();
    // It becomes a path segment of the token URL: a GUID or a domain name, nothing else.
    if (tenantId != null && !tenantId.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
      throw new IllegalArgumentException(
          "tenant_id: '" + tenantId + "' is neither a tenant GUID nor a domain name");
    }
    clientId = clientId.trim();
    boolean hasSecret = clientSecret != null && !clientSecret.isEmpty();
    if (hasSecret == (certificatePath != null)) {
      throw new IllegalArgumentException("set exactly one of client_secret and certificate_path");
    }
    if (!hasSecret) {
      clientSecret = null;
    }
    cloud = cloud == null ? GraphCloud.GLOBAL : cloud;
    graphUrl = graphUrl == null ? null : Urls.checkedBase(graphUrl, "graph_url");
    loginUrl = loginUrl == null ? null : Urls.checkedBase(loginUrl, "login_url");
  }

  /** A builder holding these settings, to change a few (e.g. {@code --tenant}). */
  public Builder toBuilder() {
    return new Builder()
        .tenantId(tenantId)
        .clientId(clientId)
        .clientSecret(clientSecret)
        .certificatePath(certificatePath)
        .certificatePassword(certificatePassword)
        .cloud(cloud)
        .graphUrl(graphUrl)
        .loginUrl(loginUrl);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A settings value for a client secret, in the global cloud unless overridden. */
  public static GraphSettings withSecret(
      String tenantId, String clientId, String clientSecret, URI graphUrl, URI loginUrl) {
    return new GraphSettings(
        tenantId, clientId, clientSecret, null, null, GraphCloud.GLOBAL, graphUrl, loginUrl);
  }

  /** The Graph base actually used: the override, else the cloud's host. No trailing slash. */
  public URI effectiveGraphUrl() {
    return graphUrl != null ? graphUrl : cloud.graphUrl();
  }

  /** The login base actually used: the override, else the cloud's host. No trailing slash. */
  public URI effectiveLoginUrl() {
    return loginUrl != null ? loginUrl : cloud.loginUrl();
  }

  /**
   * Whether the tenant is known; without it (a company whose tenant comes from {@code kb4sync
   * companies map}) no request may be made.
   */
  public boolean hasTenant() {
    return tenantId != null;
  }

  /** {@code {login}/{tenant}/oauth2/v2.0/token}. */
  public URI tokenUrl() {
    if (tenantId == null) {
      throw new IllegalStateException("tenant_id: not resolved");
    }
    return URI.create(effectiveLoginUrl() + "/" + tenantId + "/oauth2/v2.0/token");
  }

  /**
   * The client-credentials scope: {@code {graph}/.default}, i.e. every application permission the
   * tenant's admin consented to. The Graph resource id follows the Graph host in use (inferred from
   * the docs, see microsoft-graph.md §1).
   */
  public String scope() {
    return effectiveGraphUrl() + "/.default";
  }

  public boolean usesCertificate() {
    return certificatePath != null;
  }

  @Override
  public String toString() {
    return "GraphSettings[tenantId="
        + tenantId
        + ", clientId="
        + clientId
        + ", credential="
        + (usesCertificate() ? "certificate " + certificatePath : "client secret (hidden)")
        + ", cloud="
        + cloud.configName()
        + ", graphUrl="
        + effectiveGraphUrl()
        + ", loginUrl="
        + effectiveLoginUrl()
        + "]";
  }

  /** Settings built key by key; {@link #build()} checks them as the constructor does. */
  public static final class Builder {
    private String tenantId;
    private String clientId;
    private String clientSecret;
    private Path certificatePath;
    private String certificatePassword;
    private GraphCloud cloud;
    private URI graphUrl;
    private URI loginUrl;

    private Builder() {}

    public Builder tenantId(String value) {
      tenantId = value;
      return this;
    }

    public Builder clientId(String value) {
      clientId = value;
      return this;
    }

    public Builder clientSecret(String value) {
      clientSecret = value;
      return this;
    }

    public Builder certificatePath(Path value) {
      certificatePath = value;
      return this;
    }

    public Builder certificatePassword(String value) {
      certificatePassword = value;
      return this;
    }

    public Builder cloud(GraphCloud value) {
      cloud = value;
      return this;
    }

    public Builder graphUrl(URI value) {
      graphUrl = value;
      return this;
    }

    public Builder loginUrl(URI value) {
      loginUrl = value;
      return this;
    }

    public GraphSettings build() {
      return new GraphSettings(
          tenantId,
          clientId,
          clientSecret,
          certificatePath,
          certificatePassword,
          cloud,
          graphUrl,
          loginUrl);
    }
  }
}
