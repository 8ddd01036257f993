package io.kb4sync.app.config;

import io.kb4sync.app.schedule.Schedule;
import io.kb4sync.http.Urls;
import io.kb4sync.server.Role;
import io.kb4sync.server.web.EntraSettings;
import io.kb4sync.server.web.WebSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * @param oidc {@code server.oidc}: sign-in to the dashboard with Entra ID, or null
 */
public record ServerSettings(
    String bind,
    Integer port,
    String publicUrl,
    List<String> trustedProxies,
    Duration sessionIdle,
    Duration sessionMax,
    Duration deadNodeAfter,
    EntraSettings oidc) {

  /** The keys of {@code server.oidc}. */
  public static final List<String> OIDC_KEYS =
      List.of("tenant_id", "client_id", "client_secret", "roles", "login_url");

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

  /** Without {@code server.oidc}. */
  public ServerSettings(
      String bind,
      Integer port,
      String publicUrl,
      List<String> trustedProxies,
      Duration sessionIdle,
      Duration sessionMax,
      Duration deadNodeAfter) {
    this(bind, port, publicUrl, trustedProxies, sessionIdle, sessionMax, deadNodeAfter, null);
  }

  public static ServerSettings none() {
    return new ServerSettings(null, null, null, null, null, null, null, null);
  }

  /** What the dashboard's sign-in takes from this section. */
  public WebSettings web() {
    return new WebSettings(publicUrl == null ? null : URI.create(publicUrl), trustedProxies, oidc);
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
    List<String> proxies = node.strings("trusted_proxies");
    if (proxies != null) {
      try {
        WebSettings.checkTrustedProxies(proxies);
      } catch (IllegalArgumentException e) {
        throw node.problem("trusted_proxies", e.getMessage());
      }
    }
    return new ServerSettings(
        node.string("bind"),
        node.integer("port", 0, 65535),
        publicUrl(node),
        proxies,
        duration(node, "session_idle", Duration.ofMinutes(1)),
        duration(node, "session_max", Duration.ofMinutes(1)),
        duration(node, "dead_node_after", MIN_DEAD_NODE_AFTER),
        oidc(node.child("oidc")));
  }

  /** An absolute http(s) URL with a host and nothing after its path; its trailing slash dropped. */
  private static String publicUrl(ConfigNode node) {
    String text = node.string("public_url");
    if (text == null) {
      return null;
    }
    try {
      URI url = new URI(text.trim());
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (url.getHost() == null
          || !(scheme.equals("https") || scheme.equals("http"))
          || url.getRawQuery() != null
          || url.getRawFragment() != null) {
        throw new URISyntaxException(text, "not an http(s) URL with a host");
      }
      return url.toString().replaceAll("/+$", "");
    } catch (URISyntaxException e) {
      throw node.problem(
          "public_url", "must be an http(s) URL with a host, like https://kb4sync.example.com");
    }
  }

  private static EntraSettings oidc(ConfigNode node) {
    if (node.isMissing()) {
      return null;
    }
    node.onlyKeys(OIDC_KEYS);
    String tenantId = node.requiredString("tenant_id").trim();
    String clientId = node.requiredString("client_id").trim();
    String clientSecret = node.requiredString("client_secret");
    ConfigNode roles = node.child("roles");
    roles.onlyKeys(List.of("admin", "operator", "viewer"));
    Map<Role, List<String>> byRole = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      List<String> ids = roles.strings(role.id());
      if (ids != null && !ids.isEmpty()) {
        byRole.put(role, ids.stream().map(String::trim).toList());
      }
    }
    if (byRole.isEmpty()) {
      throw node.problem(
          "roles",
          "give the app role values or group ids of at least one of admin, operator, viewer;"
              + " nobody could sign in otherwise");
    }
    String loginUrl = node.string("login_url");
    URI login = null;
    if (loginUrl != null) {
      try {
        login = Urls.base(loginUrl, "login_url");
      } catch (IllegalArgumentException e) {
        throw node.problem("login_url", e.getMessage().replaceFirst("^login_url: ", ""));
      }
    }
    return new EntraSettings(tenantId, clientId, clientSecret, byRole, login);
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
