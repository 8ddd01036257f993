package io.kb4sync.simulators.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The user properties the simulator knows, and how each goes on the wire. */
final class UserFields {
  /** Graph's default set when no $select is given (user-list.md), in Graph's order. */
  static final List<String> DEFAULT =
      List.of(
          "businessPhones",
          "displayName",
          "givenName",
          "jobTitle",
          "mail",
          "mobilePhone",
          "officeLocation",
          "preferredLanguage",
          "surname",
          "userPrincipalName",
          "id");

  static final List<String> KNOWN =
      List.of(
          "id",
          "userPrincipalName",
          "mail",
          "givenName",
          "surname",
          "displayName",
          "accountEnabled",
          "userType",
          "assignedLicenses",
          "proxyAddresses",
          "department",
          "jobTitle",
          "businessPhones",
          "mobilePhone",
          "officeLocation",
          "preferredLanguage",
          "employeeId",
          "onPremisesSyncEnabled");

  /** Properties Graph refuses to return in a list (501), e.g. aboutMe (user-list.md). */
  static final Set<String> NOT_IN_LISTS =
      Set.of(
          "aboutme",
          "birthday",
          "hiredate",
          "interests",
          "mysite",
          "pastprojects",
          "preferredname",
          "responsibilities",
          "schools",
          "skills",
          "mailboxsettings");

  private UserFields() {}

  /** Canonical spelling of a $select entry (Graph matches names case-insensitively). */
  static Optional<String> canonical(String name) {
    for (String known : KNOWN) {
      if (known.equalsIgnoreCase(name.trim())) {
        return Optional.of(known);
      }
    }
    return Optional.empty();
  }

  static boolean notInLists(String name) {
    return NOT_IN_LISTS.contains(name.trim().toLowerCase(Locale.ROOT));
  }

  static void put(ObjectNode node, String field, GraphUser user) {
    switch (field) {
      case "id" -> node.put(field, user.id());
      case "userPrincipalName" -> node.put(field, user.userPrincipalName());
      case "mail" -> node.put(field, user.mail());
      case "givenName" -> node.put(field, user.givenName());
      case "surname" -> node.put(field, user.surname());
      case "displayName" -> node.put(field, user.displayName());
      case "accountEnabled" -> node.put(field, user.accountEnabled());
      case "userType" -> node.put(field, user.userType());
      case "assignedLicenses" -> {
        ArrayNode licenses = node.putArray(field);
        for (String skuId : user.licenseSkuIds()) {
          ObjectNode license = licenses.addObject();
          license.putArray("disabledPlans");
          license.put("skuId", skuId);
        }
      }
      case "proxyAddresses" -> strings(node.putArray(field), user.proxyAddresses());
      case "department" -> node.put(field, user.department());
      case "jobTitle" -> node.put(field, user.jobTitle());
      case "businessPhones" -> strings(node.putArray(field), user.businessPhones());
      case "mobilePhone" -> node.put(field, user.mobilePhone());
      case "officeLocation" -> node.put(field, user.officeLocation());
      case "preferredLanguage" -> node.put(field, user.preferredLanguage());
      case "employeeId" -> node.put(field, user.employeeId());
      case "onPremisesSyncEnabled" -> node.putNull(field);
      default -> throw new IllegalArgumentException(field);
    }
  }

  static ObjectNode render(GraphUser user, List<String> fields) {
    ObjectNode node = GraphResponses.JSON.createObjectNode();
    for (String field : fields) {
      put(node, field, user);
    }
    return node;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  /** Parses a $select list; empty with an unknown name in {@code unknown}. */
  static List<String> parseSelect(String select, List<String> unknown) {
    List<String> fields = new ArrayList<>();
    for (String name : select.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      Optional<String> field = canonical(name);
      if (field.isPresent()) {
        if (!fields.contains(field.get())) {
          fields.add(field.get());
        }
      } else {
        unknown.add(name.trim());
      }
    }
    return fields;
  }
}
