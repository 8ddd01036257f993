package io.kb4sync.server.web;

import io.kb4sync.server.Role;
import java.time.Instant;
import java.util.List;

/** The API tokens as the admin page lists and revokes them: never a token or its hash. */
public interface ApiTokens {

  /**
   * A token without its secret.
   *
   * @param expires null for never
   * @param lastUsed null until first used
   */
  record Token(String name, Role role, Instant created, Instant expires, Instant lastUsed) {}

  /** Every token, by name. */
  List<Token> list();

  /**
   * Revokes a token: it authenticates nothing from now on.
   *
   * @return false when there is no such token
   */
  boolean revoke(String name);
}
