package io.kb4sync.app.signin;

import io.kb4sync.core.state.DashboardAccount;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.server.Caller;
import io.kb4sync.server.Role;
import io.kb4sync.server.web.People;
import io.kb4sync.server.web.Person;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Dashboard accounts over the state store (docs/security.md): local ones with an Argon2id hash of
 * their password ({@code kb4sync user add}), and those recorded when a person signs in with Entra
 * ID. An unknown name, an Entra ID account and a disabled one are checked against a dummy hash, so
 * that a wrong password takes about as long whichever it is.
 */
public final class StorePeople implements People {

  /** The shortest password {@code kb4sync user add} accepts, in characters. */
  public static final int MIN_PASSWORD_LENGTH = 12;

  private final StateStore store;
  private final Clock clock;
  private final PasswordHashing hashing = new PasswordHashing();

  public StorePeople(StateStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The caller a dashboard account acts as: trigger {@code ui:<name>}. */
  public static Caller caller(String name, Role role) {
    return new Caller(name, role, "ui:" + name);
  }

  /**
   * Adds a local account with the hash of this password.
   *
   * @return false, and nothing stored, when an account of that name exists
   * @throws IllegalArgumentException when the name is not a valid account name
   */
  public boolean add(String name, Role role, char[] password) {
    Objects.requireNonNull(role, "role");
    if (!DashboardAccount.validName(name)) {
      throw new IllegalArgumentException("not a valid user name: " + name);
    }
    return store.saveAccount(
        DashboardAccount.local(name, role.id(), hashing.hash(password), clock.instant()));
  }

  @Override
  public Optional<Caller> checkPassword(String name, char[] password) {
    Optional<DashboardAccount> found =
        DashboardAccount.validName(name) ? store.account(name) : Optional.empty();
    if (found.isEmpty() || found.get().phcHash() == null) {
      hashing.matchesNothing(password);
      return Optional.empty();
    }
    DashboardAccount account = found.get();
    boolean matches = hashing.matches(password, account.phcHash());
    Optional<Role> role = Role.fromId(account.role());
    if (!matches || account.disabled() || role.isEmpty()) {
      return Optional.empty();
    }
    store.signedIn(name, clock.instant());
    return Optional.of(caller(name, role.get()));
  }

  @Override
  public Optional<Caller> active(String name) {
    if (!DashboardAccount.validName(name)) {
      return Optional.empty();
    }
    return store
        .account(name)
        .filter(account -> !account.disabled())
        .flatMap(account -> Role.fromId(account.role()).map(role -> caller(name, role)));
  }

  @Override
  public Optional<Caller> signedInWithEntra(String name, Role role) {
    Objects.requireNonNull(role, "role");
    if (!DashboardAccount.validName(name)) {
      return Optional.empty();
    }
    Optional<DashboardAccount> stored =
        store.putEntraAccount(
            new DashboardAccount(
                name, role.id(), DashboardAccount.ENTRA, null, false, clock.instant(), null));
    if (stored.isEmpty() || stored.get().disabled()) {
      return Optional.empty();
    }
    store.signedIn(name, clock.instant());
    return Optional.of(caller(name, role));
  }

  @Override
  public List<Person> list() {
    return store.accounts().stream()
        .map(
            account ->
                new Person(
                    account.name(),
                    Role.fromId(account.role()).orElse(Role.VIEWER),
                    account.source(),
                    account.disabled(),
                    account.created(),
                    account.lastSignIn()))
        .toList();
  }

  @Override
  public boolean disable(String name) {
    return DashboardAccount.validName(name) && store.disableAccount(name);
  }
}
