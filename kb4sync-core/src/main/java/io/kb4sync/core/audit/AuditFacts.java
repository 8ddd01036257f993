package io.kb4sync.core.audit;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.directory.DirectoryUser;
import io.kb4sync.core.plan.PlannedLink;
import io.kb4sync.core.plan.Planner;
import io.kb4sync.core.plan.Scope;
import io.kb4sync.core.plan.SyncOptions;
import io.kb4sync.core.plan.SyncPlan;
import io.kb4sync.core.plan.UserRef;
import io.kb4sync.core.report.Company;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.training.TrainingSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every section of an audit reads: the snapshots, the options of the next sync and its plan.
 *
 * @param options the options of the next sync, as a dry run
 * @param plan the next sync's plan, which answers every finding it can
 * @param inScope the Microsoft 365 users in scope, by the sync's own rule ({@link Scope})
 * @param matchedKnowbe4Id Microsoft 365 id -> the existing KnowBe4 user id the plan matched it to
 */
record AuditFacts(
    Company context,
    DirectorySnapshot directory,
    TrainingSnapshot training,
    CompanyState state,
    SyncOptions options,
    SyncPlan plan,
    List<DirectoryUser> inScope,
    Map<String, String> matchedKnowbe4Id) {

  static AuditFacts of(
      Company context,
      DirectorySnapshot directory,
      TrainingSnapshot training,
      CompanyState state,
      SyncOptions options) {
    SyncPlan plan = Planner.plan(directory, training, state, options);
    Scope scope = new Scope(options.licenseFilter());
    Map<String, String> matched = new HashMap<>();
    for (PlannedLink link : plan.links()) {
      if (link.user() instanceof UserRef.Existing existing) {
        matched.put(link.m365Id(), existing.knowbe4Id());
      }
    }
    return new AuditFacts(
        context,
        directory,
        training,
        state,
        options,
        plan,
        directory.users().stream().filter(scope::includes).toList(),
        matched);
  }
}
