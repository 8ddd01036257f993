package io.kb4sync.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration file being read: its name for messages, its folder for relative paths, the
 * expansion of {@code ${env:NAME}} and {@code ${file:PATH}} references, and the one place its
 * problems become a {@link ConfigException} — with every expanded value in them shown as the
 * reference it came from.
 */
final class ConfigFile {
  /** The largest file a {@code ${file:PATH}} reference reads: 1 MiB. */
  static final int MAX_SECRET_FILE_BYTES = 1 << 20;

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");

  /** A value read through references: where, as written, and as expanded. */
  private record Expansion(String keyPath, String written, String value) {}

  private final Path path;
  private final Function<String, String> environment;
  private final List<Expansion> expansions = new ArrayList<>();

  ConfigFile(Path path, Function<String, String> environment) {
    this.path = path;
    this.environment = environment;
  }

  static ConfigFile of(Path path) {
    Map<String, String> env = System.getenv();
    return new ConfigFile(path, env::get);
  }

  String name() {
    return path.toString();
  }

  Path folder() {
    Path parent = path.toAbsolutePath().getParent();
    return parent == null ? Path.of("").toAbsolutePath() : parent;
  }

  Path resolve(String relative) {
    return folder().resolve(relative).normalize();
  }

  /** Expands references; a missing variable or file is a one-line error naming the key. */
  String expand(String value, String keyPath) {
    Matcher matcher = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    boolean expanded = false;
    while (matcher.find()) {
      String replacement = resolve(matcher.group(1), matcher.group(2).trim(), keyPath);
      expansions.add(new Expansion(keyPath, matcher.group(), replacement));
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
      expanded = true;
    }
    matcher.appendTail(out);
    if (expanded) {
      expansions.add(new Expansion(keyPath, value, out.toString()));
    }
    return out.toString();
  }

  private String resolve(String kind, String name, String keyPath) {
    if (kind.equals("env")) {
      String value = environment.apply(name);
      if (value == null) {
        throw problem(keyPath, "environment variable " + name + " is not set");
      }
      return value;
    }
    Path file = resolve(name);
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_SECRET_FILE_BYTES + 1);
    } catch (IOException e) {
      throw problem(keyPath, "cannot read secret file " + file);
    }
    if (bytes.length > MAX_SECRET_FILE_BYTES) {
      throw problem(
          keyPath, "${file:" + name + "} is larger than 1 MiB, the limit of a secret file");
    }
    return new String(bytes, StandardCharsets.UTF_8).strip();
  }

  /** A problem at a key path: {@code file: path: problem}. */
  ConfigException problem(String keyPath, String problem) {
    return ConfigException.at(name(), keyPath, hidden(keyPath, problem));
  }

  /**
   * A problem whose message names its key itself (a module's validation), about the keys under
   * {@code scope}: {@code file: message}.
   */
  ConfigException problemUnder(String scope, String message) {
    return new ConfigException(name() + ": " + hidden(scope, message));
  }

  /**
   * The text with every value expanded at or under {@code scope} shown as written: a message may
   * quote what is wrong, never a secret.
   */
  private String hidden(String scope, String text) {
    List<Expansion> inScope = new ArrayList<>();
    for (Expansion expansion : expansions) {
      if (within(scope, expansion.keyPath()) && !expansion.value().isEmpty()) {
        inScope.add(expansion);
      }
    }
    inScope.sort(Comparator.comparingInt((Expansion e) -> e.value().length()).reversed());
    String shown = text;
    for (Expansion expansion : inScope) {
      shown = shown.replace(expansion.value(), expansion.written());
      String stripped = expansion.value().strip();
      if (!stripped.isEmpty()) {
        shown = shown.replace(stripped, expansion.written());
      }
    }
    return shown;
  }

  private static boolean within(String scope, String keyPath) {
    return scope.isEmpty()
        || keyPath.equals(scope)
        || keyPath.startsWith(scope + ".")
        || keyPath.startsWith(scope + "[");
  }
}
