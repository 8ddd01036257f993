package io.kb4sync.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A certificate credential: the JWT client assertion that Entra ID accepts instead of a secret
 * (learn.microsoft.com/entra/identity-platform/certificate-credentials). Signed PS256 with the
 * {@code x5t#S256} thumbprint, as the current page shows; {@code x5t} (SHA-1) is added too for the
 * older revision of that page. Used only by the form-POST token provider; msal4j builds its own.
 */
final class ClientAssertion {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Ten minutes: the assertion is used at once, for one token request. */
  private static final long LIFETIME_SECONDS = 600;

  private final PrivateKey key;
  private final String x5t;
  private final String x5tS256;

  private ClientAssertion(PrivateKey key, X509Certificate certificate) {
    this.key = key;
    try {
      byte[] der = certificate.getEncoded();
      this.x5t = B64.encodeToString(MessageDigest.getInstance("SHA-1").digest(der));
      this.x5tS256 = B64.encodeToString(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot fingerprint the certificate", e);
    }
  }

  /**
   * Reads the first private-key entry of a PKCS#12 file.
   *
   * @throws IllegalArgumentException one line naming {@code certificate_path} and the problem
   *     (never the password)
   */
  static ClientAssertion load(Path path, String password) {
    char[] chars = password == null ? new char[0] : password.toCharArray();
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, chars);
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)
            && store.getKey(alias, chars) instanceof RSAPrivateKey rsa
            && store.getCertificate(alias) instanceof X509Certificate certificate) {
          return new ClientAssertion(rsa, certificate);
        }
      }
      throw new IllegalArgumentException(
          "certificate_path: " + path + " holds no RSA private key with its certificate");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "certificate_path: cannot read "
              + path
              + " as PKCS#12 ("
              + (e.getCause() instanceof java.security.UnrecoverableKeyException
                  ? "wrong certificate_password"
                  : e.getClass().getSimpleName())
              + ")",
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "certificate_path: cannot use " + path + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** A fresh assertion for one token request; {@code aud} is the token URL. */
  String sign(String clientId, URI tokenUrl, Instant now) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "PS256");
    header.put("typ", "JWT");
    header.put("x5t", x5t);
    header.put("x5t#S256", x5tS256);
    long iat = now.getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", tokenUrl.toString());
    claims.put("iss", clientId);
    claims.put("sub", clientId);
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("nbf", iat);
    claims.put("iat", iat);
    claims.put("exp", iat + LIFETIME_SECONDS);
    String signingInput = b64(header) + "." + b64(claims);
    try {
      Signature signature = Signature.getInstance("RSASSA-PSS");
      signature.setParameter(
          new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      signature.initSign(key);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign the client assertion", e);
    }
  }

  private static String b64(Map<String, Object> json) {
    try {
      return B64.encodeToString(JSON.writeValueAsBytes(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the client assertion", e);
    }
  }
}
