package io.kb4sync.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.kb4sync.core.directory.DirectoryUser;
import io.kb4sync.core.remote.RemoteException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one Graph user object into a {@link DirectoryUser}. Only {@code id} and {@code
 * userPrincipalName} are required; an absent or null optional field becomes null (or an empty
 * list). A field of the wrong JSON type is a bad response rather than a guess: M365 is
 * authoritative, and a guessed null would clear a KnowBe4 value.
 */
final class UserParser {
  private final String tenant;
  private final Map<String, String> skuPartNumbers;

  /**
   * @param skuPartNumbers skuId (lower-case) to skuPartNumber, from subscribedSkus
   */
  UserParser(String tenant, Map<String, String> skuPartNumbers) {
    this.tenant = tenant;
    this.skuPartNumbers = skuPartNumbers;
  }

  DirectoryUser parse(JsonNode user, URI page) {
    if (user == null || !user.isObject()) {
      throw bad(page, "a user entry that is not a JSON object");
    }
    String id = text(user, "id", page, null);
    String upn = text(user, "userPrincipalName", page, id);
    if (id == null || id.isBlank()) {
      throw bad(
          page, "a user without id" + (upn == null ? "" : " (userPrincipalName " + upn + ")"));
    }
    if (upn == null || upn.isBlank()) {
      throw bad(page, "a user without userPrincipalName (id " + id + ")");
    }
    return new DirectoryUser(
        id,
        upn,
        text(user, "mail", page, id),
        text(user, "givenName", page, id),
        text(user, "surname", page, id),
        text(user, "displayName", page, id),
        bool(user, "accountEnabled", page, id),
        text(user, "userType", page, id),
        licenses(user, page, id),
        strings(user, "proxyAddresses", page, id),
        text(user, "department", page, id),
        text(user, "jobTitle", page, id),
        managerId(user, page, id));
  }

  /** skuIds become skuPartNumbers; an skuId the tenant does not list stays as its GUID. */
  private Set<String> licenses(JsonNode user, URI page, String id) {
    JsonNode licenses = user.get("assignedLicenses");
    if (licenses == null || licenses.isNull()) {
      return Set.of();
    }
    if (!licenses.isArray()) {
      throw bad(page, "user " + id + ": assignedLicenses is not an array");
    }
    Set<String> result = new LinkedHashSet<>();
    for (JsonNode license : licenses) {
      JsonNode skuId = license == null ? null : license.get("skuId");
      if (skuId == null || !skuId.isTextual() || skuId.asText().isBlank()) {
        throw bad(page, "user " + id + ": an assigned license without skuId");
      }
      String guid = skuId.asText().trim();
      result.add(skuPartNumbers.getOrDefault(guid.toLowerCase(Locale.ROOT), guid));
    }
    return result;
  }

  /**
   * The expanded manager comes as an object with at least {@code id} (whether or not Graph honoured
   * the nested {@code $select}; known issue 13635 says it may not), or is absent/null when the user
   * has none.
   */
  private String managerId(JsonNode user, URI page, String id) {
    JsonNode manager = user.get("manager");
    if (manager == null || manager.isNull()) {
      return null;
    }
    if (!manager.isObject()) {
      throw bad(page, "user " + id + ": manager is not an object");
    }
    JsonNode managerId = manager.get("id");
    if (managerId == null || !managerId.isTextual() || managerId.asText().isBlank()) {
      throw bad(page, "user " + id + ": a manager without id");
    }
    return managerId.asText();
  }

  private List<String> strings(JsonNode user, String field, URI page, String id) {
    JsonNode node = user.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw bad(page, "user " + id + ": " + field + " is not an array");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode value : node) {
      if (!value.isTextual()) {
        throw bad(page, "user " + id + ": " + field + " holds a value that is not a string");
      }
      values.add(value.asText());
    }
    return values;
  }

  private String text(JsonNode user, String field, URI page, String id) {
    JsonNode node = user.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw bad(page, "user " + (id == null ? "?" : id) + ": " + field + " is not a string");
    }
    return node.asText();
  }

  private Boolean bool(JsonNode user, String field, URI page, String id) {
    JsonNode node = user.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      throw bad(page, "user " + id + ": " + field + " is not true or false");
    }
    return node.asBoolean();
  }

  private RemoteException bad(URI page, String problem) {
    return GraphErrors.badResponse(tenant, page, problem);
  }
}
