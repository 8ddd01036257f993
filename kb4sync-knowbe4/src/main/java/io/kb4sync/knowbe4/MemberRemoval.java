package io.kb4sync.knowbe4;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.remote.RemoteException.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removing members from a KnowBe4 group, safely on a server of either reading.
 *
 * <p>KnowBe4 documents neither form. RFC 7644 §3.5.2.2 (https://www.rfc-editor.org/rfc/rfc7644
 * #section-3.5.2.2) reads a {@code remove} of a multi-valued attribute <em>without</em> a filter as
 * "the attribute and all values are removed", so the value-array form that Microsoft Entra sends by
 * default ({@code {"op":"Remove","path":"members","value":[{"value":"<id>"}]}}, "Remove Member from
 * Group" in
 * https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups)
 * can empty a group on a strict server. So:
 *
 * <ol>
 *   <li>the filter form {@code members[value eq "<id>"]} is sent first;
 *   <li>when a server answers 400 to it (other than {@code noTarget}), the value-array form is used
 *       for that account from then on;
 *   <li>the first value-array removal on each account is proven: the group is read before and after
 *       ({@code GET /Groups/{id}}, 2 requests, once per account and process); when more members
 *       left than were named, they are added back, removals on that account stop, and the removal
 *       fails with a message that says so (the run reports it).
 * </ol>
 *
 * <p>What was learnt is kept per SCIM Tenant URL for the life of the process ({@link
 * ReportingBudgets#processWide()}).
 */
final class MemberRemoval {
  private static final Logger LOG = LoggerFactory.getLogger(MemberRemoval.class);

  /** How an account takes removals. */
  enum Form {
    /** {@code remove} with path {@code members[value eq "id"]} (the default). */
    FILTER,
    /** The filter form was refused; the value-array form is not proven yet. */
    VALUE_UNPROVEN,
    /** The value-array form removed only the members named. */
    VALUE,
    /** Neither form is safe on this account: removals are refused. */
    NONE
  }

  private final String account;
  private final ScimClient scim;
  private final Map<String, Form> forms;

  MemberRemoval(String account, ScimClient scim, Map<String, Form> forms) {
    this.account = account;
    this.scim = scim;
    this.forms = forms;
  }

  Form form() {
    return forms.getOrDefault(account, Form.FILTER);
  }

  /** Removes the users (SCIM ids) from the group (SCIM id). */
  void remove(String group, List<String> users) {
    if (form() == Form.FILTER) {
      List<PatchOperation> removals = new ArrayList<>();
      users.forEach(id -> removals.add(ScimMapping.removeMember(id)));
      try {
        scim.patchGroup(group, removals);
        return;
      } catch (RemoteException e) {
        if (e.kind() != Kind.BAD_REQUEST || ScimFailure.is(e, "noTarget")) {
          throw e;
        }
        LOG.warn(
            "KnowBe4 SCIM refused the filter form of a member removal ({}); using the value-array"
                + " form on this account",
            e.getMessage());
        forms.putIfAbsent(account, Form.VALUE_UNPROVEN);
      }
    }
    byValue(group, users);
  }

  private void byValue(String group, List<String> users) {
    Form form = form();
    if (form == Form.NONE) {
      throw unsafe(0, users.size(), false);
    }
    if (form == Form.VALUE) {
      scim.patchGroupJson(group, valueForm(users));
      return;
    }
    synchronized (this.forms) {
      if (form() != Form.VALUE_UNPROVEN) {
        byValue(group, users);
        return;
      }
      Set<String> before = members(scim.getGroup(group));
      scim.patchGroupJson(group, valueForm(users));
      Set<String> after = members(scim.getGroup(group));
      Set<String> expected = new LinkedHashSet<>(before);
      users.forEach(expected::remove);
      Set<String> lost = new LinkedHashSet<>(expected);
      lost.removeAll(after);
      if (lost.isEmpty()) {
        forms.put(account, Form.VALUE);
        return;
      }
      forms.put(account, Form.NONE);
      boolean restored = true;
      try {
        scim.patchGroup(group, List.of(ScimMapping.addMembers(List.copyOf(lost))));
      } catch (RemoteException e) {
        restored = false;
        LOG.error("KnowBe4 SCIM: could not add back {} group members: {}", lost, e.getMessage());
      }
      throw unsafe(lost.size(), users.size(), restored);
    }
  }

  private RemoteException unsafe(int lost, int named, boolean restored) {
    String what =
        lost == 0
            ? "removals of group members are stopped on this account"
            : "a removal of "
                + named
                + " named members took "
                + lost
                + " other members with it ({\"op\":\"remove\",\"path\":\"members\",\"value\":[...]}"
                + " read as 'remove all', RFC 7644 §3.5.2.2); they were "
                + (restored ? "added back" : "NOT added back (add them in the console)")
                + ", and removals of group members are stopped on this account";
    return new RemoteException(
        Kind.BAD_REQUEST,
        RemoteErrors.SCIM,
        "KnowBe4 SCIM at "
            + account
            + " refuses the filter form members[value eq \"id\"] and "
            + what
            + ": remove these members in the KnowBe4 console");
  }

  static ObjectNode valueForm(List<String> users) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
    ObjectNode op = body.putArray("Operations").addObject();
    op.put("op", "remove");
    op.put("path", "members");
    ArrayNode values = op.putArray("value");
    users.forEach(id -> values.addObject().put("value", id));
    return body;
  }

  private static Set<String> members(GroupResource group) {
    Set<String> ids = new HashSet<>();
    if (group.getMembers() != null) {
      for (Member member : group.getMembers()) {
        if (member.getValue() != null) {
          ids.add(member.getValue());
        }
      }
    }
    return ids;
  }
}
