package io.kb4sync.server.web;

import io.kb4sync.server.Caller;
import io.kb4sync.server.Role;
import java.util.List;
import java.util.Optional;

/** Dashboard accounts: local ones checked by password ({@code kb4sync user add}). */
public interface People {

  /**
   * The caller (trigger {@code ui:<name>}) whose name and password these are; empty for an unknown
   * or disabled account or a wrong password. Takes about as long whichever it is, so that timing
   * does not tell which names exist.
   */
  Optional<Caller> checkPassword(String name, char[] password);

  /**
   * The caller of an account that may still act (exists, not disabled), with its current role;
   * asked on each request of a session, so that disabling an account or changing its role takes
   * effect at once.
   */
  Optional<Caller> active(String name);

  /**
   * Records a person who has just signed in with Microsoft Entra ID (source {@code entra}) with the
   * role their groups or app roles give them now, and answers the caller they act as.
   *
   * @return empty when that account is disabled, or a local account has that name; the default
   *     knows no Entra ID accounts and is always empty
   */
  default Optional<Caller> signedInWithEntra(String name, Role role) {
    return Optional.empty();
  }

  /** Every account, by name. */
  List<Person> list();

  /**
   * Disables an account: it cannot sign in and its sessions end.
   *
   * @return false when there is no such account
   */
  boolean disable(String name);
}
