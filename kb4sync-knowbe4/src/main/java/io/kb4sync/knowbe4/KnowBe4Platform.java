package io.kb4sync.knowbe4;

import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.UserResource;
import io.kb4sync.core.health.CheckResult;
import io.kb4sync.core.health.HealthCheck;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.training.AttributeChange;
import io.kb4sync.core.training.NewUser;
import io.kb4sync.core.training.TrainingGroup;
import io.kb4sync.core.training.TrainingPlatform;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KnowBe4 account of one company: writes through SCIM 2.0, reads through the Reporting API when
 * a key is configured (with seats), else through SCIM (seats unknown).
 *
 * <p>Safe for concurrent calls. Behind every method: client-side pacing, at most {@code
 * write_concurrency} writes in flight, retries of 429/5xx/timeouts honouring {@code Retry-After},
 * and duplicate protection for creates (a create whose outcome is uncertain is looked up by {@code
 * userName} before any retry; a 409 returns the existing user). Failures are {@link
 * RemoteException}s with one-line messages that name the endpoint and what to check in the KnowBe4
 * console; they never contain the token or the key.
 *
 * <p>KnowBe4 advises re-reading after writes because a 2xx may still be a skipped sync. We do not
 * re-read after each write (that would double the requests); the next run's full read is the check,
 * and the engine plans from it.
 *
 * <p>Ids: every id this platform hands out (snapshot users and groups, created users and groups) is
 * the SCIM id, also when the Reporting API was read, so the engine's stored links stay valid for
 * writes and across runs. See {@link SnapshotIds} for the rare user only the Reporting API shows.
 */
public final class KnowBe4Platform implements TrainingPlatform, HealthCheck {
  private static final Logger LOG = LoggerFactory.getLogger(KnowBe4Platform.class);

  private final KnowBe4Settings settings;
  private final ScimClient scim;
  private final ReportingClient reporting;
  private final SnapshotIds ids;
  private final int memberBatch;

  /** Production defaults: {@link ClientTuning#defaults()}, process-wide Reporting budgets. */
  public KnowBe4Platform(KnowBe4Settings settings) {
    this(settings, ClientTuning.defaults(), ReportingBudgets.processWide());
  }

  /** With other timeouts, retries or pacing (tests, measurements). */
  public KnowBe4Platform(KnowBe4Settings settings, ClientTuning tuning) {
    this(settings, tuning, ReportingBudgets.processWide());
  }

