package io.kb4sync.app.config;

import java.net.URI;
import java.nio.file.Path;

/**
 * A company's Microsoft 365 tenant and the app registration kb4sync signs in with. Exactly one of
 * {@code clientSecret} and {@code certificatePath} is set.
 *
 * @param cloud global, usgov, usgov-dod or china
 */
public record M365Config(
    String tenantId,
    String clientId,
    String clientSecret,
    Path certificatePath,
    String certificatePassword,
    String cloud,
    URI graphUrl,
    URI loginUrl) {

  @Override
  public String toString() {
    return "M365Config[tenantId=" + tenantId + ", clientId=" + clientId + ", cloud=" + cloud + "]";
  }

  public M365Config withTenant(String tenant) {
    return new M365Config(
        tenant,
        clientId,
        clientSecret,
        certificatePath,
        certificatePassword,
        cloud,
        graphUrl,
        loginUrl);
  }
}
