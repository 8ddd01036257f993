package io.kb4sync.core.sync;

import io.kb4sync.core.Emails;
import io.kb4sync.core.execute.ExecutionResult;
import io.kb4sync.core.plan.PlannedArchive;
import io.kb4sync.core.plan.PlannedCreate;
import io.kb4sync.core.plan.PlannedRestore;
import io.kb4sync.core.plan.PlannedUpdate;
import io.kb4sync.core.plan.SyncPlan;
import io.kb4sync.core.state.PendingWrite;
import io.kb4sync.core.training.AttributeChange;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The writes a real run leaves for the next run to see applied ({@code plan.WriteCheck}). */
final class SentWrites {
  private SentWrites() {}

  /**
   * What the state store remembers after a real run: the unapplied writes the plan held (as they
   * were), and every write this run sent successfully (a resend keeps its first send time).
   */
  static List<PendingWrite> next(SyncPlan plan, ExecutionResult result, Instant now) {
    Map<String, PendingWrite> resent = new HashMap<>();
    plan.resentWrites().forEach(w -> resent.put(w.key(), w));
    Map<String, PendingWrite> next = new LinkedHashMap<>();
    plan.heldWrites().forEach(w -> next.put(w.key(), w));
    for (PlannedCreate create : plan.creates()) {
      String id = result.createdIds().get(create.m365Id());
      if (result.ok(create.key()) && id != null) {
        add(
            next,
            resent,
            new PendingWrite(
                PendingWrite.Kind.CREATE,
                id,
                create.m365Id(),
                Emails.key(create.user().email()),
                null,
                null,
                now,
                now));
      }
    }
    for (PlannedRestore restore : plan.restores()) {
      if (result.ok(restore.key())) {
        add(
            next,
            resent,
            simple(PendingWrite.Kind.RESTORE, restore.knowbe4Id(), restore.email(), now));
      }
    }
    for (PlannedArchive archive : plan.archives()) {
      if (result.ok(archive.key())) {
        add(
            next,
            resent,
            simple(PendingWrite.Kind.ARCHIVE, archive.knowbe4Id(), archive.email(), now));
      }
    }
    for (PlannedUpdate update : plan.updates()) {
      if (!result.ok(update.key())) {
        continue;
      }
      for (AttributeChange change : update.changes()) {
        add(
            next,
            resent,
            new PendingWrite(
                PendingWrite.Kind.UPDATE,
                update.knowbe4Id(),
                null,
                Emails.key(update.email()),
                change.attribute(),
                change.to(),
                now,
                now));
      }
    }
    return List.copyOf(next.values());
  }

  private static PendingWrite simple(
      PendingWrite.Kind kind, String knowbe4Id, String email, Instant now) {
    return new PendingWrite(kind, knowbe4Id, null, Emails.key(email), null, null, now, now);
  }

  private static void add(
      Map<String, PendingWrite> next, Map<String, PendingWrite> resent, PendingWrite sent) {
    PendingWrite earlier = resent.get(sent.key());
    next.put(
        sent.key(), earlier == null ? sent : earlier.resentAt(sent.lastSentAt(), sent.knowbe4Id()));
  }
}
