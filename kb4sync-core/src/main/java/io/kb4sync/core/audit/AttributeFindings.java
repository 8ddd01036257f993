package io.kb4sync.core.audit;

import static io.kb4sync.core.audit.Wording.BY_EMAIL;
import static io.kb4sync.core.audit.Wording.count;

import io.kb4sync.core.plan.PlannedManager;
import io.kb4sync.core.plan.PlannedUpdate;
import io.kb4sync.core.training.Attribute;
import io.kb4sync.core.training.AttributeChange;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code attribute_drift}: one finding per attribute the next sync updates, with the KnowBe4 and
 * Microsoft 365 values.
 */
final class AttributeFindings {
  private static final Map<Attribute, String> FIELD_NAMES = new EnumMap<>(Attribute.class);

  static {
    FIELD_NAMES.put(Attribute.EMAIL, "email");
    FIELD_NAMES.put(Attribute.GIVEN_NAME, "first_name");
    FIELD_NAMES.put(Attribute.FAMILY_NAME, "last_name");
    FIELD_NAMES.put(Attribute.DEPARTMENT, "department");
    FIELD_NAMES.put(Attribute.TITLE, "job_title");
    FIELD_NAMES.put(Attribute.MANAGER, "manager");
  }

  private AttributeFindings() {}

  static void attributeDrift(AuditFacts facts, List<Finding> found) {
    Map<String, List<AffectedUser>> byField = new LinkedHashMap<>();
    FIELD_NAMES.values().forEach(name -> byField.put(name, new ArrayList<>()));
    for (PlannedUpdate update : facts.plan().updates()) {
      for (AttributeChange change : update.changes()) {
        byField
            .get(FIELD_NAMES.get(change.attribute()))
            .add(new AffectedUser(update.email(), null, change.from(), change.to(), null));
      }
    }
    for (PlannedManager manager : facts.plan().managers()) {
      byField
          .get(FIELD_NAMES.get(Attribute.MANAGER))
          .add(
              new AffectedUser(
                  manager.email(),
                  manager.toEmail() == null ? "manager cleared" : null,
                  manager.fromEmail(),
                  manager.toEmail(),
                  null));
    }
    byField.forEach(
        (field, users) -> {
          if (users.isEmpty()) {
            return;
          }
          users.sort(BY_EMAIL);
          found.add(
              new Finding(
                  Category.ATTRIBUTE_DRIFT,
                  field.equals("email") ? Severity.WARNING : Severity.INFO,
                  field,
                  field
                      + " in KnowBe4 differs from Microsoft 365 for "
                      + count(users.size(), "user", "users"),
                  users,
                  "updates KnowBe4 to the Microsoft 365 value (Microsoft 365 is authoritative)",
                  "Nothing to change: the next sync updates KnowBe4. To keep the KnowBe4 value,"
                      + " change it in Microsoft 365 instead. To update now: "
                      + facts.context().syncCommand()));
        });
  }
}
