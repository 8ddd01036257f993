package io.kb4sync.app;

import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.core.directory.DirectorySource;
import io.kb4sync.core.onboard.Discovery;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.training.TrainingPlatform;

/** Builds the outside systems of a company from its configuration. One place wires the adapters. */
public interface Connectors {
  DirectorySource directory(CompanyConfig company);

  TrainingPlatform platform(CompanyConfig company);

  /**
   * The platform with the state store at hand, for what it keeps across runs (the KnowBe4 Reporting
   * API's daily request count).
   */
  default TrainingPlatform platform(CompanyConfig company, StateStore store) {
    return platform(company);
  }

  /**
   * The company's directory under the whole configuration's HTTP limits ({@code http_deadline});
   * connectors that send no HTTP need not care.
   */
  default DirectorySource directory(Config config, CompanyConfig company) {
    return directory(company);
  }

  /**
   * The company's KnowBe4 account under the whole configuration's HTTP limits, with the state store
   * when there is one (null: none).
   */
  default TrainingPlatform platform(Config config, CompanyConfig company, StateStore store) {
    return store == null ? platform(company) : platform(company, store);
  }

  /**
   * The company's directory as {@code doctor} checks it: each request tried at most twice with
   * short waits, so that a table over a book with an endpoint down comes in seconds, not after each
   * check's minutes of retries. A run's own reads keep their patience.
   */
  default DirectorySource directoryToCheck(Config config, CompanyConfig company) {
    return directory(config, company);
  }

  /** The company's KnowBe4 account as {@code doctor} checks it (see {@link #directoryToCheck}). */
  default TrainingPlatform platformToCheck(Config config, CompanyConfig company, StateStore store) {
    return platform(config, company, store);
  }

  StateStore store(Config config);

  /**
   * What {@code kb4sync companies discover} reads: the partner tenant's GDAP customers (Microsoft
   * Graph), the public OpenID documents (domain to tenant), and the configured PSA's companies.
   * Real HTTP for every wiring, tests included (they point the configuration at simulators).
   *
   * @throws IllegalArgumentException when the {@code partner} or {@code psa} settings cannot be
   *     used (one line naming the key)
   */
  default Discovery discovery(Config config) {
    return RealConnectors.discoveryOf(config);
  }
}
