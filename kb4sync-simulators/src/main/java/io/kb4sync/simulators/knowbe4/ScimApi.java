package io.kb4sync.simulators.knowbe4;

import static io.kb4sync.simulators.knowbe4.ScimMessages.error;

import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** The SCIM 2.0 surface of the simulated account: {@code /Users} and {@code /Groups}. */
final class ScimApi {
  private final SimAccount account;
  private final KnowBe4Simulator.Behaviour behaviour;
  private final ScimUsersApi users;
  private final ScimGroupsApi groups;
  private final Deque<Queued> queued = new ArrayDeque<>();

  /** A write accepted in delayed-apply mode, applied when {@code due} has passed. */
  private record Queued(Instant due, SimRequest request, String path) {}

  ScimApi(SimAccount account, KnowBe4Simulator.Behaviour behaviour, URI base) {
    this.account = account;
    this.behaviour = behaviour;
    this.users = new ScimUsersApi(account, behaviour, base);
    this.groups = new ScimGroupsApi(account, behaviour, base);
  }

  /** Handles a request whose path is relative to the SCIM base ({@code /Users...}). */
  SimResponse handle(SimRequest request, String path) {
    String auth = request.header("Authorization");
    if (auth == null || !auth.equals("Bearer " + behaviour.scimToken)) {
      return error(401, null, "Authorization failure. The authorization header is invalid.");
    }
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    String collection = parts[0];
    String id = parts.length > 1 ? parts[1] : null;
    if (parts.length > 2 || !(collection.equals("Users") || collection.equals("Groups"))) {
      return error(404, null, "Endpoint not found: " + path);
    }
    synchronized (account) {
      applyDue();
      if (!request.isWrite()) {
        return route(request, collection, id);
      }
      if (behaviour.testMode) {
        // KnowBe4's SCIM Test Mode: requests are accepted and answered, nothing changes
        // (https://support.knowbe4.com/hc/en-us/articles/360052380374).
        SimAccount.Snapshot before = account.snapshot();
        SimResponse response = route(request, collection, id);
        account.restore(before);
        return response;
      }
      if (!behaviour.applyDelay.isZero()) {
        // Accepted now, applied later ("Pending", "Processing" on the Provisioning subtab). The
        // answer is the one an immediate apply would give; the write is replayed when due.
        SimAccount.Snapshot before = account.snapshot();
        SimResponse response = route(request, collection, id);
        account.restore(before);
        if (response.status() / 100 == 2) {
          queued.addLast(new Queued(account.now().plus(behaviour.applyDelay), request, path));
        }
        return response;
      }
      return route(request, collection, id);
    }
  }

  /** Applies the delayed writes whose time has come, in the order they were accepted. */
  void applyDue() {
    synchronized (account) {
      Instant now = account.now();
      while (!queued.isEmpty() && !queued.peekFirst().due().isAfter(now)) {
        Queued write = queued.pollFirst();
        String[] parts = write.path().replaceAll("^/+|/+$", "").split("/");
        // A replayed create whose userName is taken by then fails (409): never a second user.
        route(write.request(), parts[0], parts.length > 1 ? parts[1] : null);
      }
    }
  }

  /** Writes accepted and not applied yet (delayed-apply mode). */
  int queuedWrites() {
    synchronized (account) {
      return queued.size();
    }
  }

  private SimResponse route(SimRequest request, String collection, String id) {
    if (collection.equals("Users")) {
      return users.handle(request, id);
    }
    return groups.handle(request, id);
  }
}
