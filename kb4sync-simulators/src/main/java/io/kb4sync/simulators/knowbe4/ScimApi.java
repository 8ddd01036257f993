package io.kb4sync.simulators.knowbe4;

import static io.kb4sync.simulators.knowbe4.ScimMessages.error;

import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import java.net.URI;

/** The SCIM 2.0 surface of the simulated account: {@code /Users} and {@code /Groups}. */
final class ScimApi {
  private final SimAccount account;
  private final KnowBe4Simulator.Behaviour behaviour;
  private final ScimUsersApi users;
  private final ScimGroupsApi groups;

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
      if (collection.equals("Users")) {
        return users.handle(request, id);
      }
      return groups.handle(request, id);
    }
  }
}
