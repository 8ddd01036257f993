package io.kb4sync.app.signin;

import io.kb4sync.app.tokens.StoreTokens;
import io.kb4sync.core.state.DashboardSession;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.server.Caller;
import io.kb4sync.server.Role;
import io.kb4sync.server.web.Session;
import io.kb4sync.server.web.Sessions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dashboard sessions over the state store, so that every node of a cluster knows them. An id is 256
 * random bits in base64url; the store keeps only its SHA-256. The CSRF token is derived from the id
 * (HMAC-SHA256 keyed with it), so it needs no storing and differs per session. A session ends after
 * {@code idle} unused or {@code max} after it opened; its last use is written at most once a
 * minute, so the idle timeout is kept to within a minute.
 */
public final class StoreSessions implements Sessions {

  /** Random bytes in a session id: 256 bits. */
  static final int RANDOM_BYTES = 32;

  /** How often a session's last use is written, at most. */
  static final Duration SEEN_RECORDED_EVERY = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(StoreSessions.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final byte[] CSRF_LABEL =
      "kb4sync dashboard csrf".getBytes(StandardCharsets.UTF_8);

  private final StateStore store;
  private final Duration idle;
  private final Duration max;

  /**
   * @param idle {@code server.session_idle}
   * @param max {@code server.session_max}
   */
  public StoreSessions(StateStore store, Duration idle, Duration max) {
    this.store = Objects.requireNonNull(store, "store");
    this.idle = Objects.requireNonNull(idle, "idle");
    this.max = Objects.requireNonNull(max, "max");
  }

  @Override
  public Session open(Caller caller, Instant now) {
    Objects.requireNonNull(caller, "caller");
    try {
      store.deleteSessions(now.minus(idle), now.minus(max));
    } catch (RuntimeException e) {
      // Expired sessions are refused anyway; deleting them only saves space.
      LOG.warn("cannot delete expired dashboard sessions: {}", e.getMessage());
    }
    String id = newId();
    store.saveSession(
        new DashboardSession(StoreTokens.hash(id), caller.name(), caller.role().id(), now, now));
    return new Session(id, caller, csrfToken(id), now, now);
  }

  @Override
  public Optional<Session> find(String id, Instant now) {
    if (id == null || !ID.matcher(id).matches()) {
      return Optional.empty();
    }
    String hash = StoreTokens.hash(id);
    Optional<DashboardSession> found = store.session(hash);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    DashboardSession session = found.get();
    Optional<Role> role = Role.fromId(session.role());
    if (!now.isBefore(session.lastSeen().plus(idle))
        || !now.isBefore(session.created().plus(max))
        || role.isEmpty()) {
      store.deleteSession(hash);
      return Optional.empty();
    }
    Instant lastSeen = session.lastSeen();
    if (!now.isBefore(lastSeen.plus(SEEN_RECORDED_EVERY))) {
      store.sessionSeen(hash, now);
      lastSeen = now;
    }
    return Optional.of(
        new Session(
            id,
            StorePeople.caller(session.name(), role.get()),
            csrfToken(id),
            session.created(),
            lastSeen));
  }

  @Override
  public void close(String id) {
    if (id != null && ID.matcher(id).matches()) {
      store.deleteSession(StoreTokens.hash(id));
    }
  }

  @Override
  public void closeAllOf(String name) {
    store.deleteSessionsOf(name);
  }

  /** 256 random bits in base64url without padding: 43 characters. */
  static String newId() {
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** The session's CSRF token: HMAC-SHA256 keyed with its id, in base64url. */
  static String csrfToken(String id) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(id.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(CSRF_LABEL));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java has HmacSHA256", e);
    }
  }
}
