package io.kb4sync.server;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Tokens in memory: one per role, and any a test adds. */
final class FakeTokens implements Tokens {
  static final String VIEWER = "kb4_viewerTOKENviewerTOKENviewerTOKENviewerTO";
  static final String OPERATOR = "kb4_operatorTOKENoperatorTOKENoperatorTOKENop";
  static final String ADMIN = "kb4_adminTOKENadminTOKENadminTOKENadminTOKENad";

  private final Map<String, Caller> callers = new HashMap<>();
  RuntimeException failure;

  FakeTokens() {
    callers.put(VIEWER, Caller.apiToken("grafana", Role.VIEWER));
    callers.put(OPERATOR, Caller.apiToken("ops-bot", Role.OPERATOR));
    callers.put(ADMIN, Caller.apiToken("alice-admin", Role.ADMIN));
  }

  static String of(Role role) {
    return switch (role) {
      case VIEWER -> VIEWER;
      case OPERATOR -> OPERATOR;
      case ADMIN -> ADMIN;
    };
  }

  static String nameOf(Role role) {
    return switch (role) {
      case VIEWER -> "grafana";
      case OPERATOR -> "ops-bot";
      case ADMIN -> "alice-admin";
    };
  }

  @Override
  public synchronized Optional<Caller> authenticate(String bearerToken) {
    if (failure != null) {
      throw failure;
    }
    return Optional.ofNullable(callers.get(bearerToken));
  }
}
