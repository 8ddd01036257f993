package io.kb4sync.simulators.knowbe4;

import io.kb4sync.simulators.http.Faults;
import io.kb4sync.simulators.http.RequestLog;
import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A simulated KnowBe4 account on a loopback port, serving both surfaces from one user and group
 * store: SCIM 2.0 under {@link #scimUrl()} ({@code /Users}, {@code /Groups}) and the Reporting API
 * under {@link #reportingUrl()} ({@code /v1/...}). SCIM ids are opaque strings and Reporting ids
 * integers from a different space, as on the real service.
 *
 * <pre>{@code
 * try (KnowBe4Simulator kb4 = KnowBe4Simulator.start()) {
 *   kb4.seats(50);
 *   kb4.seedUser(UserSeed.of("ann@acme.example").named("Ann", "Lee").groups("All Users"));
 *   // point the client at kb4.scimUrl() with kb4.scimToken(), kb4.reportingUrl() with
 *   // kb4.reportingKey(); then assert on kb4.users(), kb4.groups(), kb4.log()
 * }
 * }</pre>
 *
 * <p>Behaviour the KnowBe4 documentation leaves open is switchable (see the setters); the defaults
 * are the cautious reading: userName unique across active and archived users (409 uniqueness), SCIM
 * pages capped at 100 whatever {@code count} asks, Reporting limited to 4 requests/s and 50 per
 * minute, a bad Reporting key answered 401.
 */
public final class KnowBe4Simulator implements AutoCloseable {

  /** Default SCIM bearer token of a started simulator. */
  public static final String DEFAULT_SCIM_TOKEN = "sim-kb4-scim-token";

  /** Default Reporting API key of a started simulator. */
  public static final String DEFAULT_REPORTING_KEY = "sim-kb4-reporting-key";

  /** Switchable behaviour, read by the request handlers on every request. */
  static final class Behaviour {
    volatile String scimToken = DEFAULT_SCIM_TOKEN;
    volatile String reportingKey = DEFAULT_REPORTING_KEY;
    volatile int scimPageCap = 100;
    volatile boolean caseSensitiveUserNameFilter;
    volatile boolean patchAnswersNoContent;
    volatile boolean duplicateCreateConflicts = true;
    volatile boolean uniqueUserNames = true;
    volatile boolean reportingOmitsUserGroups;
    final Set<String> unlistedInScim = ConcurrentHashMap.newKeySet();
    volatile Duration writeDelay = Duration.ZERO;
    volatile boolean deleteArchives;
    volatile boolean invalidTokenAs200;
    volatile boolean legacyFieldNames;
    volatile String legacySpelling = "adi_manageable";
    volatile int reportingPerSecond = 4;
    volatile int reportingPerMinute = 50;
    volatile long reportingPerDay;
    volatile String accountName = "Simulated Account";
    volatile MemberRemovalMode memberRemoval = MemberRemovalMode.BOTH_FORMS;
    volatile boolean testMode;
    volatile Duration applyDelay = Duration.ZERO;
    volatile boolean refuseUnfilteredListing;
    volatile int listingCap;
    volatile boolean listingCapHidesTotal;
    volatile Duration reportingLag = Duration.ZERO;
    final AtomicInteger shiftedListingPages = new AtomicInteger();
    volatile List<String> domains = List.of();
  }

  private static final String SCIM_PREFIX = "/scim/v2";

  private final SimAccount account = new SimAccount();
  private final AtomicInteger inFlightWrites = new AtomicInteger();
  private final AtomicInteger maxInFlightWrites = new AtomicInteger();
  private final Behaviour behaviour = new Behaviour();
  private final SimServer server;
  private final ScimApi scim;
  private final ReportingApi reporting;

  private KnowBe4Simulator() {
    Handler handler = new Handler();
    this.server = SimServer.start(handler, ScimFaultBodies.INSTANCE, request -> true);
    this.scim = new ScimApi(account, behaviour, URI.create(server.baseUri() + SCIM_PREFIX));
    this.reporting = new ReportingApi(account, behaviour);
    handler.ready = true;
  }

  /** Starts an empty account with the default token and key. */
  public static KnowBe4Simulator start() {
    return new KnowBe4Simulator();
  }

  /** Starts an empty account with the given SCIM token and Reporting key. */
  public static KnowBe4Simulator start(String scimToken, String reportingKey) {
    KnowBe4Simulator simulator = new KnowBe4Simulator();
    simulator.scimToken(scimToken);
    simulator.reportingKey(reportingKey);
    return simulator;
  }

  // ---- endpoints and credentials

  /** The SCIM Tenant URL, as pasted from the console: {@code http://127.0.0.1:PORT/scim/v2}. */
  public URI scimUrl() {
    return URI.create(server.baseUri() + SCIM_PREFIX);
  }

  /** The Reporting API base: {@code http://127.0.0.1:PORT} (the client appends /v1/...). */
  public URI reportingUrl() {
    return server.baseUri();
  }

  public String scimToken() {
    return behaviour.scimToken;
  }

  public KnowBe4Simulator scimToken(String token) {
    behaviour.scimToken = Objects.requireNonNull(token);
    return this;
  }

  public String reportingKey() {
    return behaviour.reportingKey;
  }

  public KnowBe4Simulator reportingKey(String key) {
    behaviour.reportingKey = Objects.requireNonNull(key);
    return this;
  }

  public RequestLog log() {
    return server.log();
  }

  /** Injects latency, 429/5xx, fail-after-apply and hang-after-apply on both surfaces. */
  public KnowBe4Simulator faults(Faults faults) {
    server.faults(faults);
    return this;
  }

  public Faults faults() {
    return server.faults();
  }

  @Override
  public void close() {
    server.close();
  }

  // ---- switchable behaviour

  /** The most resources one SCIM page returns, whatever {@code count} asks (default 100). */
  public KnowBe4Simulator scimPageCap(int cap) {
    behaviour.scimPageCap = cap;
    return this;
  }

  /** When true, {@code userName eq} compares case-sensitively (undocumented; default false). */
  public KnowBe4Simulator caseSensitiveUserNameFilter(boolean value) {
    behaviour.caseSensitiveUserNameFilter = value;
    return this;
  }

  /** When true, PATCH answers 204 without a body instead of 200 with the resource. */
  public KnowBe4Simulator patchAnswersNoContent(boolean value) {
    behaviour.patchAnswersNoContent = value;
    return this;
  }

  /** When false, a duplicate create answers 200 with the existing user instead of 409. */
  public KnowBe4Simulator duplicateCreateConflicts(boolean value) {
    behaviour.duplicateCreateConflicts = value;
    return this;
  }

  /**
   * When false, the server stops checking userName uniqueness: a client that retries a create
   * blindly then makes visible duplicates (used to prove the client's own duplicate protection).
   */
  public KnowBe4Simulator uniqueUserNames(boolean value) {
    behaviour.uniqueUserNames = value;
    return this;
  }

  /**
   * Time each write spends inside the server while counted as in flight; see {@link
   * #maxConcurrentWrites()}.
   */
  public KnowBe4Simulator writeDelay(Duration delay) {
    behaviour.writeDelay = delay;
    return this;
  }

  /**
   * Holds every SCIM or Reporting write (POST, PUT, PATCH, DELETE) that arrives from now on, before
   * it is applied, until the hold is closed; reads go on.
   */
  public SimServer.Hold holdWrites() {
    return server.hold(io.kb4sync.simulators.http.SimRequest::isWrite);
  }

  /** The most write requests (POST, PUT, PATCH, DELETE) the server was handling at once. */
  public int maxConcurrentWrites() {
    return maxInFlightWrites.get();
  }

  /** When true, SCIM DELETE archives instead of deleting (one unconfirmed claim). */
  public KnowBe4Simulator deleteArchives(boolean value) {
    behaviour.deleteArchives = value;
    return this;
  }

  /** When true, a bad Reporting key gets {@code 200 {"message":"Invalid Token"}}, else 401. */
  public KnowBe4Simulator invalidTokenAs200(boolean value) {
    behaviour.invalidTokenAs200 = value;
    return this;
  }

  /**
   * When set, Reporting users carry the legacy flag name instead of {@code provisioning_managed}:
   * {@code adi_manageable}, or the community spec's {@code adi_mangeable}; null switches back.
   */
  public KnowBe4Simulator legacyProvisioningField(String spelling) {
    behaviour.legacyFieldNames = spelling != null;
    if (spelling != null) {
      behaviour.legacySpelling = spelling;
    }
    return this;
  }

  /**
   * When true, Reporting users come without their {@code groups} array, so a client must ask {@code
   * /v1/groups/{id}/members}.
   */
  public KnowBe4Simulator reportingOmitsUserGroups(boolean value) {
    behaviour.reportingOmitsUserGroups = value;
    return this;
  }

  /**
   * Leaves a user out of the unfiltered SCIM listing (a {@code userName eq} filter still finds it),
   * like a console user SCIM provisioning does not show in bulk.
   */
  public KnowBe4Simulator unlistedInScim(String email) {
    behaviour.unlistedInScim.add(SimAccount.key(email));
    return this;
  }

  /**
   * Forgets the Reporting requests counted against the limits so far, as if the last one were a day
   * ago (a benchmark's runs one after another on one account would otherwise share a minute).
   */
  public KnowBe4Simulator resetReportingLimits() {
    reporting.resetLimits();
    return this;
  }

  /** Reporting API limits; 0 switches a limit off. Defaults: 4/s, 50/min, no daily limit. */
  public KnowBe4Simulator reportingLimits(int perSecond, int perMinute, long perDay) {
    behaviour.reportingPerSecond = perSecond;
    behaviour.reportingPerMinute = perMinute;
    behaviour.reportingPerDay = perDay;
    return this;
  }

  /** How removals of group members are taken (default {@link MemberRemovalMode#BOTH_FORMS}). */
  public KnowBe4Simulator memberRemoval(MemberRemovalMode mode) {
    behaviour.memberRemoval = Objects.requireNonNull(mode);
    return this;
  }

  /**
   * KnowBe4's SCIM Test Mode ("on by default" after switching to SCIM): every write is accepted and
   * answered as if applied, and nothing changes
   * (https://support.knowbe4.com/hc/en-us/articles/360052380374). The 15-minute rule's skipped
   * syncs (https://support.knowbe4.com/hc/en-us/articles/45870261990035) look the same to a client.
   */
  public KnowBe4Simulator testMode(boolean value) {
    behaviour.testMode = value;
    return this;
  }

  /**
   * Delayed apply: every write is accepted and answered at once, and applied only when the
   * simulator's clock ({@link #clock(Clock)}) has moved {@code delay} past it ("Pending",
   * "Processing"); {@link Duration#ZERO} applies at once (default).
   */
  public KnowBe4Simulator applyDelay(Duration delay) {
    behaviour.applyDelay = Objects.requireNonNull(delay);
    return this;
  }

  /**
   * Writes accepted in delayed-apply mode and not applied yet (applied on the next request due).
   */
  public int queuedWrites() {
    return scim.queuedWrites();
  }

  /** When true, {@code GET /Users} without a filter is refused (400 tooMany). */
  public KnowBe4Simulator refuseUnfilteredListing(boolean value) {
    behaviour.refuseUnfilteredListing = value;
    return this;
  }

  /**
   * Caps the unfiltered {@code GET /Users} at {@code max} users (0: no cap). With {@code hideTotal}
   * the listing's {@code totalResults} counts only what it returns (a cap no client can see);
   * without, it tells the true total and pages past the cap come back empty.
   */
  public KnowBe4Simulator capListing(int max, boolean hideTotal) {
    behaviour.listingCap = max;
    behaviour.listingCapHidesTotal = hideTotal;
    return this;
  }

  /**
   * The next {@code pages} pages of the unfiltered {@code GET /Users} past the first are served one
   * position early (the page repeats the last user of the page before it and the listing seems to
   * have shifted, as when a user is added in front of it while it is paged); 0 (default) none.
   * KnowBe4 documents no paging order: a client must notice and not plan on such a listing.
   */
  public KnowBe4Simulator shiftListingPages(int pages) {
    behaviour.shiftedListingPages.set(pages);
    return this;
  }

  /**
   * Users created through SCIM appear in the Reporting API only {@code lag} after their creation
   * (by the simulator's clock); {@link Duration#ZERO} (default) shows them at once.
   */
  public KnowBe4Simulator reportingLag(Duration lag) {
    behaviour.reportingLag = Objects.requireNonNull(lag);
    return this;
  }

  /** The account's name and verified domains, shown by {@code /v1/account}. */
  public KnowBe4Simulator account(String name, List<String> domains) {
    behaviour.accountName = name;
    behaviour.domains = List.copyOf(domains);
    return this;
  }

  /** Timestamps ({@code archived_at}, {@code joined_on}) come from this clock. */
  public KnowBe4Simulator clock(Clock clock) {
    account.clock(clock);
    return this;
  }

  // ---- state: seeding

  /** The purchased seats, shown as {@code number_of_seats}. */
  public KnowBe4Simulator seats(int seats) {
    account.seats(seats);
    return this;
  }

  /**
   * Puts a user into the account as if an earlier sync or the console had made it. Groups are
   * created when missing; a manager must have been seeded before.
   *
   * @return the seeded user
   * @throws IllegalArgumentException when the email is taken or the manager is unknown
   */
  public UserView seedUser(UserSeed seed) {
    synchronized (account) {
      SimUser user = account.addUser(seed.email(), false);
      if (user == null) {
        throw new IllegalArgumentException("already seeded: " + seed.email());
      }
      user.givenName = seed.givenName();
      user.familyName = seed.familyName();
      user.department = seed.department();
      user.title = seed.title();
      user.workEmail = seed.email();
      user.provisioningManaged = true;
      if (seed.managerEmail() != null) {
        user.managerScimId =
            account
                .findByUserName(seed.managerEmail(), false)
                .orElseThrow(
                    () -> new IllegalArgumentException("unknown manager " + seed.managerEmail()))
                .scimId;
      }
      account.setActive(user, seed.active());
      for (String name : seed.groups()) {
        SimGroup group = account.findGroupByName(name).orElseGet(() -> account.addGroup(name));
        group.memberScimIds.add(user.scimId);
      }
      return view(user);
    }
  }

  /** Seeds a group (empty) and returns it; an existing group of that name is returned as is. */
  public GroupView seedGroup(String displayName) {
    synchronized (account) {
      SimGroup group =
          account.findGroupByName(displayName).orElseGet(() -> account.addGroup(displayName));
      return view(group);
    }
  }

  // ---- state: inspection

  public List<UserView> users() {
    synchronized (account) {
      List<UserView> views = new ArrayList<>();
      account.users().forEach(u -> views.add(view(u)));
      return views;
    }
  }

  public List<UserView> activeUsers() {
    return users().stream().filter(UserView::active).toList();
  }

  /** The user whose userName equals the email, ignoring case and surrounding blanks. */
  public Optional<UserView> findByEmail(String email) {
    synchronized (account) {
      return account.findByUserName(email, false).map(this::view);
    }
  }

  public List<GroupView> groups() {
    synchronized (account) {
      List<GroupView> views = new ArrayList<>();
      account.groups().forEach(g -> views.add(view(g)));
      return views;
    }
  }

  public Optional<GroupView> findGroup(String displayName) {
    synchronized (account) {
      return account.findGroupByName(displayName).map(this::view);
    }
  }

  /** How many users SCIM POST created (including ones whose answer was lost to a fault). */
  public long scimCreates() {
    return account.scimCreates();
  }

  public int seats() {
    return account.seats();
  }

  /** Seats in use: active users (archived users do not count against seats). */
  public long seatsUsed() {
    return account.activeCount();
  }

  private UserView view(SimUser u) {
    return new UserView(
        u.scimId,
        u.reportingId,
        u.userName,
        u.givenName,
        u.familyName,
        u.department,
        u.title,
        u.managerScimId,
        u.externalId,
        u.active,
        u.archivedAt,
        u.autoEnrolled,
        account.groupNamesOf(u));
  }

  private GroupView view(SimGroup g) {
    Set<String> emails = new LinkedHashSet<>();
    for (String id : g.memberScimIds) {
      SimUser user = account.user(id);
      if (user != null) {
        emails.add(SimAccount.key(user.userName));
      }
    }
    return new GroupView(g.scimId, g.reportingId, g.displayName, emails);
  }

  private static void pause(Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Routes requests by path prefix to the two surfaces. */
  private final class Handler implements io.kb4sync.simulators.http.SimHandler {
    volatile boolean ready;

    @Override
    public SimResponse handle(SimRequest request) {
      if (!ready) {
        return SimResponse.json(503, "{\"message\":\"starting\"}");
      }
      String path = request.path();
      if (path.equals(SCIM_PREFIX) || path.startsWith(SCIM_PREFIX + "/")) {
        if (!request.isWrite()) {
          return scim.handle(request, path.substring(SCIM_PREFIX.length()));
        }
        int now = inFlightWrites.incrementAndGet();
        maxInFlightWrites.accumulateAndGet(now, Math::max);
        try {
          pause(behaviour.writeDelay);
          return scim.handle(request, path.substring(SCIM_PREFIX.length()));
        } finally {
          inFlightWrites.decrementAndGet();
        }
      }
      if (path.startsWith("/v1/")) {
        scim.applyDue();
        return reporting.handle(request);
      }
      return SimResponse.json(404, "{\"message\":\"Not Found\"}");
    }
  }
}
