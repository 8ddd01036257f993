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

  StateStore store(Config config);
}
