package io.kb4sync.server;

import java.util.Objects;

/**
 * Who made a request: an API token's name (trigger {@code api:<name>}) or a dashboard user's
 * (trigger {@code ui:<name>}), and their role. Never the token itself.
 */
public record Caller(String name, Role role, String trigger) {
  public Caller {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(trigger, "trigger");
  }

  public static Caller apiToken(String name, Role role) {
    return new Caller(name, role, "api:" + name);
  }
}
