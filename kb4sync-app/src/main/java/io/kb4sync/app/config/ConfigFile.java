package io.kb4sync.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration file being read: its name for messages, its folder for relative paths, and the
 * expansion of {@code ${env:NAME}} and {@code ${file:PATH}} references.
 */
final class ConfigFile {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]*)}");

  private final Path path;
  private final Function<String, String> environment;

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
    while (matcher.find()) {
      String kind = matcher.group(1);
      String name = matcher.group(2).trim();
      String replacement;
      if (kind.equals("env")) {
        replacement = environment.apply(name);
        if (replacement == null) {
          throw ConfigException.at(name(), keyPath, "environment variable " + name + " is not set");
        }
      } else {
        Path file = resolve(name);
        try {
          replacement = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
          throw ConfigException.at(name(), keyPath, "cannot read secret file " + file);
        }
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
