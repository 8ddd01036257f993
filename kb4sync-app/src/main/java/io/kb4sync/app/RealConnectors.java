package io.kb4sync.app;

import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.core.directory.DirectorySource;
import io.kb4sync.core.onboard.Discovery;
import io.kb4sync.core.onboard.PsaDirectory;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.training.TrainingPlatform;
import io.kb4sync.graph.GraphDirectorySource;
import io.kb4sync.graph.GraphOptions;
import io.kb4sync.graph.GraphPartnerDirectory;
import io.kb4sync.graph.OpenIdDomainTenants;
import io.kb4sync.knowbe4.ClientTuning;
import io.kb4sync.knowbe4.KnowBe4Platform;
import io.kb4sync.knowbe4.ReportingBudgets;
import io.kb4sync.psa.PsaDirectories;
import io.kb4sync.store.StateStores;
import java.time.Clock;
import java.time.Duration;

/** The production wiring: Microsoft Graph, KnowBe4 SCIM/Reporting and the SQL state store. */
public final class RealConnectors implements Connectors {

  @Override
  public DirectorySource directory(CompanyConfig company) {
    return new GraphDirectorySource(company.m365());
  }

  @Override
  public TrainingPlatform platform(CompanyConfig company) {
    return new KnowBe4Platform(company.knowbe4());
  }

  /** With the store's request counts: the Reporting API's daily allowance across runs. */
  @Override
  public TrainingPlatform platform(CompanyConfig company, StateStore store) {
    return new KnowBe4Platform(
        company.knowbe4(),
        ClientTuning.defaults(),
        ReportingBudgets.processWide(),
        store,
        Clock.systemUTC());
  }

  @Override
  public DirectorySource directory(Config config, CompanyConfig company) {
    return new GraphDirectorySource(
        company.m365(), GraphOptions.defaults().withDeadline(config.httpDeadline()));
  }

  @Override
  public TrainingPlatform platform(Config config, CompanyConfig company, StateStore store) {
    return new KnowBe4Platform(
        company.knowbe4(),
        ClientTuning.defaults().toBuilder().deadline(config.httpDeadline()).build(),
        ReportingBudgets.processWide(),
        store,
        Clock.systemUTC());
  }

  /** A check's request: tried twice, one wait of at most 2 s between (Retry-After included). */
  static final int CHECK_ATTEMPTS = 2;

  private static final Duration CHECK_WAIT = Duration.ofSeconds(2);

  @Override
  public DirectorySource directoryToCheck(Config config, CompanyConfig company) {
    GraphOptions options = GraphOptions.defaults().withDeadline(config.httpDeadline());
    return new GraphDirectorySource(
        company.m365(),
        options.withRetry(
            options.retry().toBuilder()
                .maxAttempts(CHECK_ATTEMPTS)
                .backoff(Duration.ofSeconds(1), CHECK_WAIT)
                .maxWait(CHECK_WAIT)
                .maxTotalWait(CHECK_WAIT)
                .build()));
  }

  @Override
  public TrainingPlatform platformToCheck(Config config, CompanyConfig company, StateStore store) {
    ClientTuning tuning =
        ClientTuning.defaults().toBuilder()
            .deadline(config.httpDeadline())
            .retries(CHECK_ATTEMPTS, Duration.ofSeconds(1), CHECK_WAIT)
            .maxRetryAfter(CHECK_WAIT)
            .build();
    return store == null
        ? new KnowBe4Platform(company.knowbe4(), tuning)
        : new KnowBe4Platform(
            company.knowbe4(), tuning, ReportingBudgets.processWide(), store, Clock.systemUTC());
  }

  /**
   * The reads of {@code companies discover} from the {@code partner} and {@code psa} sections,
   * under the configuration's {@code http_deadline}; domains are resolved at the partner's login
   * host.
   */
  static Discovery discoveryOf(Config config) {
    GraphOptions options = GraphOptions.defaults().withDeadline(config.httpDeadline());
    PsaDirectory psa =
        PsaDirectories.create(config.psa(), config.httpDeadline())
            .orElseThrow(() -> new IllegalArgumentException("psa.type: is required"));
    GraphPartnerDirectory partner;
    try {
      partner = new GraphPartnerDirectory(config.partner(), options);
    } catch (IllegalArgumentException e) {
      // e.g. "certificate_path: cannot read ...": told at the partner section's key
      throw new IllegalArgumentException("partner." + e.getMessage(), e);
    }
    return new Discovery(
        partner, psa, new OpenIdDomainTenants(config.partner().effectiveLoginUrl(), options));
  }

  @Override
  public StateStore store(Config config) {
    return StateStores.open(config.state(), config.folder());
  }
}
