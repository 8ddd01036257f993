package io.kb4sync.app;

import io.kb4sync.app.config.CompanyConfig;
import io.kb4sync.app.config.Config;
import io.kb4sync.core.directory.DirectorySource;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.training.TrainingPlatform;
import io.kb4sync.graph.GraphDirectorySource;
import io.kb4sync.graph.GraphOptions;
import io.kb4sync.knowbe4.ClientTuning;
import io.kb4sync.knowbe4.KnowBe4Platform;
import io.kb4sync.knowbe4.ReportingBudgets;
import io.kb4sync.store.StateStores;
import java.time.Clock;

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

  @Override
  public StateStore store(Config config) {
    return StateStores.open(config.state(), config.folder());
  }
}
