package io.kb4sync.simulators.graph;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque {@code $skiptoken} of a nextLink: which tenant, where the next page starts, and a hash
 * of the rest of the query, so that a client that edits the link (instead of following it verbatim)
 * is told so.
 */
record SkipToken(String tenantId, long position, int queryHash) {

  String encode() {
    String plain = "sim1|" + tenantId + "|" + position + "|" + queryHash;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  static Optional<SkipToken> decode(String token) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] parts = plain.split("\\|");
      if (parts.length != 4 || !parts[0].equals("sim1")) {
        return Optional.empty();
      }
      return Optional.of(
          new SkipToken(parts[1], Long.parseLong(parts[2]), Integer.parseInt(parts[3])));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
