package io.kb4sync.knowbe4;

import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.UserResource;
import io.kb4sync.core.health.CheckResult;
import io.kb4sync.core.health.HealthCheck;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.state.RequestCounts;
import io.kb4sync.core.training.AttributeChange;
import io.kb4sync.core.training.NewUser;
import io.kb4sync.core.training.TrainingGroup;
import io.kb4sync.core.training.TrainingPlatform;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
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
 * <p>Ids: created users and groups, and everything a SCIM read hands out, carry SCIM ids. A sync's
 * Reporting read hands out stand-in ids ({@link SnapshotIds}) that writes resolve to SCIM ids by
 * lookups, only for what they touch; the engine finds a link stored with a SCIM id by the address
 * it last synced (docs/knowbe4.md, "Reading KnowBe4 once").
 */
public final class KnowBe4Platform implements TrainingPlatform, HealthCheck {
  private static final Logger LOG = LoggerFactory.getLogger(KnowBe4Platform.class);

  private final KnowBe4Settings settings;
  private final ScimClient scim;
  private final ReportingClient reporting;
  private final SnapshotIds ids;
  private final int memberBatch;
  private final MemberRemoval removal;
  private final Gateway reportingGateway;
  private final RequestCounts counts;
  private final Clock clock;
  private final String reportingCounter;
  private final boolean listScimWithReporting;

  /**
   * The Reporting API's daily allowance is "2,000 + number of licensed users" per account
   * (https://developer.knowbe4.com/rest/reporting, rate limits); kb4sync reads through SCIM instead
   * once 80% of it was used in the last 24 hours.
   */
  static final long DAILY_BASE = 2000;

