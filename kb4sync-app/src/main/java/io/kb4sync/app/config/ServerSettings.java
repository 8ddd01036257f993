package io.kb4sync.app.config;

import io.kb4sync.app.schedule.Schedule;
import java.time.Duration;
import java.util.List;

/**
 * The {@code server} section: how {@code kb4sync serve} listens and keeps its cluster (docs/
 * service.md). Null components are unset; the {@code effective...} accessors give the defaults.
 *
 * @param bind the address to listen on; {@code --bind} wins
 * @param port the port; {@code --port} wins; 0 picks a free one
 * @param publicUrl the URL people reach the service at (behind a reverse proxy), or null
 * @param trustedProxies addresses whose {@code X-Forwarded-*} headers are believed
 * @param sessionIdle a dashboard session ends after this long unused
 * @param sessionMax a dashboard session ends after this long whatever
 * @param deadNodeAfter a node whose heartbeat is older than this is dead: its runs are abandoned
 */
public record ServerSettings(
    String bind,
    Integer port,
    String publicUrl,
    List<String> trustedProxies,
    Duration sessionIdle,
    Duration sessionMax,
    Duration deadNodeAfter) {

  public static final List<String> KEYS =
      List.of(
          "bind",
          "port",
          "public_url",
          "trusted_proxies",
          "session_idle",
          "session_max",
          "dead_node_after",
          "oidc");
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(30);
  public static final Duration DEFAULT_SESSION_MAX = Duration.ofHours(12);
  public static final Duration DEFAULT_DEAD_NODE_AFTER = Duration.ofMinutes(5);

  /** The shortest {@code dead_node_after}: the scheduler's heartbeat needs a few seconds. */
  public static final Duration MIN_DEAD_NODE_AFTER = Duration.ofSeconds(4);

  public ServerSettings {
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
  }

  public static ServerSettings none() {
    return new ServerSettings(null, null, null, null, null, null, null);
  }

  public String effectiveBind() {
    return bind == null ? DEFAULT_BIND : bind;
  }

  public int effectivePort() {
    return port == null ? DEFAULT_PORT : port;
  }

  public Duration effectiveSessionIdle() {
    return sessionIdle == null ? DEFAULT_SESSION_IDLE : sessionIdle;
  }

  public Duration effectiveSessionMax() {
    return sessionMax == null ? DEFAULT_SESSION_MAX : sessionMax;
  }

  public Duration effectiveDeadNodeAfter() {
    return deadNodeAfter == null ? DEFAULT_DEAD_NODE_AFTER : deadNodeAfter;
  }

  static ServerSettings read(ConfigNode node) {
    if (node.isMissing()) {
      return none();
    }
    node.onlyKeys(KEYS);
    if (!node.child("oidc").isMissing()) {
      throw node.problem("oidc", "sign-in with Entra ID is not available in this version");
    }
    return new ServerSettings(
        node.string("bind"),
        node.integer("port", 0, 65535),
        node.string("public_url"),
        node.strings("trusted_proxies"),
        duration(node, "session_idle", Duration.ofMinutes(1)),
        duration(node, "session_max", Duration.ofMinutes(1)),
        duration(node, "dead_node_after", MIN_DEAD_NODE_AFTER));
  }

  private static Duration duration(ConfigNode node, String key, Duration min) {
    String text = node.string(key);
    if (text == null) {
      return null;
    }
    Duration value;
    try {
      value = Schedule.parseDuration(text);
    } catch (IllegalArgumentException e) {
      throw node.problem(key, e.getMessage());
    }
    if (value.compareTo(min) < 0) {
      throw node.problem(key, "must be at least " + min.toSeconds() + "s, found " + text.trim());
    }
    return value;
  }
}
