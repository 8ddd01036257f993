package io.kb4sync.core.health;

import java.util.List;

/**
 * An outside system that can tell, with a few cheap read-only requests, whether it is reachable,
 * accepts our credentials and grants the permissions a sync needs. Used by {@code kb4sync doctor};
 * implementations never write and never throw: a failure is a {@link CheckResult} with a remedy.
 */
public interface HealthCheck {
  List<CheckResult> check();
}
