package io.kb4sync.knowbe4;

import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.UserResource;
import io.kb4sync.core.training.TrainingGroup;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the account through SCIM alone: users, groups, no seats (SCIM does not tell them). */
final class ScimSnapshotReader {
  private static final Logger LOG = LoggerFactory.getLogger(ScimSnapshotReader.class);

  private final ScimClient scim;

  ScimSnapshotReader(ScimClient scim) {
    this.scim = scim;
  }

  TrainingSnapshot read() {
    List<TrainingUser> users = users(scim.listUsers());
    List<TrainingGroup> groups = new ArrayList<>();
    for (GroupResource group : scim.listGroups()) {
      if (group.getDisplayName() == null) {
        LOG.warn("KnowBe4 SCIM group {} has no displayName; left out", group.getId());
        continue;
      }
      groups.add(ScimMapping.toTraining(group));
    }
    return new TrainingSnapshot(users, groups, OptionalInt.empty());
  }

  static List<TrainingUser> users(List<UserResource> resources) {
    List<TrainingUser> users = new ArrayList<>();
    for (UserResource resource : resources) {
      TrainingUser user = ScimMapping.toTraining(resource);
      if (user == null) {
        // Unmatchable without a userName; leaving it out is safer than failing every sync.
        LOG.warn("KnowBe4 SCIM user {} has no userName; left out", resource.getId());
        continue;
      }
      users.add(user);
    }
    return users;
  }
}
