package io.kb4sync.app.tokens;

import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.state.TokenRecord;
import io.kb4sync.server.Caller;
import io.kb4sync.server.Role;
import io.kb4sync.server.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service mode's API tokens over the state store (docs/api.md#tokens): {@code kb4_} and 256 random
 * bits in base64url, stored as their SHA-256 only, compared in constant time, with an optional
 * expiry and the time of their last use (written at most once a minute per token).
 */
public final class StoreTokens implements Tokens {

  /** What every token starts with, so that one found in a file or a log is recognisable. */
  public static final String PREFIX = "kb4_";

  /** Random bytes in a token: 256 bits. */
  static final int RANDOM_BYTES = 32;

  /** How often a token's last use is written, at most. */
  static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(StoreTokens.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int LONGEST = PREFIX.length() + 64;

  private final StateStore store;
  private final Clock clock;

  public StoreTokens(StateStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A token made by {@link #issue}: the token, to be shown once, and what was stored. */
  public record Issued(String token, TokenRecord record) {
    @Override
    public String toString() {
      return "Issued[" + record + "]";
    }
  }

  /**
   * Makes a token and stores its hash.
   *
   * @param expiresIn how long it works; null for ever
   * @return empty, and nothing stored, when a token of that name exists
   * @throws IllegalArgumentException when the name is not a valid token name
   */
  public Optional<Issued> issue(String name, Role role, Duration expiresIn) {
    Objects.requireNonNull(role, "role");
    Instant now = clock.instant();
    String token = newToken();
    TokenRecord record =
        new TokenRecord(
            name,
            role.id(),
            hash(token),
            now,
            expiresIn == null ? null : now.plus(expiresIn),
            null);
    return store.saveToken(record) ? Optional.of(new Issued(token, record)) : Optional.empty();
  }

  @Override
  public Optional<Caller> authenticate(String bearerToken) {
    if (bearerToken == null || bearerToken.length() > LONGEST || !bearerToken.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String hash = hash(bearerToken);
    Optional<TokenRecord> found = store.tokenByHash(hash);
    if (found.isEmpty()
        || !MessageDigest.isEqual(
            hash.getBytes(StandardCharsets.US_ASCII),
            found.get().hash().getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    TokenRecord token = found.get();
    Instant now = clock.instant();
    Optional<Role> role = Role.fromId(token.role());
    if (token.expiredAt(now) || role.isEmpty()) {
      return Optional.empty();
    }
    recordUse(token, now);
    return Optional.of(Caller.apiToken(token.name(), role.get()));
  }

  private void recordUse(TokenRecord token, Instant now) {
    if (token.lastUsed() != null && now.isBefore(token.lastUsed().plus(USE_RECORDED_EVERY))) {
      return;
    }
    try {
      store.tokenUsed(token.name(), now);
    } catch (RuntimeException e) {
      // The call goes on: its last use is a convenience, not a condition.
      LOG.warn("cannot record the use of API token {}: {}", token.name(), e.getMessage());
    }
  }

  /** A new token: {@link #PREFIX} and 256 random bits in base64url without padding. */
  static String newToken() {
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** The SHA-256 of the token's UTF-8 bytes, in lowercase hex: what the store keeps. */
  public static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
