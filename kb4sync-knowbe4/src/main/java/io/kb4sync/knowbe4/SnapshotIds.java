package io.kb4sync.knowbe4;

import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.UserResource;
import io.kb4sync.core.Emails;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.remote.RemoteException.Kind;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids a snapshot hands to the engine, and their SCIM ids for writes.
 *
 * <p>Snapshot ids are SCIM ids whenever SCIM lists the user or group, whichever surface was read:
 * they are what writes need, what {@link KnowBe4Platform#create} returns, and they stay the same
 * across runs and across switching the Reporting API on or off. Only a user (or group) that the
 * Reporting API shows but the SCIM listing does not gets a stand-in id naming its email (or display
 * name); writes resolve it by a {@code userName} (or {@code displayName}) lookup, cached.
 */
final class SnapshotIds {
  static final String BY_EMAIL = "kb4-email:";
  static final String BY_GROUP_NAME = "kb4-group:";

  private final ScimClient scim;
  private final Map<String, String> resolved = new ConcurrentHashMap<>();

  SnapshotIds(ScimClient scim) {
    this.scim = scim;
  }

  static String forEmail(String email) {
    return BY_EMAIL + Emails.key(email);
  }

  static String forGroupName(String displayName) {
    return BY_GROUP_NAME + displayName.trim();
  }

  /** The SCIM id of a user id from a snapshot (or from {@code create}). */
  String userScimId(String id) {
    if (!id.startsWith(BY_EMAIL)) {
      return id;
    }
    String cached = resolved.get(id);
    if (cached != null) {
      return cached;
    }
    String email = id.substring(BY_EMAIL.length());
    String scimId =
        scim.findUser(email, true)
            .map(UserResource::getId)
            .orElseThrow(
                () ->
                    new RemoteException(
                        Kind.NOT_FOUND,
                        RemoteErrors.SCIM,
                        "KnowBe4 SCIM has no user with userName "
                            + email
                            + " although the Reporting API lists one: only users visible to SCIM"
                            + " provisioning can be changed by kb4sync"));
    resolved.put(id, scimId);
    return scimId;
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
