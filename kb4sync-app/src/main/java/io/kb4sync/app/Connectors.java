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
   * The company's directory under the whole configuration's HTTP limits ({@code http_deadline});
   * connectors that send no HTTP need not care.
   */
  default DirectorySource directory(Config config, CompanyConfig company) {
    return directory(company);
  }

  /** The company's KnowBe4 account under the whole configuration's HTTP limits. */
  default TrainingPlatform platform(Config config, CompanyConfig company) {
    return platform(company);
  }

  StateStore store(Config config);
}
