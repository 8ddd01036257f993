package io.kb4sync.core.state;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the dashboard keeps in the state store (docs/security.md): its accounts, its signed-in
 * sessions (shared by every node of a cluster) and the audit log of admin actions. Never a password
 * or a session id: only their hashes.
 */
public interface DashboardStore {

  // ---- accounts ----

  /**
   * Stores a new account.
   *
   * @return false, and nothing stored, when an account of that name exists
   */
  boolean saveAccount(DashboardAccount account);

  /**
   * Records a person who signed in with Entra ID: a new {@code entra} account with this role, or
   * the existing {@code entra} account of that name given this role (its {@code disabled} flag and
   * creation time kept).
   *
   * @param account an {@link DashboardAccount#ENTRA} account
   * @return the account as stored; empty, and nothing changed, when a local account has that name
   */
  Optional<DashboardAccount> putEntraAccount(DashboardAccount account);

  /** The account of that name, if any (disabled ones included). */
  Optional<DashboardAccount> account(String name);

  /** Every account, by name. */
  List<DashboardAccount> accounts();

  /**
   * Disables an account and deletes its sessions, at once.
   *
   * @return false when there is no account of that name
   */
  boolean disableAccount(String name);

  /** Records a sign-in; nothing for an unknown name. */
  void signedIn(String name, Instant at);

  // ---- sessions ----

  /**
   * Stores a new session.
   *
   * @throws RuntimeException when a session with that hash exists, or the store fails
   */
  void saveSession(DashboardSession session);

  /** The session whose id's SHA-256 is {@code hash}, if stored (expired or not). */
  Optional<DashboardSession> session(String hash);

  /** Records that the session served a request at {@code at}; nothing for an unknown hash. */
  void sessionSeen(String hash, Instant at);

  /** Deletes a session; nothing for an unknown hash. */
  void deleteSession(String hash);

  /**
   * Deletes every session of an account.
   *
   * @return how many were deleted
   */
  int deleteSessionsOf(String name);

  /**
   * Deletes the sessions last seen before {@code seenBefore} or created before {@code
   * createdBefore}: those that have expired.
   *
   * @return how many were deleted
   */
  int deleteSessions(Instant seenBefore, Instant createdBefore);

  // ---- audit log of admin actions ----

  /** Appends an entry. */
  void recordAdminAction(AdminEntry entry);

  /** The entries with {@code from <= at < to}, oldest first (in the order recorded at one time). */
  default List<AdminEntry> adminActions(Instant from, Instant to) {
    return adminActions(null, from, to);
  }

  /**
   * The entries of one action (null: of every action) with {@code from <= at < to}, oldest first;
   * read by an index on (action, at), so that a long log does not make a page read all of it.
   */
  List<AdminEntry> adminActions(String action, Instant from, Instant to);

  /**
   * At most {@code limit} entries of one action (null: of every action), the newest first (of one
   * millisecond, the last recorded first); read by the same indexes, so that a page of the newest
   * entries does not read the whole log.
   *
   * @param limit at least 1
   */
  List<AdminEntry> newestAdminActions(String action, int limit);
}
