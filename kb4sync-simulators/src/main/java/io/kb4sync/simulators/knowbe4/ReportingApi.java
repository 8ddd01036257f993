package io.kb4sync.simulators.knowbe4;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The read-only KnowBe4 Reporting API surface of the simulated account ({@code /v1/...}). */
final class ReportingApi {
  private final SimAccount account;
  private final KnowBe4Simulator.Behaviour behaviour;
  private final RateWindow window = new RateWindow(System::nanoTime);

  ReportingApi(SimAccount account, KnowBe4Simulator.Behaviour behaviour) {
    this.account = account;
    this.behaviour = behaviour;
  }

  /** Forgets the requests the rate limits counted so far. */
  void resetLimits() {
    window.reset();
  }

  SimResponse handle(SimRequest request) {
    return withRequestId(route(request));
  }

  private SimResponse route(SimRequest request) {
    String auth = request.header("Authorization");
    if (auth == null || !auth.equals("Bearer " + behaviour.reportingKey)) {
      // A bad key may be answered 200 {"message":"Invalid Token"} (seen by JupiterOne's client).
      int status = behaviour.invalidTokenAs200 ? 200 : 401;
      return json(status, "{\"message\":\"Invalid Token\"}");
    }
    if (!window.tryAcquire(
        request.nanos(),
        behaviour.reportingPerSecond,
        behaviour.reportingPerMinute,
        behaviour.reportingPerDay)) {
      // KnowBe4 documents no 429 body; the daily limit is told apart here by its words.
      return json(
          429,
          window.dayExhausted(behaviour.reportingPerDay)
              ? "{\"message\":\"Too Many Requests: daily API limit reached\"}"
              : "{\"message\":\"Too Many Requests\"}");
    }
    if (!request.method().equals("GET")) {
      return json(405, "{\"message\":\"Method Not Allowed\"}");
    }
    String[] parts = request.path().replaceAll("^/+|/+$", "").split("/");
    // parts[0] == "v1"
    synchronized (account) {
      if (parts.length == 2 && parts[1].equals("account")) {
        return json(200, SimJson.write(accountJson()));
      }
      if (parts.length == 2 && parts[1].equals("users")) {
        return users(request);
      }
      if (parts.length == 3 && parts[1].equals("users")) {
        Optional<SimUser> user = parseId(parts[2]).flatMap(account::userByReportingId);
        return user.map(u -> json(200, SimJson.write(userJson(u)))).orElseGet(this::notFound);
      }
      if (parts.length == 2 && parts[1].equals("groups")) {
        return groups(request);
      }
      if (parts.length >= 3 && parts[1].equals("groups")) {
        Optional<SimGroup> group = parseId(parts[2]).flatMap(account::groupByReportingId);
        if (group.isEmpty()) {
          return notFound();
        }
        if (parts.length == 3) {
          return json(200, SimJson.write(groupJson(group.get())));
        }
        if (parts.length == 4 && parts[3].equals("members")) {
          List<ObjectNode> members = new ArrayList<>();
          for (String id : group.get().memberScimIds) {
            SimUser user = account.user(id);
            if (user != null) {
              members.add(userJson(user));
            }
          }
          return page(request, members);
        }
      }
      return notFound();
    }
  }

  private SimResponse users(SimRequest request) {
    // Without status the documented API is silent; we answer active users only, so a client
    // that forgets to ask for archived users is caught by its tests.
    String status = request.param("status");
    String wanted = status == null ? "active" : status;
    String groupId = request.param("group_id");
    List<ObjectNode> matching = new ArrayList<>();
    for (SimUser user : account.users()) {
      if (!wanted.equals(user.active ? "active" : "archived")) {
        continue;
      }
      if (lagging(user)) {
        continue;
      }
      if (groupId != null) {
        Optional<SimGroup> group = parseId(groupId).flatMap(account::groupByReportingId);
        if (group.isEmpty() || !group.get().memberScimIds.contains(user.scimId)) {
          continue;
        }
      }
      matching.add(userJson(user));
    }
    return page(request, matching);
  }

  /** A user made through SCIM that the Reporting API does not show yet (reporting lag). */
  private boolean lagging(SimUser user) {
    return user.autoEnrolled
        && !behaviour.reportingLag.isZero()
        && user.joinedOn.plus(behaviour.reportingLag).isAfter(account.now());
  }

  private SimResponse groups(SimRequest request) {
    String status = request.param("status");
    List<ObjectNode> matching = new ArrayList<>();
    if (status == null || status.equals("active")) {
      for (SimGroup group : account.groups()) {
        matching.add(groupJson(group));
      }
    }
    return page(request, matching);
  }

