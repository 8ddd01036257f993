package io.kb4sync.app.dashboard;

import io.kb4sync.server.Caller;
import io.kb4sync.server.Role;
import io.kb4sync.server.web.People;
import io.kb4sync.server.web.Person;
import io.kb4sync.server.web.Sessions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Local accounts kept in memory, passwords as PBKDF2-HMAC-SHA256 hashes: the demo's accounts.
 * Interim until the state-store accounts of {@code dash-auth} are merged.
 */
public final class MemoryPeople implements People {
  private static final int ITERATIONS = 120_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Account(Person person, byte[] salt, byte[] hash) {}

  private final Map<String, Account> accounts = new TreeMap<>();
  private final Clock clock;
  private final Sessions sessions;
  private final byte[] dummySalt = new byte[16];

  public MemoryPeople(Clock clock, Sessions sessions) {
    this.clock = clock;
    this.sessions = sessions;
  }

  /** Adds (or replaces) a local account. */
  public synchronized void add(String name, Role role, char[] password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    accounts.put(
        name,
        new Account(
            new Person(name, role, "local", false, clock.instant(), null),
            salt,
            hash(password, salt)));
  }

  @Override
  public Optional<Caller> checkPassword(String name, char[] password) {
    Account account;
    synchronized (this) {
      account = accounts.get(name);
    }
    // Hash even for an unknown name, so that timing does not tell which names exist.
    byte[] hash = hash(password, account == null ? dummySalt : account.salt());
    if (account == null
        || account.person().disabled()
        || !MessageDigest.isEqual(hash, account.hash())) {
      return Optional.empty();
    }
    synchronized (this) {
      Person p = account.person();
      accounts.put(
          name,
          new Account(
              new Person(p.name(), p.role(), p.source(), false, p.created(), clock.instant()),
              account.salt(),
              account.hash()));
    }
    return Optional.of(caller(account.person()));
  }

  @Override
  public synchronized Optional<Caller> active(String name) {
    Account account = accounts.get(name);
    return account == null || account.person().disabled()
        ? Optional.empty()
        : Optional.of(caller(account.person()));
  }

  @Override
  public synchronized List<Person> list() {
    return accounts.values().stream().map(Account::person).toList();
  }

  @Override
  public boolean disable(String name) {
    synchronized (this) {
      Account account = accounts.get(name);
      if (account == null) {
        return false;
      }
      Person p = account.person();
      accounts.put(
          name,
          new Account(
              new Person(p.name(), p.role(), p.source(), true, p.created(), p.lastSignIn()),
              account.salt(),
              account.hash()));
    }
    sessions.closeAllOf(name);
    return true;
  }

  private static Caller caller(Person person) {
    return new Caller(person.name(), person.role(), "ui:" + person.name());
  }

  private static byte[] hash(char[] password, byte[] salt) {
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
          .generateSecret(new PBEKeySpec(password, salt, ITERATIONS, 256))
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2 is not available", e);
    }
  }
}
