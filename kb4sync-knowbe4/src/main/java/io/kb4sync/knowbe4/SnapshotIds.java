package io.kb4sync.knowbe4;

import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.UserResource;
import io.kb4sync.core.Emails;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.remote.RemoteException.Kind;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ids a snapshot hands to the engine, and their SCIM ids for writes.
 *
 * <p>A SCIM read (and an audit's Reporting read, which lists SCIM beside) carries SCIM ids: what
 * writes need and what {@link KnowBe4Platform#create} returns. A sync's Reporting read does not
 * list SCIM (it reads KnowBe4 once), so each user there carries a stand-in id naming its address
 * ({@code kb4-email:}) and each group one naming its display name ({@code kb4-group:}); a write
 * resolves a stand-in by a {@code userName eq} (or {@code displayName eq}) lookup, cached.
 *
 * <p>Lookups or one listing, whichever is cheaper: one SCIM listing of N users costs ⌈N/100⌉
 * requests (KnowBe4 pages at most 100), a lookup one. A run looks users up one by one until its
 * lookups reach the listing's pages, or until one call (the members of a group) needs more
 * stand-ins than the lookups left; then it reads the listing once and takes the rest from it. So a
 * run never pays more than twice what the cheaper choice would have cost, and a run that writes
 * little (the usual one) pays a request per user it writes. A user the listing does not show (the
 * console's SCIM exclusion list) is still looked up.
 */
final class SnapshotIds {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotIds.class);
  static final String BY_EMAIL = "kb4-email:";
  static final String BY_GROUP_NAME = "kb4-group:";

  /** A second Reporting user with an address another one has: no write resolves it. */
  static final String BY_REPORTING_ID = "kb4-reporting:";

  private final ScimClient scim;
  private final int pageSize;
  private final Map<String, String> resolved = new ConcurrentHashMap<>();
  private final AtomicInteger lookups = new AtomicInteger();
  private volatile int listingPages = Integer.MAX_VALUE;
  private volatile Map<String, String> listed;

  SnapshotIds(ScimClient scim, int pageSize) {
    this.scim = scim;
    this.pageSize = pageSize;
  }

  static String forEmail(String email) {
    return BY_EMAIL + Emails.key(email);
  }

  static String forReportingId(long reportingId) {
    return BY_REPORTING_ID + reportingId;
  }

  static String forGroupName(String displayName) {
    return BY_GROUP_NAME + displayName.trim();
  }

  /** What one SCIM listing of the account would cost, from the size of the snapshot just read. */
  void accountHolds(int users) {
    listingPages = Math.max(1, (users + pageSize - 1) / pageSize);
  }

  /** Lookups sent so far (tests and measurements). */
  int lookups() {
    return lookups.get();
  }

  /**
   * Resolves the stand-ins among these ids at once, by one listing when they are more than the
   * lookups left (see the class comment); afterwards {@link #userScimId} answers from the cache.
   */
  void prepare(Collection<String> ids) {
    Set<String> open = new LinkedHashSet<>();
    for (String id : ids) {
      if (id.startsWith(BY_EMAIL) && !resolved.containsKey(id)) {
        open.add(id);
      }
    }
    if (listed == null && open.size() > listingPages - lookups.get()) {
      list();
    }
  }

  /** The SCIM id of a user id from a snapshot (or from {@code create}). */
  String userScimId(String id) {
    if (id.startsWith(BY_REPORTING_ID)) {
      throw new RemoteException(
          Kind.NOT_FOUND,
          RemoteErrors.SCIM,
          "KnowBe4 lists two users with the address of Reporting API user "
              + id.substring(BY_REPORTING_ID.length())
              + ": kb4sync changes neither; merge or rename one in the KnowBe4 console");
    }
    if (!id.startsWith(BY_EMAIL)) {
      return id;
    }
    String cached = resolved.get(id);
    if (cached != null) {
      return cached;
    }
    String email = id.substring(BY_EMAIL.length());
    if (listed == null && lookups.get() >= listingPages) {
      list();
    }
    Map<String, String> fromListing = listed;
    String scimId = fromListing == null ? null : fromListing.get(email);
    if (scimId == null) {
      lookups.incrementAndGet();
      scimId = scim.findUser(email, true).map(UserResource::getId).orElse(null);
    }
    if (scimId == null && fromListing == null) {
      // KnowBe4 does not document whether its userName filter ignores case, and the stand-in
      // holds the address lower-cased: a user whose address has capitals (from the console or a
      // CSV) is found by the listing, which is keyed by the lower-cased address.
      list();
      scimId = listed.get(email);
    }
    if (scimId == null) {
      throw new RemoteException(
          Kind.NOT_FOUND,
          RemoteErrors.SCIM,
          "KnowBe4 SCIM has no user with userName "
              + email
              + " although the Reporting API lists one: only users visible to SCIM provisioning"
              + " can be changed by kb4sync");
    }
    resolved.put(id, scimId);
    return scimId;
  }

  /**
   * Reads the SCIM listing once and keeps every user's id by address. The listing is read while
   * this run's writes go on (its creates move it), so it is a lookup table, not a snapshot: a user
   * it misses is looked up on its own, and one without a userName or id is left out.
   */
  private synchronized void list() {
    if (listed != null) {
      return;
    }
    Map<String, String> byEmail = new HashMap<>();
    List<UserResource> users;
    try {
      users = scim.listUsersToLookUp();
    } catch (RemoteException e) {
      // An account that will not list (KnowBe4 documents only userName lookups), or a listing
      // that failed: every user is looked up on its own, and a lookup that fails fails its own
      // write (no listing is tried again this run).
      LOG.warn(
          "KnowBe4 SCIM listing failed or refused ({}); looking users up one by one",
          e.getMessage());
      users = List.of();
    }
    for (UserResource user : users) {
      String key = Emails.key(user.getUserName());
      if (key != null && user.getId() != null && !user.getId().isBlank()) {
        byEmail.putIfAbsent(key, user.getId());
      }
    }
    listed = byEmail;
  }

  /** The SCIM id of a group id from a snapshot (or from {@code createGroup}). */
  String groupScimId(String id) {
    if (!id.startsWith(BY_GROUP_NAME)) {
      return id;
    }
    String cached = resolved.get(id);
    if (cached != null) {
      return cached;
    }
    String name = id.substring(BY_GROUP_NAME.length());
    String scimId =
        scim.findGroup(name, true)
            .map(GroupResource::getId)
            .orElseThrow(
                () ->
                    new RemoteException(
                        Kind.NOT_FOUND,
                        RemoteErrors.SCIM,
                        "KnowBe4 SCIM has no group named "
                            + name
                            + " although the Reporting API lists one: only SCIM-managed groups"
                            + " can be changed by kb4sync"));
    resolved.put(id, scimId);
    return scimId;
  }
}