  static final double DAILY_SHARE = 0.8;

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
    this(settings, tuning, budgets, null, Clock.systemUTC());
  }

  /**
   * With the state store's request counts, so that the Reporting API's daily allowance is counted
   * across runs and processes (item 5 of docs/knowbe4.md).
   *
   * @param counts where Reporting requests are counted per account over a rolling 24 hours; null
   *     counts nothing (only a 429 that names the daily limit then switches to SCIM)
   */
  public KnowBe4Platform(
      KnowBe4Settings settings,
      ClientTuning tuning,
      ReportingBudgets budgets,
      RequestCounts counts,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.counts = counts;
    this.clock = Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(tuning, "tuning");
    Objects.requireNonNull(budgets, "budgets");
    Gateway scimGateway =
        new Gateway(
            settings.scimToken(),
            "application/scim+json",
            new WritePacing(settings.writeConcurrency(), tuning.scimWritesPerSecond()),
            RemoteErrors.scim(settings.scimUrl(), settings.scimToken()),
            tuning);
    this.scim =
        new ScimClient(settings.scimUrl(), scimGateway, tuning.scimPageSize(), tuning.maxPages());
    this.ids = new SnapshotIds(scim, tuning.scimPageSize());
    this.listScimWithReporting = false;
    this.memberBatch = tuning.memberBatch();
    this.removal = new MemberRemoval(settings.scimUrl().toString(), scim, budgets.removalForms());
    if (settings.hasReportingApi()) {
      this.reportingCounter =
          "knowbe4-reporting:"
              + ReportingBudgets.digest(
                  settings.reportingUrl() + "\n" + settings.reportingApiKey());
      this.reportingGateway =
          new Gateway(
              settings.reportingApiKey(),
              "application/json",
              budgets.forAccount(settings, tuning),
              RemoteErrors.reporting(
                  settings.reportingUrl(), settings.knowBe4Region(), settings.reportingApiKey()),
              tuning);
      this.reporting =
          new ReportingClient(
              settings.reportingUrl(),
              reportingGateway,
              tuning.reportingPageSize(),
              tuning.maxPages());
    } else {
      this.reporting = null;
      this.reportingGateway = null;
      this.reportingCounter = null;
    }
  }

  private KnowBe4Platform(KnowBe4Platform other, boolean listScimWithReporting) {
    this.settings = other.settings;
    this.scim = other.scim;
    this.reporting = other.reporting;
    this.ids = other.ids;
    this.memberBatch = other.memberBatch;
    this.removal = other.removal;
    this.reportingGateway = other.reportingGateway;
    this.counts = other.counts;
    this.clock = other.clock;
    this.reportingCounter = other.reportingCounter;
    this.listScimWithReporting = listScimWithReporting;
  }

  /**
   * The same account read as an audit reads it: with a Reporting key, the whole SCIM listing too,
   * so that the snapshot carries SCIM ids and names the users SCIM does not list (console and CSV
   * users, the SCIM exclusion list). A sync reads KnowBe4 once and needs neither.
   */
  public KnowBe4Platform withScimListing() {
    return new KnowBe4Platform(this, true);
  }

  /** The settings this platform was built from (their {@code toString} hides the secrets). */
  public KnowBe4Settings settings() {
    return settings;
  }

  /**
   * Read-only probes, with what each costs in requests: a SCIM user lookup (token and Tenant URL;
   * 1), a SCIM group lookup (1), SCIM listing support ({@link ScimClient#probeListing}; 2), and
   * with a Reporting key the account (key, region and seats; 1), the daily allowance used (0: the
   * state store's count) and the users only the Reporting API lists (both user listings of the
   * Reporting API and the SCIM user listing: 2 × (⌈N/500⌉ + 1) + ⌈N/100⌉ for N users).
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
      return results;
    }
    try {
      long total = scim.probeListing();
      results.add(
          CheckResult.pass(
              scimEndpoint,
              "SCIM listing (GET /Users without a filter)",
              "lists " + total + " users, paged to the last"));
    } catch (RemoteException e) {
      results.add(
          CheckResult.fail(
              scimEndpoint,
              "SCIM listing (GET /Users without a filter)",
              e.getMessage(),
              "a sync needs the whole SCIM listing (KnowBe4 documents only userName lookups): ask"
                  + " KnowBe4 support whether SCIM listing is available for this account"));
    }
    if (reporting == null) {
      results.add(
          CheckResult.skip(
              "KnowBe4 Reporting API",
              "account and seats",
              "no reporting_api_key: seats and users SCIM does not list are not checked"));
      return results;
    }
    String reportingEndpoint = "KnowBe4 Reporting API " + settings.reportingUrl();
    long sentBefore = reportingGateway.attempts();
    try {
      ReportingAccount account = reporting.account();
      results.add(
          CheckResult.pass(
              reportingEndpoint,
              "API key and region (account)",
              account.numberOfSeats() + " seats"));
      long allowance = DAILY_BASE + account.numberOfSeats();
      long used = reportingRequestsToday() + (reportingGateway.attempts() - sentBefore);
      results.add(
          CheckResult.pass(
              reportingEndpoint,
              "daily allowance (2,000 + licensed users)",
              used
                  + " of "
                  + allowance
                  + " requests used in the last 24 hours"
                  + (counts == null ? " by this process" : "")
                  + (used > DAILY_SHARE * allowance ? ": syncs read through SCIM now" : "")));
      results.add(reportingOnly(reportingEndpoint));
    } catch (RemoteException e) {
      results.add(
          CheckResult.fail(
              reportingEndpoint,
              "API key and region (account)",
              e.getMessage(),
              "check knowbe4.region (the console's host: training=us, eu, ca, uk, de) and"
                  + " knowbe4.reporting_api_key (Account Settings > API > Reporting API)"));
    } finally {
      long sent = reportingGateway.attempts() - sentBefore;
      if (counts != null && sent > 0) {
        counts.countRequests(reportingCounter, clock.instant(), sent);
      }
    }
    return results;
  }

  /**
   * Users KnowBe4 holds that SCIM does not list: added in the console, by CSV, by an old ADI agent,
   * or on the console's SCIM exclusion list. kb4sync cannot change them, and KnowBe4 may archive
   * users its SCIM source does not send (SCIM Configuration Guide,
   * https://support.knowbe4.com/hc/en-us/articles/360052380374).
   */
  private CheckResult reportingOnly(String endpoint) {
    String check = "users the Reporting API lists and SCIM does not";
    try {
      java.util.Set<String> listed = new java.util.HashSet<>();
      scim.listUsers().forEach(u -> listed.add(io.kb4sync.core.Emails.key(u.getUserName())));
      List<String> only = new ArrayList<>();
      for (String status : List.of("active", "archived")) {
        for (ReportingUser user : reporting.users(status)) {
          String key = io.kb4sync.core.Emails.key(user.email());
          if (key != null && !listed.contains(key)) {
            only.add(key + (status.equals("archived") ? " (archived)" : ""));
          }
        }
      }
      only.sort(null);
      return CheckResult.pass(
          endpoint,
          check,
          only.isEmpty()
              ? "none"
              : only.size()
                  + ": "
                  + String.join(", ", only.subList(0, Math.min(20, only.size())))
                  + (only.size() > 20 ? " and " + (only.size() - 20) + " more" : "")
                  + " (kb4sync cannot change them; see docs/knowbe4.md)");
    } catch (RemoteException e) {
      return CheckResult.fail(
          endpoint, check, e.getMessage(), "run kb4sync audit for the same list once reads pass");
    }
  }

  /** The user whose userName is the email (ignoring case), looked up through SCIM. */
  public java.util.Optional<TrainingUser> findUser(String email) {
    return scim.findUser(email, true).map(ScimMapping::toTraining);
  }

  /**
   * Reads the account: through the Reporting API when a key is configured and its daily allowance
   * allows (1 request for {@code /v1/account}, then ⌈users/500⌉ + 1 per status, ⌈groups/500⌉ + 1;
   * no SCIM request unless the Reporting API lists no user, or {@link #withScimListing}), else
   * through SCIM (⌈users/100⌉ + ⌈groups/100⌉).
   */
  @Override
  public TrainingSnapshot read() {
    if (reporting == null) {
      return new ScimSnapshotReader(scim).read();
    }
    Instant now = clock.instant();
    long sentBefore = reportingGateway.attempts();
    long used =
        counts == null ? 0 : counts.requests(reportingCounter, now.minus(Duration.ofDays(1)));
    try {
      ReportingAccount account = reporting.account();
      long allowance = DAILY_BASE + account.numberOfSeats();
      long spent = used + (reportingGateway.attempts() - sentBefore);
      if (spent > DAILY_SHARE * allowance) {
        return scimInstead(
            OptionalInt.of(account.numberOfSeats()),
            "KnowBe4 Reporting API: "
                + spent
                + " of the account's daily allowance of "
                + allowance
                + " requests (2,000 + "
                + account.numberOfSeats()
                + " licensed users, developer.knowbe4.com) were used in the last 24 hours, more"
                + " than 80%: this run read the account through SCIM instead");
      }
      TrainingSnapshot read =
          new ReportingSnapshotReader(reporting, scim, listScimWithReporting)
              .read(account, List.of());
      ids.accountHolds(read.users().size());
      return read;
    } catch (RemoteException e) {
      if (!dailyLimit(e)) {
        throw e;
      }
      if (counts != null) {
        // The server says the day's allowance is spent: count it so, for the next 24 hours.
        counts.countRequests(reportingCounter, now, DAILY_BASE);
      }
      return scimInstead(
          OptionalInt.empty(),
          "KnowBe4 Reporting API refused a request for its daily limit ("
              + e.getMessage()
              + "): this run read the account through SCIM instead (seats unknown); the"
              + " Reporting API is used again when the last 24 hours used less than 80% of the"
              + " allowance");
    } finally {
      if (counts != null) {
        long sent = reportingGateway.attempts() - sentBefore;
        if (sent > 0) {
          counts.countRequests(reportingCounter, clock.instant(), sent);
        }
      }
    }
  }

  private TrainingSnapshot scimInstead(OptionalInt seats, String warning) {
    LOG.warn(warning);
    TrainingSnapshot read = new ScimSnapshotReader(scim).read();
    return new TrainingSnapshot(read.users(), read.groups(), seats, List.of(warning), List.of());
  }

  /**
   * A 429 that names the daily limit. KnowBe4 documents no 429 body (developer.knowbe4.com lists
   * only "429 too many requests"): any throttling message that mentions a day is taken as the daily
   * limit; other 429s are the burst limits, retried as usual.
   */
  static boolean dailyLimit(RemoteException e) {
    if (e.kind() != RemoteException.Kind.THROTTLED || e.getMessage() == null) {
      return false;
    }
    String message = e.getMessage().toLowerCase(Locale.ROOT);
    return message.contains("daily") || message.contains("per day") || message.contains("24 h");
  }

  /** The Reporting API requests counted for this account in the last 24 hours; 0 without a key. */
  public long reportingRequestsToday() {
    return counts == null || reportingCounter == null
        ? 0
        : counts.requests(reportingCounter, clock.instant().minus(Duration.ofDays(1)));
  }

  /**
   * Looks the user up by {@code userName} first ({@code GET /Users?filter=userName eq "..."}, 1
   * request) and creates it only when none is found: a create an earlier run sent and KnowBe4 was
   * merely slow to apply is never made twice. {@code userName} is unique across a SCIM service
   * provider (RFC 7643 §4.1.1), which the create itself relies on as well (409 leads to the user).
   */
  @Override
  public TrainingUser createUnlessPresent(NewUser user) {
    return findUser(user.email()).orElseGet(() -> create(user));
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
    if (reporting != null && !listScimWithReporting) {
      // Read through the Reporting API alone, which may not show a group an earlier run created
      // minutes ago (it lags SCIM): a group found by its name is never made twice (1 request).
      java.util.Optional<GroupResource> found = scim.findGroup(displayName, true);
      if (found.isPresent()) {
        LOG.info("KnowBe4 group {} exists already (not yet in the Reporting API)", displayName);
        return ScimMapping.toTraining(found.get());
      }
    }
    GroupResource created = scim.createGroup(ScimMapping.newGroup(displayName));
    return ScimMapping.toTraining(created);
  }

  @Override
  public void addMembers(String groupId, List<String> userIds) {
    String group = ids.groupScimId(groupId);
    ids.prepare(userIds);
    for (List<String> batch : batches(userIds)) {
      scim.patchGroup(group, List.of(ScimMapping.addMembers(scimIds(batch))));
    }
  }

  @Override
  public void removeMembers(String groupId, List<String> userIds) {
    String group = ids.groupScimId(groupId);
    ids.prepare(userIds);
    for (List<String> batch : batches(userIds)) {
      // The filter form first; see MemberRemoval for the fallback and its proof.
      removal.remove(group, scimIds(batch));
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
