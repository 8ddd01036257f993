package io.kb4sync.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An Entra ID sign-in in progress, kept in a short-lived cookie sealed with AES-256-GCM (a key
 * derived from the client secret, which every node of a cluster has): its state, nonce, PKCE
 * verifier and where to go next. Sealed so that the browser can neither read the verifier nor
 * change anything; whichever node gets the callback can open it.
 */
final class FlowCookie {

  static final String NAME = "kb4sync_oidc";

  /** An in-progress sign-in: each random value is 256 bits in base64url. */
  record Flow(String state, String nonce, String verifier, String next, Instant expires) {
    @Override
    public String toString() {
      return "Flow[next=" + next + ", expires=" + expires + "]";
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;

  FlowCookie(String clientSecret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] derived =
          mac.doFinal("kb4sync dashboard oidc flow cookie v1".getBytes(StandardCharsets.UTF_8));
      this.key = new SecretKeySpec(derived, "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java has HmacSHA256", e);
    }
  }

  String seal(Flow flow) {
    ObjectNode json = JSON.createObjectNode();
    json.put("s", flow.state());
    json.put("n", flow.nonce());
    json.put("v", flow.verifier());
    json.put("x", flow.next());
    json.put("e", flow.expires().getEpochSecond());
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(json.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal the sign-in cookie: " + e.getMessage(), e);
    }
  }

  /** The flow, if the cookie is one we sealed and it has not expired at {@code now}; else null. */
  Flow open(String cookie, Instant now) {
    if (cookie == null || cookie.length() > 4096) {
      return null;
    }
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(cookie);
      if (bytes.length <= IV_BYTES) {
        return null;
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
      byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
      JsonNode json = JSON.readTree(plain);
      Flow flow =
          new Flow(
              json.path("s").asText(),
              json.path("n").asText(),
              json.path("v").asText(),
              json.path("x").asText(),
              Instant.ofEpochSecond(json.path("e").asLong()));
      return now.isBefore(flow.expires()) ? flow : null;
    } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
      return null;
    }
  }
}
