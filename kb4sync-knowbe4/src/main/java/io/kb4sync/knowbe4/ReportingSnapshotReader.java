package io.kb4sync.knowbe4;

import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.UserResource;
import io.kb4sync.core.Emails;
import io.kb4sync.core.training.TrainingGroup;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the account through the Reporting API (roster, status, attributes, groups, seats).
 *
 * <p>A sync reads KnowBe4 once (issue 14, item 2): the Reporting API alone, every user under a
 * stand-in id naming its address and every group under one naming its display name ({@link
 * SnapshotIds}); writes look the SCIM ids up for just the users and groups they touch. Links the
 * engine stored with SCIM ids (from SCIM reads, or from creates) still find their user: the engine
 * matches a link whose id is not in the snapshot by the address it last synced (docs/knowbe4.md,
 * "Reading KnowBe4 once").
 *
 * <p>An audit also reads the SCIM listing ({@code listScim}) and takes the ids from it, correlated
 * by {@code email} = {@code userName}, trimmed and lower-cased; groups by name; that read names the
 * users SCIM does not list.
 *
 * <p>Reporting lags SCIM: a user created through SCIM may take minutes to appear in the Reporting
 * API (assumed, not documented: the two surfaces are separate services). With the SCIM listing, a
 * user (or group) only it shows is taken from SCIM. Without, a sync's pending-writes record holds a
 * create the Reporting API does not show yet (not sent again for an hour, then only after a lookup
 * by {@code userName}), and {@link KnowBe4Platform#createGroup} looks a group up by name before it
 * creates one. The reverse, a user only the Reporting API shows, is named in {@link
 * TrainingSnapshot#notListedByScim()}: the console's SCIM exclusion list, console and CSV users,
 * old ADI users (docs/knowbe4.md).
 */
final class ReportingSnapshotReader {
  private static final Logger LOG = LoggerFactory.getLogger(ReportingSnapshotReader.class);

  private final ReportingClient reporting;
  private final ScimClient scim;
  private final boolean listScim;

  /**
   * @param listScim whether to read the whole SCIM listing beside (SCIM ids for every user, the
   *     users only SCIM lists, the users SCIM does not list; an audit); without, every user gets a
   *     stand-in id that writes resolve ({@link SnapshotIds}), and a sync reads KnowBe4 once
   */
  ReportingSnapshotReader(ReportingClient reporting, ScimClient scim, boolean listScim) {
    this.reporting = reporting;
    this.scim = scim;
    this.listScim = listScim;
  }

  TrainingSnapshot read() {
    return read(reporting.account(), List.of());
  }

  /**
   * @param account the account, read already (its seats decide the daily allowance)
   * @param warnings what the caller has to say about this read
   */
  TrainingSnapshot read(ReportingAccount account, List<String> warnings) {
    List<ReportingUser> active = reporting.users("active");
    List<ReportingUser> archived = reporting.users("archived");
    List<ReportingGroup> groups = reporting.groups("active");
    List<UserResource> scimUsers = listScim ? scim.listUsers() : List.of();
    List<GroupResource> scimGroups = listScim ? scim.listGroups() : List.of();

    if (active.isEmpty() && archived.isEmpty()) {
      // Reported for a wrong region: the key works there, but for an empty account. Without the
      // listing, SCIM's count costs one request, and only when the Reporting API lists no one.
      long scimCount = listScim ? scimUsers.size() : scim.userCount();
      if (scimCount > 0) {
        throw reporting.errors().regionMismatch("lists no users while SCIM lists " + scimCount);
      }
    }

    Map<String, Deque<String>> scimIdsByEmail = new HashMap<>();
    for (UserResource user : scimUsers) {
      String key = Emails.key(user.getUserName());
      if (key != null) {
        scimIdsByEmail.computeIfAbsent(key, k -> new ArrayDeque<>()).add(user.getId());
      }
    }

    List<String> notListedByScim = new ArrayList<>();
    Map<Long, String> idByReportingId = new LinkedHashMap<>();
    Map<String, String> idByEmail = new HashMap<>();
    List<Listed> roster = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    for (List<ReportingUser> list : List.of(active, archived)) {
      boolean listedActive = list == active;
      for (ReportingUser user : list) {
        if (!seen.add(user.id())) {
          // Listed active and archived: it changed between the two listings.
          throw reporting.errors().incomplete("user " + user.id() + " is both active and archived");
        }
        String key = Emails.key(user.email());
        if (key == null) {
          LOG.warn("KnowBe4 Reporting API user {} has no email; left out", user.id());
          continue;
        }
        Deque<String> candidates = scimIdsByEmail.get(key);
        String id;
        if (candidates != null && !candidates.isEmpty()) {
          id = candidates.poll();
        } else if (idByEmail.containsKey(key)) {
          // A second user with this address: an id no write resolves (the engine holds both as a
          // conflict of two KnowBe4 users with one email).
          id = SnapshotIds.forReportingId(user.id());
        } else {
          id = SnapshotIds.forEmail(key);
          if (listScim) {
            notListedByScim.add(key);
          }
        }
        idByReportingId.put(user.id(), id);
        idByEmail.putIfAbsent(key, id);
        roster.add(new Listed(user, listedActive));
      }
    }

    List<TrainingUser> users = new ArrayList<>();
    boolean everyUserListsGroups = true;
    for (Listed listed : roster) {
      ReportingUser user = listed.user();
      String managerKey = Emails.key(user.managerEmail());
      users.add(
          new TrainingUser(
              idByReportingId.get(user.id()),
              user.email().trim(),
              user.firstName(),
              user.lastName(),
              user.department(),
              user.jobTitle(),
              managerKey == null ? null : idByEmail.get(managerKey),
              // The list it came from decides; the status field is only asked for.
              listed.active()));
      everyUserListsGroups &= user.groups() != null;
    }

    // Users only SCIM lists (created through SCIM, not yet in the Reporting API): from SCIM.
    Set<String> scimOnly = new HashSet<>();
    for (UserResource resource : scimUsers) {
      Deque<String> left = scimIdsByEmail.get(Emails.key(resource.getUserName()));
      if (left == null || !left.remove(resource.getId())) {
        continue;
      }
      TrainingUser user = ScimMapping.toTraining(resource);
      if (user != null) {
        users.add(user);
        scimOnly.add(user.id());
      }
    }
    if (!scimOnly.isEmpty()) {
      LOG.info(
          "{} KnowBe4 users are listed by SCIM but not (yet) by the Reporting API; read from SCIM",
          scimOnly.size());
    }

    Map<String, String> scimGroupIdByName = new HashMap<>();
    Map<String, GroupResource> scimGroupByName = new LinkedHashMap<>();
    for (GroupResource group : scimGroups) {
      if (group.getDisplayName() != null) {
        scimGroupIdByName.putIfAbsent(key(group.getDisplayName()), group.getId());
        scimGroupByName.putIfAbsent(key(group.getDisplayName()), group);
      }
    }
    List<TrainingGroup> trainingGroups = new ArrayList<>();
    for (ReportingGroup group : groups) {
      if (group.id() == null || group.name() == null) {
        LOG.warn("KnowBe4 Reporting API group without id or name; left out");
        continue;
      }
      Set<String> members = new LinkedHashSet<>();
      if (everyUserListsGroups) {
        // Each user lists its groups: no request per group (the API allows 4/s, 50/min).
        for (Listed listed : roster) {
          if (listed.user().groups().contains(group.id())) {
            members.add(idByReportingId.get(listed.user().id()));
          }
        }
      } else {
        for (ReportingUser member : reporting.members(group.id())) {
          String id = idByReportingId.get(member.id());
          if (id != null) {
            members.add(id);
          }
        }
      }
      GroupResource scimGroup = scimGroupByName.remove(key(group.name()));
      if (scimGroup != null) {
        // Members only SCIM knows yet (users only SCIM lists).
        ScimMapping.toTraining(scimGroup).memberIds().stream()
            .filter(scimOnly::contains)
            .forEach(members::add);
      }
      String id =
          scimGroupIdByName.getOrDefault(key(group.name()), SnapshotIds.forGroupName(group.name()));
      trainingGroups.add(new TrainingGroup(id, group.name(), members));
    }
    // Groups only SCIM lists (created through SCIM, not yet in the Reporting API).
    for (GroupResource group : scimGroupByName.values()) {
      trainingGroups.add(ScimMapping.toTraining(group));
    }
    notListedByScim.sort(null);
    return new TrainingSnapshot(
        users, trainingGroups, OptionalInt.of(account.numberOfSeats()), warnings, notListedByScim);
  }

  private record Listed(ReportingUser user, boolean active) {}

  private static String key(String name) {
    return name.trim().toLowerCase(java.util.Locale.ROOT);
  }
}
