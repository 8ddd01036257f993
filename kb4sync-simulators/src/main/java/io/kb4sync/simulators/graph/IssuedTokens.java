package io.kb4sync.simulators.graph;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens the simulator handed out, each bound to one tenant until it expires. */
final class IssuedTokens {
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Issued> issued = new ConcurrentHashMap<>();
  private volatile Duration lifetime = Duration.ofSeconds(3599);

  record Issued(GraphTenant tenant, Instant expiresAt) {}

  String issue(GraphTenant tenant) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    // Opaque to clients, like Entra's JWTs are meant to be to anyone but Graph.
    String token = "sim." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    issued.put(token, new Issued(tenant, Instant.now().plus(lifetime)));
    return token;
  }

  Duration lifetime() {
    return lifetime;
  }

  void lifetime(Duration lifetime) {
    this.lifetime = lifetime;
  }

  /** The token's entry, expired or not; empty for a token never issued here. */
  Optional<Issued> find(String token) {
    return Optional.ofNullable(issued.get(token));
  }

  void revokeAll(GraphTenant tenant) {
    issued.values().removeIf(entry -> entry.tenant() == tenant);
  }
}
