package io.kb4sync.core.testing;

import io.kb4sync.core.Emails;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.training.AttributeChange;
import io.kb4sync.core.training.NewUser;
import io.kb4sync.core.training.TrainingGroup;
import io.kb4sync.core.training.TrainingPlatform;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;

/** A KnowBe4 account in memory, for engine tests. Counts writes; can be told to fail some. */
public final class InMemoryPlatform implements TrainingPlatform {
  private final Map<String, TrainingUser> users = new LinkedHashMap<>();
  private final Map<String, String> groupNames = new LinkedHashMap<>();
  private final Map<String, Set<String>> members = new LinkedHashMap<>();
  private final List<String> writes = new ArrayList<>();
  private final Map<String, TrainingUser> hidden = new LinkedHashMap<>();
  private OptionalInt seats = OptionalInt.empty();
  private Predicate<String> failCreateOf = email -> false;
  private RemoteException failRead;
  private int nextId = 1;
  private int createsBeforeDeath = Integer.MAX_VALUE;
  private Runnable afterCreate = () -> {};

  public static InMemoryPlatform of(TrainingSnapshot snapshot) {
    InMemoryPlatform platform = new InMemoryPlatform();
    snapshot.users().forEach(u -> platform.users.put(u.id(), u));
    snapshot
        .groups()
        .forEach(
            g -> {
              platform.groupNames.put(g.id(), g.displayName());
              platform.members.put(g.id(), new HashSet<>(g.memberIds()));
            });
    platform.seats = snapshot.seats();
    return platform;
  }

  public InMemoryPlatform failCreateOf(Predicate<String> emails) {
    this.failCreateOf = emails;
    return this;
  }

  /** After this many creates the next one throws an Error, as if the process died mid-run. */
  public synchronized InMemoryPlatform dieAfterCreates(int creates) {
    this.createsBeforeDeath = creates;
    return this;
  }

  /** Runs {@code action} after each successful create (e.g. to lose the lock mid-phase). */
  public synchronized InMemoryPlatform afterCreate(Runnable action) {
    this.afterCreate = action;
    return this;
  }

  public InMemoryPlatform failRead(RemoteException e) {
    this.failRead = e;
    return this;
  }

  public synchronized List<String> writes() {
    return List.copyOf(writes);
  }

  public synchronized TrainingUser byEmail(String email) {
    return users.values().stream()
        .filter(u -> Emails.same(u.email(), email))
        .findFirst()
        .orElse(null);
  }

  public synchronized Set<String> memberEmails(String groupName) {
    Set<String> emails = new HashSet<>();
    groupNames.forEach(
        (id, name) -> {
          if (name.equalsIgnoreCase(groupName)) {
            members.get(id).forEach(m -> emails.add(Emails.key(users.get(m).email())));
          }
        });
    return emails;
  }

  @Override
  public synchronized TrainingSnapshot read() {
    if (failRead != null) {
      throw failRead;
    }
    List<TrainingGroup> groups = new ArrayList<>();
    groupNames.forEach((id, name) -> groups.add(new TrainingGroup(id, name, members.get(id))));
    return new TrainingSnapshot(List.copyOf(users.values()), groups, seats);
  }

  /** Seeds a user the next read will not see, as if another process created it meanwhile. */
  public synchronized void hiddenUntilCreate(TrainingUser user) {
    hidden.put(Emails.key(user.email()), user);
  }

  @Override
  public synchronized TrainingUser create(NewUser user) {
    if (createsBeforeDeath-- <= 0) {
      throw new Error("the process died");
    }
    writes.add("create " + user.email());
    TrainingUser existing = hidden.remove(Emails.key(user.email()));
    if (existing != null) {
      users.put(existing.id(), existing);
      return existing; // as a SCIM client does after a 409: the user that holds the userName
    }
    if (failCreateOf.test(user.email())) {
      throw new RemoteException(
          RemoteException.Kind.BAD_REQUEST, "KnowBe4 SCIM", "400 invalidValue: refused");
    }
    TrainingUser created =
        new TrainingUser(
            "new-" + nextId++,
            user.email(),
            user.givenName(),
            user.familyName(),
            user.department(),
            user.title(),
            user.managerId(),
            true);
    users.put(created.id(), created);
    afterCreate.run();
    return created;
  }

  @Override
  public synchronized void update(String userId, List<AttributeChange> changes) {
    writes.add("update " + userId);
    TrainingUser u = require(userId);
    for (AttributeChange change : changes) {
      String v = change.to();
      switch (change.attribute()) {
        case EMAIL ->
            u =
                copy(
                    u,
                    v,
                    u.givenName(),
                    u.familyName(),
                    u.department(),
                    u.title(),
                    u.managerId(),
                    u.active());
        case GIVEN_NAME ->
            u =
                copy(
                    u,
                    u.email(),
                    v,
                    u.familyName(),
                    u.department(),
                    u.title(),
                    u.managerId(),
                    u.active());
        case FAMILY_NAME ->
            u =
                copy(
                    u,
                    u.email(),
                    u.givenName(),
                    v,
                    u.department(),
                    u.title(),
                    u.managerId(),
                    u.active());
        case DEPARTMENT ->
            u =
                copy(
                    u,
                    u.email(),
                    u.givenName(),
                    u.familyName(),
                    v,
                    u.title(),
                    u.managerId(),
                    u.active());
        case TITLE ->
            u =
                copy(
                    u,
                    u.email(),
                    u.givenName(),
                    u.familyName(),
                    u.department(),
                    v,
                    u.managerId(),
                    u.active());
        case MANAGER ->
            u =
                copy(
                    u,
                    u.email(),
                    u.givenName(),
                    u.familyName(),
                    u.department(),
                    u.title(),
                    v,
                    u.active());
      }
    }
    users.put(userId, u);
  }

  @Override
  public synchronized void setActive(String userId, boolean active) {
    writes.add((active ? "restore " : "archive ") + userId);
    TrainingUser u = require(userId);
    users.put(
        userId,
        copy(
            u,
            u.email(),
            u.givenName(),
            u.familyName(),
            u.department(),
            u.title(),
            u.managerId(),
            active));
  }

  @Override
  public synchronized void delete(String userId) {
    writes.add("delete " + userId);
    require(userId);
    users.remove(userId);
    members.values().forEach(m -> m.remove(userId));
  }

  @Override
  public synchronized TrainingGroup createGroup(String displayName) {
    writes.add("create group " + displayName);
    String id = "group-" + nextId++;
    groupNames.put(id, displayName);
    members.put(id, new HashSet<>());
    return new TrainingGroup(id, displayName, Set.of());
  }

  @Override
  public synchronized void addMembers(String groupId, List<String> userIds) {
    writes.add("add " + groupId + " " + userIds.size());
    members.get(groupId).addAll(userIds);
  }

  @Override
  public synchronized void removeMembers(String groupId, List<String> userIds) {
    writes.add("remove " + groupId + " " + userIds.size());
    userIds.forEach(members.get(groupId)::remove);
  }

  private TrainingUser require(String id) {
    TrainingUser u = users.get(id);
    if (u == null) {
      throw new RemoteException(
          RemoteException.Kind.NOT_FOUND, "KnowBe4 SCIM", "404 no user " + id);
    }
    return u;
  }

  private static TrainingUser copy(
      TrainingUser u,
      String email,
      String given,
      String family,
      String dept,
      String title,
      String manager,
      boolean active) {
    return new TrainingUser(u.id(), email, given, family, dept, title, manager, active);
  }
}
