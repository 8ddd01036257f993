package io.kb4sync.app.dashboard;

import io.kb4sync.server.Caller;
import io.kb4sync.server.web.Session;
import io.kb4sync.server.web.Sessions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions kept in memory (one node: the demo). Interim until the state-store sessions of {@code
 * dash-auth} are merged.
 */
public final class MemorySessions implements Sessions {
  /** {@code server.session_idle}'s default. */
  public static final Duration IDLE = Duration.ofMinutes(30);

  /** {@code server.session_max}'s default. */
  public static final Duration MAX = Duration.ofHours(12);

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  @Override
  public Session open(Caller caller, Instant now) {
    Session session = new Session(random(), caller, random(), now, now);
    sessions.put(session.id(), session);
    return session;
  }

  @Override
  public Optional<Session> find(String id, Instant now) {
    Session session = sessions.get(id);
    if (session == null) {
      return Optional.empty();
    }
    if (now.isAfter(session.lastSeen().plus(IDLE)) || now.isAfter(session.created().plus(MAX))) {
      sessions.remove(id);
      return Optional.empty();
    }
    Session seen =
        new Session(session.id(), session.caller(), session.csrfToken(), session.created(), now);
    sessions.put(id, seen);
    return Optional.of(seen);
  }

  @Override
  public void close(String id) {
    sessions.remove(id);
  }

  @Override
  public void closeAllOf(String name) {
    sessions.values().removeIf(s -> s.caller().name().equals(name));
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
