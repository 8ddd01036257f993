package io.kb4sync.store;

import io.kb4sync.http.Loopback;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Where the state lives: the parsed value of the configuration's {@code state} key. */
sealed interface StateLocation {

  String ACCEPTED_FORMS =
      "sqlite:PATH, postgresql://USER:PASSWORD@HOST:PORT/DB, postgres://... or"
          + " jdbc:postgresql://HOST:PORT/DB?user=USER&password=PASSWORD";

  /** The location as it may be shown in logs and messages: passwords masked. */
  String describe();

  /** A SQLite database file. */
  record Sqlite(Path file) implements StateLocation {
    @Override
    public String describe() {
      return "sqlite:" + file;
    }
  }

  /**
   * A PostgreSQL database.
   *
   * @param jdbcUrl without user or password; other parameters kept for the driver (its {@link
   *     #describe()} masks those whose name ends in {@code password}, e.g. {@code sslpassword})
   * @param user null when the URL names none (the driver then uses its default)
   * @param password null when the URL names none
   */
  record Postgres(String jdbcUrl, String user, String password) implements StateLocation {
    @Override
    public String describe() {
      return mask(jdbcUrl) + (user == null ? "" : " as " + user);
    }

    /**
     * The URL the driver is given: {@link #jdbcUrl} with kb4sync's transport defaults for what it
     * does not name ({@link StateLocation#transportDefaults}).
     */
    public String connectionUrl() {
      String rest = jdbcUrl.substring("jdbc:postgresql://".length());
      int query = rest.indexOf('?');
      String hostsAndDb = query < 0 ? rest : rest.substring(0, query);
      int slash = hostsAndDb.indexOf('/');
      String hosts = slash < 0 ? hostsAndDb : hostsAndDb.substring(0, slash);
      List<String> given = query < 0 ? List.of() : List.of(rest.substring(query + 1).split("&"));
      List<String> added = transportDefaults(hosts, given);
      if (added.isEmpty()) {
        return jdbcUrl;
      }
      return jdbcUrl + (query < 0 ? "?" : "&") + String.join("&", added);
    }

    @Override
    public String toString() {
      return "Postgres[" + describe() + "]";
    }
  }

