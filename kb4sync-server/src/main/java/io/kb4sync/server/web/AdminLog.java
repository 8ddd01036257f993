package io.kb4sync.server.web;

import java.time.Instant;
import java.util.List;

/** The audit log of admin actions, kept in the state store; exported as CSV by the dashboard. */
public interface AdminLog {

  void record(AdminAction action);

  /** The actions with {@code from <= at < to}, oldest first. */
  List<AdminAction> between(Instant from, Instant to);

  /** The actions named {@code action} with {@code from <= at < to}, oldest first. */
  List<AdminAction> between(String action, Instant from, Instant to);
}
