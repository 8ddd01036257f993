package io.kb4sync.app;

import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.core.directory.DirectorySource;
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

  StateStore store(Config config);
}