  /**
   * Parses the {@code state} key.
   *
   * @param location null or blank for the default SQLite file
   * @param relativeTo the folder relative {@code sqlite:} paths start from (the configuration
   *     file's); null for the working directory
   * @throws IllegalArgumentException naming the key and the accepted forms
   */
  static StateLocation parse(String location, Path relativeTo) {
    if (location == null || location.isBlank()) {
      return new Sqlite(StateStores.defaultSqliteFile());
    }
    String trimmed = location.strip();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.startsWith("sqlite:")) {
      return sqlite(trimmed.substring("sqlite:".length()), relativeTo, trimmed);
    }
    for (String prefix : List.of("jdbc:postgresql://", "postgresql://", "postgres://")) {
      if (lower.startsWith(prefix)) {
        return postgres(trimmed.substring(prefix.length()), trimmed);
      }
    }
    throw invalid(trimmed, "unsupported form");
  }

  private static Sqlite sqlite(String path, Path relativeTo, String location) {
    if (path.isBlank() || path.startsWith(":memory:") || path.startsWith("file:")) {
      throw invalid(location, "a SQLite location needs a file path");
    }
    Path file;
    if (path.equals("~") || path.startsWith("~/")) {
      file =
          Path.of(System.getProperty("user.home"))
              .resolve(path.substring(1).replaceFirst("^/", ""));
    } else {
      Path given = Path.of(path);
      Path base = relativeTo == null ? Path.of("") : relativeTo;
      file = given.isAbsolute() ? given : base.resolve(given);
    }
    return new Sqlite(file.toAbsolutePath().normalize());
  }

  /**
   * {@code [USER[:PASSWORD]@]HOSTS[/DB][?PARAMS]} after the scheme, as libpq reads it: special
   * characters in the user and password are percent-encoded; {@code user} and {@code password} may
   * also come as parameters. Both leave the URL, so no later log line can show them.
   */
  private static Postgres postgres(String rest, String location) {
    String user = null;
    String password = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon), location);
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1), location);
    }
    int query = rest.indexOf('?');
    String hostAndDb = query < 0 ? rest : rest.substring(0, query);
    List<String> params = new ArrayList<>();
    if (query >= 0) {
      for (String param : rest.substring(query + 1).split("&")) {
        String name = param.split("=", 2)[0].toLowerCase(Locale.ROOT);
        String value = param.contains("=") ? decode(param.split("=", 2)[1], location) : "";
        switch (name) {
          case "" -> {}
          case "user" -> user = value;
          case "password" -> password = value;
          default -> params.add(param);
        }
      }
    }
    int slash = hostAndDb.indexOf('/');
    String hosts = slash < 0 ? hostAndDb : hostAndDb.substring(0, slash);
    String db = slash < 0 ? "" : hostAndDb.substring(slash + 1);
    if (hosts.isBlank()) {
      throw invalid(location, "a PostgreSQL location needs a host");
    }
    String jdbcUrl =
        "jdbc:postgresql://"
            + hosts
            + "/"
            + db
            + (params.isEmpty() ? "" : "?" + String.join("&", params));
    return new Postgres(
        jdbcUrl, user == null || user.isEmpty() ? null : user, password == null ? null : password);
  }

  /** The driver's {@code sslfactory} that verifies against the JVM's trust store. */
  String JVM_TRUST_STORE_FACTORY = "org.postgresql.ssl.DefaultJavaSSLFactory";

  /** {@code connectTimeout} when the URL names none, in seconds. */
  int CONNECT_TIMEOUT_SECONDS = (int) StateStores.CONNECTION_TIMEOUT.toSeconds();

  /**
   * {@code socketTimeout} when the URL names none, in seconds: a query whose answer stops coming
   * for this long fails instead of holding the run (and its company lock) for ever. kb4sync's
   * longest statement, a commit of a large tenant's links, takes seconds.
   */
  int SOCKET_TIMEOUT_SECONDS = 60;

  /**
   * The parameters kb4sync adds to those the URL names: {@code connectTimeout} and {@code
   * socketTimeout} unless named; and, when any host is not loopback and the URL says nothing of TLS
   * ({@code sslmode} or {@code ssl}), TLS that verifies the certificate and the host name against
   * the JVM's trust store ({@code sslmode=verify-full}, {@code sslfactory=}{@value
   * #JVM_TRUST_STORE_FACTORY}; the driver's own default would look for {@code
   * ~/.postgresql/root.crt}). The password never travels to a host that could not prove who it is.
   */
  static List<String> transportDefaults(String hosts, List<String> given) {
    List<String> names = new ArrayList<>();
    for (String param : given) {
      names.add(param.split("=", 2)[0].toLowerCase(Locale.ROOT));
    }
    List<String> added = new ArrayList<>();
    if (!names.contains("connecttimeout")) {
      added.add("connectTimeout=" + CONNECT_TIMEOUT_SECONDS);
    }
    if (!names.contains("sockettimeout")) {
      added.add("socketTimeout=" + SOCKET_TIMEOUT_SECONDS);
    }
    if (!names.contains("sslmode") && !names.contains("ssl") && !allLoopback(hosts)) {
      added.add("sslmode=verify-full");
      if (!names.contains("sslfactory")) {
        added.add("sslfactory=" + JVM_TRUST_STORE_FACTORY);
      }
    }
    return added;
  }

  /** True when every host of {@code h1[:p1],h2[:p2],...} is loopback as {@link Loopback} says. */
  private static boolean allLoopback(String hosts) {
    for (String hostAndPort : hosts.split(",")) {
      String part = hostAndPort.strip();
      String host;
      if (part.startsWith("[")) {
        int close = part.indexOf(']');
        host = close < 0 ? part : part.substring(0, close + 1);
      } else {
        int colon = part.indexOf(':');
        host = colon < 0 ? part : part.substring(0, colon);
      }
      if (!Loopback.isLoopbackHost(host)) {
        return false;
      }
    }
    return true;
  }

  /** Percent-decoding as in URIs: unlike form decoding, {@code +} stays a plus. */
  private static String decode(String text, String location) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          throw invalid(location, "bad percent-encoding");
        }
        try {
          bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        } catch (NumberFormatException e) {
          throw invalid(location, "bad percent-encoding");
        }
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException invalid(String location, String problem) {
    return new IllegalArgumentException(
        "state: "
            + problem
            + " in \""
            + mask(location)
            + "\"; use "
            + ACCEPTED_FORMS
            + " (or omit it for "
            + StateStores.defaultSqliteFile()
            + ")");
  }

  /** Everything between {@code //USER:} and the last {@code @}: over-masking beats a leak. */
  Pattern USERINFO_PASSWORD = Pattern.compile("(//[^/?#@:]*):.*@");

  /** A parameter whose name ends in {@code password}, in any letter case (e.g. sslpassword). */
  Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;][^=&;?#\\s]*password=)[^&;]*");

  /**
   * The text with any URL password replaced by {@code ***}: the user-info password and every
   * parameter whose name ends in {@code password}.
   */
  static String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = USERINFO_PASSWORD.matcher(text).replaceAll("$1:***@");
    return PASSWORD_PARAM.matcher(masked).replaceAll("$1***");
  }
}
