package io.kb4sync.server.web;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the audit log of admin actions: who did what, to which company, when.
 *
 * @param actor the caller's trigger, e.g. {@code ui:alice} or {@code api:ops}
 * @param action e.g. {@code approve_held}, {@code dismiss_held}, {@code pause}, {@code resume},
 *     {@code sync_now}, {@code dry_run_now}, {@code audit_now}, {@code token_revoke}, {@code
 *     user_disable}, {@code sign_in}, {@code sign_in_refused}, {@code sign_out} ({@link #ACTIONS})
 * @param companyId null when no company is concerned
 * @param detail e.g. the fingerprint approved and its count; never a secret
 */
public record AdminAction(
    Instant at, String actor, String action, String companyId, String detail) {
  public AdminAction {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
  }

  /** The actions that kb4sync records, in the order the admin log page offers them as a filter. */
  public static final List<String> ACTIONS =
      List.of(
          "approve_held",
          "audit_now",
          "dismiss_held",
          "dry_run_now",
          "pause",
          "resume",
          "sign_in",
          "sign_in_refused",
          "sign_out",
          "sync_now",
          "token_revoke",
          "user_disable");
}
