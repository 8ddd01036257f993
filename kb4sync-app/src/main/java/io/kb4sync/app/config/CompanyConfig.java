package io.kb4sync.app.config;

import io.kb4sync.graph.GraphSettings;
import io.kb4sync.knowbe4.KnowBe4Settings;

/**
 * One customer company: its PSA id, its tenant, its KnowBe4 account, its own variables and its own
 * schedule keys (each null when not set). The {@code m365} and {@code knowbe4} sections are the
 * adapters' own settings, bound as written.
 */
public record CompanyConfig(
    String companyId,
    String name,
    GraphSettings m365,
    KnowBe4Settings knowbe4,
    Variables variables,
    ScheduleConfig schedule) {

  public CompanyConfig {
    schedule = schedule == null ? ScheduleConfig.none() : schedule;
  }

  public CompanyConfig(
      String companyId,
      String name,
      GraphSettings m365,
      KnowBe4Settings knowbe4,
      Variables variables) {
    this(companyId, name, m365, knowbe4, variables, ScheduleConfig.none());
  }

  public String displayName() {
    return name == null || name.isBlank() ? companyId : name;
  }
}
