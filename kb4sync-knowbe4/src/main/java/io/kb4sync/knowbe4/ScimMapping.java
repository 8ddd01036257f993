package io.kb4sync.knowbe4;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Manager;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import io.kb4sync.core.Emails;
import io.kb4sync.core.training.AttributeChange;
import io.kb4sync.core.training.NewUser;
import io.kb4sync.core.training.TrainingGroup;
import io.kb4sync.core.training.TrainingUser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Between the core's training model and SCIM resources and PatchOps.
 *
 * <p>Addresses are sent trimmed and lower-cased, as {@code userName} and as the work email: KnowBe4
 * does not document whether its {@code userName} filter is case-sensitive, and a user stored in
 * lower case is found by our lower-cased filter either way, which duplicate protection relies on.
 * The contract compares emails ignoring case, so this is no change for the engine.
 *
 * <p>Clearing an attribute sends {@code remove} with the attribute's path (RFC 7644 §3.5.2.2).
 * Standard servers accept it; {@code replace} with a null value is not defined by the RFC, is
 * refused by strict servers (scim-sdk-server answers 400 noTarget) and cannot even be built with
 * the UnboundID model.
 */
final class ScimMapping {
  static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  private static final String DEPARTMENT = ENTERPRISE + ":department";
  private static final String MANAGER = ENTERPRISE + ":manager";

  private ScimMapping() {}

  /**
   * The SCIM resource of a new user.
   *
   * @param managerScimId the SCIM id of the manager, or null
   */
  static UserResource newUser(NewUser user, String managerScimId) {
    String email = Emails.key(user.email());
    if (email == null) {
      throw new IllegalArgumentException("a KnowBe4 user needs an email");
    }
    UserResource resource = new UserResource();
    resource.setSchemaUrns(USER_SCHEMA, ENTERPRISE);
    resource.setUserName(email);
    if (user.givenName() != null || user.familyName() != null) {
      resource.setName(new Name().setGivenName(user.givenName()).setFamilyName(user.familyName()));
    }
    resource.setEmails(List.of(workEmail(email)));
    resource.setTitle(user.title());
    resource.setExternalId(user.externalId());
    resource.setActive(true);
    if (user.department() != null || managerScimId != null) {
      EnterpriseUserExtension enterprise =
          new EnterpriseUserExtension().setDepartment(user.department());
      if (managerScimId != null) {
        enterprise.setManager(new Manager().setValue(managerScimId));
      }
      resource.setExtension(enterprise);
    }
    return resource;
  }

  static GroupResource newGroup(String displayName) {
    GroupResource group = new GroupResource();
    group.setSchemaUrns(GROUP_SCHEMA);
    group.setDisplayName(displayName.trim());
    return group;
  }

  /**
   * The core's view of a SCIM user; null when the resource lacks what the engine needs (id,
   * userName), which the caller reports.
   */
  static TrainingUser toTraining(UserResource user) {
    if (user.getId() == null || user.getUserName() == null || user.getUserName().isBlank()) {
      return null;
    }
    Name name = user.getName();
    EnterpriseUserExtension enterprise = user.getExtension(EnterpriseUserExtension.class);
    Manager manager = enterprise == null ? null : enterprise.getManager();
    return new TrainingUser(
        user.getId(),
        user.getUserName(),
        name == null ? null : name.getGivenName(),
        name == null ? null : name.getFamilyName(),
        enterprise == null ? null : enterprise.getDepartment(),
        user.getTitle(),
        manager == null ? null : manager.getValue(),
        // Absent 'active' is read as active: archived users carry active=false.
        !Boolean.FALSE.equals(user.getActive()));
  }

  static TrainingGroup toTraining(GroupResource group) {
    Set<String> members = new LinkedHashSet<>();
    if (group.getMembers() != null) {
      for (Member member : group.getMembers()) {
        // Nested groups are no users: skipped.
        if (member.getValue() != null && !"Group".equalsIgnoreCase(member.getType())) {
          members.add(member.getValue());
        }
      }
    }
    return new TrainingGroup(group.getId(), group.getDisplayName(), members);
  }

  /**
   * The PatchOp operations for attribute changes: {@code replace} on simple paths, {@code remove}
   * to clear.
   *
   * @param managerScimId turns a manager's snapshot id into its SCIM id
   */
  static List<PatchOperation> operations(
      List<AttributeChange> changes, UnaryOperator<String> managerScimId) {
    List<PatchOperation> operations = new ArrayList<>();
    for (AttributeChange change : changes) {
      String to = change.to();
      switch (change.attribute()) {
        case EMAIL -> {
          String email = Emails.key(to);
          if (email == null) {
            throw new IllegalArgumentException("a KnowBe4 user's email cannot be cleared");
          }
          operations.add(PatchOperation.replace(Path.root().attribute("userName"), email));
          ArrayNode emails = JsonNodeFactory.instance.arrayNode();
          emails.add(emailNode(email));
          operations.add(PatchOperation.replace(Path.root().attribute("emails"), emails));
        }
        case GIVEN_NAME -> operations.add(simple("name.givenName", to));
        case FAMILY_NAME -> operations.add(simple("name.familyName", to));
        case TITLE -> operations.add(simple("title", to));
        case DEPARTMENT -> operations.add(simple(DEPARTMENT, to));
        case MANAGER -> {
          if (to == null) {
            operations.add(PatchOperation.remove(path(MANAGER)));
          } else {
            ObjectNode manager = JsonNodeFactory.instance.objectNode();
            manager.put("value", managerScimId.apply(to));
            operations.add(PatchOperation.replace(path(MANAGER), manager));
          }
        }
      }
    }
    return operations;
  }

  static PatchOperation active(boolean active) {
    return PatchOperation.replace(Path.root().attribute("active"), active);
  }

  static PatchOperation addMembers(List<String> userIds) {
    ArrayNode members = JsonNodeFactory.instance.arrayNode();
    userIds.forEach(id -> members.addObject().put("value", id));
    return PatchOperation.add(Path.root().attribute("members"), members);
  }

  /** One removal per member with a value filter: the RFC 7644 §3.5.2.2 form. */
  static PatchOperation removeMember(String userId) {
    return PatchOperation.remove(
        Path.root()
            .attribute("members", Filter.eq(Path.root().attribute("value"), textOf(userId))));
  }

  private static com.fasterxml.jackson.databind.node.TextNode textOf(String value) {
    return JsonNodeFactory.instance.textNode(value);
  }

  private static Path path(String text) {
    try {
      return Path.fromString(text);
    } catch (BadRequestException e) {
      throw new IllegalStateException("not a SCIM path: " + text, e);
    }
  }

  private static PatchOperation simple(String path, String value) {
    Path parsed = path(path);
    return value == null ? PatchOperation.remove(parsed) : PatchOperation.replace(parsed, value);
  }

  private static Email workEmail(String email) {
    return new Email().setType("work").setValue(email).setPrimary(true);
  }

  private static ObjectNode emailNode(String email) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("type", "work")
        .put("value", email)
        .put("primary", true);
  }
}
