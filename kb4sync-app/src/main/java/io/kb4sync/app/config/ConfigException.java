package io.kb4sync.app.config;

/**
 * A configuration problem, told in one line: the file, the key path and what is wrong. Never holds
 * a secret value.
 */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public static ConfigException at(String file, String path, String problem) {
    return new ConfigException(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
  }
}