  /**
   * With an explicit Reporting budget registry (an application that scopes the per-account limits
   * itself, or tests that must not share pacing).
   */
  public KnowBe4Platform(KnowBe4Settings settings, ClientTuning tuning, ReportingBudgets budgets) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(tuning, "tuning");
    Objects.requireNonNull(budgets, "budgets");
    Gateway scimGateway =
        new Gateway(
            settings.scimToken(),
            "application/scim+json",
            new WritePacing(settings.writeConcurrency(), tuning.scimWritesPerSecond()),
            RemoteErrors.scim(settings.scimUrl(), settings.scimToken()),
            tuning);
    this.scim = new ScimClient(settings.scimUrl(), scimGateway, tuning.scimPageSize());
    this.ids = new SnapshotIds(scim);
    this.memberBatch = tuning.memberBatch();
    if (settings.hasReportingApi()) {
      Gateway reportingGateway =
          new Gateway(
              settings.reportingApiKey(),
              "application/json",
              budgets.forAccount(settings, tuning),
              RemoteErrors.reporting(
                  settings.reportingUrl(), settings.knowBe4Region(), settings.reportingApiKey()),
              tuning);
      this.reporting =
          new ReportingClient(
              settings.reportingUrl(), reportingGateway, tuning.reportingPageSize());
    } else {
      this.reporting = null;
    }
  }

  /** The settings this platform was built from (their {@code toString} hides the secrets). */
  public KnowBe4Settings settings() {
    return settings;
  }

  /**
   * Read-only probes: a SCIM user lookup (token and Tenant URL), a SCIM group lookup, and with a
   * Reporting key the account (key, region and seats).
   */
  @Override
  public List<CheckResult> check() {
    String scimEndpoint = "KnowBe4 SCIM " + settings.scimUrl();
    List<CheckResult> results = new ArrayList<>();
    try {
      scim.findUser("kb4sync-doctor@invalid.example", false);
      results.add(
          CheckResult.pass(scimEndpoint, "SCIM token and Tenant URL (read users)", "answered"));
      scim.findGroup("kb4sync doctor", false);
      results.add(CheckResult.pass(scimEndpoint, "read groups", "answered"));
    } catch (RemoteException e) {
      results.add(
          CheckResult.fail(
              scimEndpoint,
              "SCIM token and Tenant URL",
              e.getMessage(),
              e.kind() == RemoteException.Kind.UNAUTHORIZED
                  ? "generate a new SCIM token under Account Settings > User Management > User"
                      + " Provisioning > SCIM Settings and update knowbe4.scim_token"
                  : e.kind() == RemoteException.Kind.NOT_FOUND
                      ? "copy the Tenant URL again from the KnowBe4 console into knowbe4.scim_url"
                      : "check that " + settings.scimUrl() + " is reachable from this machine"));
    }
    if (reporting == null) {
      results.add(
          CheckResult.skip(
              "KnowBe4 Reporting API",
              "account and seats",
              "no reporting_api_key: seats are not checked"));
      return results;
    }
    String reportingEndpoint = "KnowBe4 Reporting API " + settings.reportingUrl();
    try {
      ReportingAccount account = reporting.account();
      results.add(
          CheckResult.pass(
              reportingEndpoint,
              "API key and region (account)",
              account.numberOfSeats() + " seats"));
    } catch (RemoteException e) {
      results.add(
          CheckResult.fail(
              reportingEndpoint,
              "API key and region (account)",
              e.getMessage(),
              "check knowbe4.region (the console's host: training=us, eu, ca, uk, de) and"
                  + " knowbe4.reporting_api_key (Account Settings > API > Reporting API)"));
    }
    return results;
  }

  /** The user whose userName is the email (ignoring case), looked up through SCIM. */
  public java.util.Optional<TrainingUser> findUser(String email) {
    return scim.findUser(email, true).map(ScimMapping::toTraining);
  }

  @Override
  public TrainingSnapshot read() {
    if (reporting != null) {
      return new ReportingSnapshotReader(reporting, scim).read();
    }
    return new ScimSnapshotReader(scim).read();
  }

  @Override
  public TrainingUser create(NewUser user) {
    String manager = user.managerId() == null ? null : ids.userScimId(user.managerId());
    UserResource created = scim.createUser(ScimMapping.newUser(user, manager));
    TrainingUser result = ScimMapping.toTraining(created);
    if (result == null) {
      throw scim.errors()
          .badResponse(
              ApiRequest.post(java.net.URI.create(settings.scimUrl() + "/Users"), null),
              "the created user has no id or userName");
    }
    if (!result.active()) {
      // A 409 led us to an existing archived user: returned as found; the engine decides.
      LOG.warn("KnowBe4 user {} already existed and is archived", result.email());
    }
    return result;
  }

  @Override
  public void update(String userId, List<AttributeChange> changes) {
    List<PatchOperation> operations = ScimMapping.operations(changes, ids::userScimId);
    scim.patchUser(ids.userScimId(userId), operations);
  }

  @Override
  public void setActive(String userId, boolean active) {
    scim.patchUser(ids.userScimId(userId), List.of(ScimMapping.active(active)));
  }

  @Override
  public void delete(String userId) {
    // KnowBe4 documents no semantics for SCIM DELETE (one third-party claim says it archives);
    // it is sent only because the company opted in with knowbe4_stale_action: delete.
    LOG.warn(
        "Sending SCIM DELETE for KnowBe4 user {}: KnowBe4 documents no DELETE semantics, and a"
            + " real delete destroys the user's phishing and training history",
        userId);
    scim.deleteUser(ids.userScimId(userId));
  }

  @Override
  public TrainingGroup createGroup(String displayName) {
    GroupResource created = scim.createGroup(ScimMapping.newGroup(displayName));
    return ScimMapping.toTraining(created);
  }

  @Override
  public void addMembers(String groupId, List<String> userIds) {
    String group = ids.groupScimId(groupId);
    for (List<String> batch : batches(userIds)) {
      scim.patchGroup(group, List.of(ScimMapping.addMembers(scimIds(batch))));
    }
  }

  @Override
  public void removeMembers(String groupId, List<String> userIds) {
    String group = ids.groupScimId(groupId);
    for (List<String> batch : batches(userIds)) {
      List<PatchOperation> removals = new ArrayList<>();
      scimIds(batch).forEach(id -> removals.add(ScimMapping.removeMember(id)));
      scim.patchGroup(group, removals);
    }
  }

  private List<String> scimIds(List<String> userIds) {
    List<String> result = new ArrayList<>();
    for (String id : userIds) {
      result.add(ids.userScimId(id));
    }
    return result;
  }

  private List<List<String>> batches(List<String> userIds) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(userIds));
    List<List<String>> batches = new ArrayList<>();
    for (int from = 0; from < distinct.size(); from += memberBatch) {
      batches.add(distinct.subList(from, Math.min(distinct.size(), from + memberBatch)));
    }
    return batches;
  }
}