  /** {@code page} from 1, {@code per_page} at most 500; past the end an empty array. */
  private SimResponse page(SimRequest request, List<ObjectNode> all) {
    int page = Math.max(1, intParam(request, "page", 1));
    int perPage = Math.max(1, Math.min(500, intParam(request, "per_page", 100)));
    long fromLong = (long) (page - 1) * perPage;
    int from = (int) Math.min(all.size(), fromLong);
    int to = Math.min(all.size(), from + perPage);
    ArrayNode array = SimJson.MAPPER.createArrayNode();
    all.subList(from, to).forEach(array::add);
    return json(200, SimJson.write(array));
  }

  private ObjectNode accountJson() {
    ObjectNode node = SimJson.object();
    node.put("name", behaviour.accountName);
    node.put("type", "paid");
    ArrayNode domains = node.putArray("domains");
    behaviour.domains.forEach(domains::add);
    node.putArray("admins")
        .addObject()
        .put("id", 1)
        .put("first_name", "Sim")
        .put("last_name", "Admin")
        .put(
            "email",
            "admin@" + (behaviour.domains.isEmpty() ? "example.com" : behaviour.domains.get(0)));
    node.put("subscription_level", "Diamond");
    node.put("subscription_end_date", "2030-12-31");
    node.put("number_of_seats", account.seats());
    node.put("current_risk_score", 31.4);
    return node;
  }

  ObjectNode userJson(SimUser user) {
    ObjectNode node = SimJson.object();
    node.put("id", user.reportingId);
    SimJson.putIfNotNull(node, "employee_number", user.employeeNumber);
    node.put("first_name", user.givenName);
    node.put("last_name", user.familyName);
    node.put("job_title", user.title);
    node.put("email", user.userName);
    node.put("phish_prone_percentage", 12.5);
    node.putNull("phone_number");
    node.putNull("extension");
    node.putNull("mobile_phone_number");
    node.putNull("location");
    node.put("division", user.division);
    SimUser manager = user.managerScimId == null ? null : account.user(user.managerScimId);
    node.put("manager_name", manager == null ? null : fullName(manager));
    node.put("manager_email", manager == null ? null : manager.userName);
    if (behaviour.legacyFieldNames) {
      node.put(behaviour.legacySpelling, user.provisioningManaged);
      node.putNull("adi_guid");
    } else {
      node.put("provisioning_managed", user.provisioningManaged);
      // Deliberately not the SCIM id: how the two relate is undocumented.
      node.put(
          "provisioning_guid",
          user.provisioningManaged
              ? UUID.nameUUIDFromBytes(user.scimId.getBytes(StandardCharsets.UTF_8)).toString()
              : null);
    }
    if (!behaviour.reportingOmitsUserGroups) {
      ArrayNode groups = node.putArray("groups");
      for (SimGroup group : account.groups()) {
        if (group.memberScimIds.contains(user.scimId)) {
          groups.add(group.reportingId);
        }
      }
    }
    node.put("current_risk_score", 20.0);
    node.putArray("aliases");
    node.put("joined_on", user.joinedOn.toString());
    node.putNull("last_sign_in");
    node.put("status", user.active ? "active" : "archived");
    node.put("organization", user.organization);
    node.put("department", user.department);
    node.put("language", "English - United States");
    node.putNull("comment");
    node.putNull("employee_start_date");
    node.put("archived_at", user.archivedAt == null ? null : user.archivedAt.toString());
    node.putNull("custom_field_1");
    // A field the documentation does not list: clients must ignore unknown fields.
    node.put("sim_unlisted_field", "ignored");
    return node;
  }

  private ObjectNode groupJson(SimGroup group) {
    ObjectNode node = SimJson.object();
    node.put("id", group.reportingId);
    node.put("name", group.displayName);
    node.put("group_type", "console_group");
    node.putNull("provisioning_guid");
    node.put("member_count", group.memberScimIds.size());
    node.put("current_risk_score", 10.0);
    node.put("status", "active");
    return node;
  }

  private static String fullName(SimUser user) {
    String name =
        ((user.givenName == null ? "" : user.givenName)
                + " "
                + (user.familyName == null ? "" : user.familyName))
            .trim();
    return name.isEmpty() ? null : name;
  }

  private static Optional<Long> parseId(String text) {
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static int intParam(SimRequest request, String name, int fallback) {
    String value = request.param(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private SimResponse notFound() {
    return json(404, "{\"message\":\"Not Found\"}");
  }

  private static SimResponse json(int status, String body) {
    return SimResponse.json(status, body);
  }

  private static SimResponse withRequestId(SimResponse response) {
    return response.withHeader("X-Request-Id", UUID.randomUUID().toString());
  }
}
