package io.kb4sync.simulators.knowbe4;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one user and group store behind both surfaces of a simulated KnowBe4 account. Callers
 * synchronise on the instance for compound operations; every method here is synchronised.
 */
final class SimAccount {
  private final Map<String, SimUser> users = new LinkedHashMap<>();
  private final Map<String, SimGroup> groups = new LinkedHashMap<>();
  private final Random ids = new Random(4);
  // Reporting ids are integers from their own sequences, never equal to SCIM ids.
  private final AtomicLong nextUserReportingId = new AtomicLong(610_001);
  private final AtomicLong nextGroupReportingId = new AtomicLong(88_001);
  private volatile Clock clock = Clock.systemUTC();
  private int seats = 1000;
  private long scimCreates;

  synchronized Clock clock() {
    return clock;
  }

  synchronized void clock(Clock clock) {
    this.clock = clock;
  }

  synchronized Instant now() {
    return clock.instant();
  }

  synchronized int seats() {
    return seats;
  }

  synchronized void seats(int seats) {
    this.seats = seats;
  }

  synchronized long scimCreates() {
    return scimCreates;
  }

  synchronized String newScimId() {
    return new UUID(ids.nextLong(), ids.nextLong()).toString();
  }

  /** Adds a user; null when the userName is taken (active or archived: KnowBe4 keeps both). */
  synchronized SimUser addUser(String userName, boolean viaScim) {
    return addUser(userName, viaScim, true);
  }

  /** With {@code unique} false, a taken userName is accepted: a server that does not check. */
  synchronized SimUser addUser(String userName, boolean viaScim, boolean unique) {
    if (unique && findByUserName(userName, false).isPresent()) {
      return null;
    }
    SimUser user = new SimUser(newScimId(), nextUserReportingId.getAndIncrement(), userName, now());
    user.provisioningManaged = viaScim;
    user.autoEnrolled = viaScim;
    users.put(user.scimId, user);
    if (viaScim) {
      scimCreates++;
    }
    return user;
  }

  /** A deep copy of every user and group (for writes that must change nothing in the end). */
  synchronized Snapshot snapshot() {
    Map<String, SimUser> u = new LinkedHashMap<>();
    users.forEach((id, user) -> u.put(id, user.copy()));
    Map<String, SimGroup> g = new LinkedHashMap<>();
    groups.forEach((id, group) -> g.put(id, group.copy()));
    return new Snapshot(u, g);
  }

  /** Puts every user and group back as the snapshot had them. */
  synchronized void restore(Snapshot snapshot) {
    users.clear();
    snapshot.users().forEach((id, user) -> users.put(id, user.copy()));
    groups.clear();
    snapshot.groups().forEach((id, group) -> groups.put(id, group.copy()));
  }

  record Snapshot(Map<String, SimUser> users, Map<String, SimGroup> groups) {}

  synchronized SimGroup addGroup(String displayName) {
    if (findGroupByName(displayName).isPresent()) {
      return null;
    }
    SimGroup group = new SimGroup(newScimId(), nextGroupReportingId.getAndIncrement(), displayName);
    groups.put(group.scimId, group);
    return group;
  }

  synchronized List<SimUser> users() {
    return new ArrayList<>(users.values());
  }

  synchronized List<SimGroup> groups() {
    return new ArrayList<>(groups.values());
  }

  synchronized SimUser user(String scimId) {
    return users.get(scimId);
  }

  synchronized SimGroup group(String scimId) {
    return groups.get(scimId);
  }

  synchronized Optional<SimUser> userByReportingId(long id) {
    return users.values().stream().filter(u -> u.reportingId == id).findFirst();
  }

  synchronized Optional<SimGroup> groupByReportingId(long id) {
    return groups.values().stream().filter(g -> g.reportingId == id).findFirst();
  }

  synchronized Optional<SimUser> findByUserName(String userName, boolean caseSensitive) {
    return users.values().stream()
        .filter(u -> same(u.userName, userName, caseSensitive))
        .findFirst();
  }

  synchronized Optional<SimGroup> findGroupByName(String name) {
    return groups.values().stream().filter(g -> same(g.displayName, name, false)).findFirst();
  }

  synchronized void removeUser(String scimId) {
    users.remove(scimId);
    groups.values().forEach(g -> g.memberScimIds.remove(scimId));
  }

  synchronized void removeGroup(String scimId) {
    groups.remove(scimId);
  }

  /** Archive (false) keeps the user and its history, sets archived_at and frees a seat. */
  synchronized void setActive(SimUser user, boolean active) {
    if (user.active == active) {
      return;
    }
    user.active = active;
    user.archivedAt = active ? null : now();
  }

  synchronized long activeCount() {
    return users.values().stream().filter(u -> u.active).count();
  }

  synchronized List<String> groupNamesOf(SimUser user) {
    List<String> names = new ArrayList<>();
    for (SimGroup group : groups.values()) {
      if (group.memberScimIds.contains(user.scimId)) {
        names.add(group.displayName);
      }
    }
    return names;
  }

  static String key(String text) {
    return text == null ? null : text.trim().toLowerCase(Locale.ROOT);
  }

  private static boolean same(String a, String b, boolean caseSensitive) {
    if (a == null || b == null) {
      return false;
    }
    return caseSensitive ? a.equals(b) : key(a).equals(key(b));
  }
}
