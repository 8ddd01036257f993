package io.kb4sync.simulators.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks a JWT client assertion the way Entra ID does for certificate credentials: RS256 or PS256
 * signature by the registered certificate's key, {@code iss} = {@code sub} = client id, an {@code
 * aud} naming this tenant's token endpoint, and a valid time window.
 */
final class ClientAssertionVerifier {
  private static final Base64.Decoder B64 = Base64.getUrlDecoder();

  private ClientAssertionVerifier() {}

  /** Why the assertion fails, or empty when it passes. */
  static Optional<Failure> check(
      String assertion, String clientId, String tenantPath, X509Certificate certificate) {
    String[] parts = assertion.split("\\.");
    if (parts.length != 3) {
      return Optional.of(new Failure(50027, "JWT token is invalid or malformed."));
    }
    JsonNode header;
    JsonNode claims;
    byte[] signature;
    try {
      header = GraphResponses.JSON.readTree(B64.decode(parts[0]));
      claims = GraphResponses.JSON.readTree(B64.decode(parts[1]));
      signature = B64.decode(parts[2]);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of(new Failure(50027, "JWT token is invalid or malformed."));
    }
    if (certificate == null || !verifies(header, parts, signature, certificate)) {
      return Optional.of(
          new Failure(
              700027,
              "The certificate with identifier used to sign the client assertion is not"
                  + " registered on application. [Reason - The key was not found.]"));
    }
    if (!clientId.equals(claims.path("iss").asText())
        || !clientId.equals(claims.path("sub").asText())) {
      return Optional.of(
          new Failure(700023, "Client assertion audience claim does not match Realm issuer."));
    }
    // msal4j keeps the real login host while a test transport sends to the simulator, so the
    // audience is checked by path (tenant + token endpoint), not by host.
    String audience = claims.path("aud").asText();
    if (!audience.endsWith(tenantPath)) {
      return Optional.of(
          new Failure(
              700021, "Client assertion audience claim does not match Realm issuer: " + audience));
    }
    long now = System.currentTimeMillis() / 1000;
    long exp = claims.path("exp").asLong(0);
    long nbf = claims.path("nbf").asLong(0);
    if (exp < now || nbf > now + 300) {
      return Optional.of(
          new Failure(700024, "Client assertion is not within its valid time range."));
    }
    return Optional.empty();
  }

  private static boolean verifies(
      JsonNode header, String[] parts, byte[] signature, X509Certificate certificate) {
    String alg = header.path("alg").asText();
    try {
      Signature verifier;
      if (alg.equals("RS256")) {
        verifier = Signature.getInstance("SHA256withRSA");
      } else if (alg.equals("PS256")) {
        verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      } else {
        return false;
      }
      verifier.initVerify(certificate.getPublicKey());
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** An AADSTS code and its description. */
  record Failure(int code, String description) {}
}
