package io.kb4sync.server.web;

import java.time.Instant;
import java.util.List;

/**
 * The audit log of admin actions, kept in the state store; shown by the dashboard's admin log page
 * (newest first) and exported whole as CSV.
 */
public interface AdminLog {

  void record(AdminAction action);

  /** The actions with {@code from <= at < to}, oldest first. */
  List<AdminAction> between(Instant from, Instant to);

  /** The actions named {@code action} with {@code from <= at < to}, oldest first. */
  List<AdminAction> between(String action, Instant from, Instant to);

  /**
   * At most {@code limit} actions named {@code action} (null: every action), newest first; read
   * without reading the whole log.
   *
   * @param limit at least 1
   */
  List<AdminAction> newest(String action, int limit);
}
