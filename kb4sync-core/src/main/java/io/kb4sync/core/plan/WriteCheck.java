package io.kb4sync.core.plan;

import io.kb4sync.core.Emails;
import io.kb4sync.core.state.PendingWrite;
import io.kb4sync.core.training.Attribute;
import io.kb4sync.core.training.AttributeChange;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether the writes of earlier runs are visible in what this run read. Pure: no request is sent
 * (the check costs nothing beyond the read every run makes).
 *
 * <p>Why: KnowBe4 accepts SCIM requests it does not apply. Its SCIM Test Mode (on by default after
 * switching to SCIM) "only produces a report of what would change", and its 15-minute rule skips a
 * sync requested within 15 minutes of the last one (SCIM Configuration Guide,
 * https://support.knowbe4.com/hc/en-us/articles/360052380374; Fair Usage Policy,
 * https://support.knowbe4.com/hc/en-us/articles/45870261990035). A write that is not visible:
 *
 * <ul>
 *   <li>sent less than {@link #NOT_BEFORE} ago is pending: not sent again (KnowBe4 may still be
 *       processing it);
 *   <li>older is sent again, at most once every {@link #RESEND_EVERY}; a create only through {@code
 *       TrainingPlatform.createUnlessPresent} (a lookup by {@code userName} first), and never under
 *       an address other than the one it was first sent with, so no resend can make a second user;
 *   <li>either way the run says so in one warning and ends {@code partial} (exit 3).
 * </ul>
 */
public final class WriteCheck {
  /** A write younger than this is not sent again. */
  public static final Duration NOT_BEFORE = Duration.ofHours(1);

  /** A write is sent again at most this often. */
  public static final Duration RESEND_EVERY = Duration.ofDays(1);

  /** No remembered writes. */
  public static final WriteCheck NONE = new WriteCheck(Map.of(), Instant.EPOCH);

  private final Map<String, PendingWrite> unapplied;
  private final Instant now;

  private WriteCheck(Map<String, PendingWrite> unapplied, Instant now) {
    this.unapplied = unapplied;
    this.now = now;
  }

  /** Compares the remembered writes with what this run read. */
  public static WriteCheck of(List<PendingWrite> pending, TrainingSnapshot training, Instant now) {
    Objects.requireNonNull(now, "now");
    Map<String, TrainingUser> byId = new HashMap<>();
    Map<String, TrainingUser> byEmail = new HashMap<>();
    for (TrainingUser user : training.users()) {
      byId.put(user.id(), user);
      byEmail.putIfAbsent(Emails.key(user.email()), user);
    }
    Map<String, PendingWrite> unapplied = new LinkedHashMap<>();
    for (PendingWrite write : pending) {
      if (!applied(write, byId, byEmail)) {
        unapplied.put(write.key(), write);
      }
    }
    return new WriteCheck(unapplied, now);
  }

  private static boolean applied(
      PendingWrite write, Map<String, TrainingUser> byId, Map<String, TrainingUser> byEmail) {
    TrainingUser user = byId.get(write.knowbe4Id());
    return switch (write.kind()) {
      case CREATE -> user != null || (write.email() != null && byEmail.containsKey(write.email()));
      case ARCHIVE -> user == null || !user.active();
      // A user that is gone cannot be checked: nothing is left to resend.
      case RESTORE -> user == null || user.active();
      case UPDATE ->
          user == null
              || sameValue(write.attribute(), value(user, write.attribute()), write.expected());
    };
  }

  private static String value(TrainingUser user, Attribute attribute) {
    return switch (attribute) {
      case EMAIL -> user.email();
      case GIVEN_NAME -> user.givenName();
      case FAMILY_NAME -> user.familyName();
      case DEPARTMENT -> user.department();
      case TITLE -> user.title();
      case MANAGER -> user.managerId();
    };
  }

  static boolean sameValue(Attribute attribute, String a, String b) {
    String x = Planner.blankToNull(a);
    String y = Planner.blankToNull(b);
    if (x == null || y == null) {
      return x == y;
    }
    return attribute == Attribute.EMAIL ? Emails.same(x, y) : x.equals(y);
  }

  /** True when earlier writes are not visible. */
  public boolean anyUnapplied() {
    return !unapplied.isEmpty();
  }

  /** The writes of earlier runs not visible in this run's read. */
  public List<PendingWrite> unapplied() {
    return List.copyOf(unapplied.values());
  }

  /** The not-yet-visible create of this Microsoft 365 user, or null. */
  PendingWrite create(String m365Id) {
    return unapplied.get(PendingWrite.Kind.CREATE.id() + ":m365:" + m365Id);
  }

  PendingWrite archive(String knowbe4Id) {
    return unapplied.get(PendingWrite.Kind.ARCHIVE.id() + ":" + knowbe4Id);
  }

  PendingWrite restore(String knowbe4Id) {
    return unapplied.get(PendingWrite.Kind.RESTORE.id() + ":" + knowbe4Id);
  }

  /** The not-yet-visible update that set this value, or null (a different value is a new write). */
  PendingWrite update(String knowbe4Id, AttributeChange change) {
    PendingWrite write =
        unapplied.get(
            PendingWrite.Kind.UPDATE.id() + ":" + knowbe4Id + ":" + change.attribute().name());
    return write != null && sameValue(change.attribute(), write.expected(), change.to())
        ? write
        : null;
  }

  /** True when the write may be sent again now: older than an hour, not resent within a day. */
  boolean due(PendingWrite write) {
    boolean oldEnough = !write.firstSentAt().plus(NOT_BEFORE).isAfter(now);
    boolean neverResent = write.lastSentAt().equals(write.firstSentAt());
    return oldEnough && (neverResent || !write.lastSentAt().plus(RESEND_EVERY).isAfter(now));
  }

  /** True when the write was sent less than an hour ago. */
  boolean young(PendingWrite write) {
    return write.firstSentAt().plus(NOT_BEFORE).isAfter(now);
  }

  /**
   * The one warning of a run that found earlier writes not visible; null when there are none.
   *
   * @param held the unapplied writes the plan does not send again
   * @param resent the unapplied writes the plan sends again
   */
  String warning(List<PendingWrite> held, List<PendingWrite> resent) {
    if (unapplied.isEmpty()) {
      return null;
    }
    Map<PendingWrite.Kind, Integer> byKind = new LinkedHashMap<>();
    List<String> who = new ArrayList<>();
    for (PendingWrite write : unapplied.values()) {
      byKind.merge(write.kind(), 1, Integer::sum);
      String email = write.email() == null ? "kb4:" + write.knowbe4Id() : write.email();
      if (!who.contains(email)) {
        who.add(email);
      }
    }
    List<String> kinds = new ArrayList<>();
    byKind.forEach((kind, n) -> kinds.add(n + " " + kind.id() + (n == 1 ? "" : "s")));
    long young = held.stream().filter(this::young).count();
    long waiting = held.size() - young;
    String names =
        String.join(", ", who.subList(0, Math.min(10, who.size())))
            + (who.size() > 10 ? " and " + (who.size() - 10) + " more" : "");
    return unapplied.size()
        + " writes KnowBe4 accepted in earlier runs are not visible in KnowBe4 ("
        + String.join(", ", kinds)
        + ": "
        + names
        + "): "
        + young
        + " sent less than an hour ago are pending and not sent again, "
        + resent.size()
        + " are sent again now (at most once a day; a create only after a lookup by userName"
        + " finds no user), "
        + waiting
        + " wait to be sent again. Likely causes: KnowBe4's SCIM Test Mode is on (it accepts"
        + " requests and changes nothing), or KnowBe4 is still processing or skipped the sync (a"
        + " sync requested within 15 minutes of the last one is skipped). Check the KnowBe4"
        + " console under Account Settings > User Management > User Provisioning: Test Mode must"
        + " be off; the Provisioning subtab shows each sync as Pending, Processing, Completed or"
        + " Skipped";
  }
}
