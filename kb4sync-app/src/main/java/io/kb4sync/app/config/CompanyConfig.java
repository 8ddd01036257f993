package io.kb4sync.app.config;

/**
 * One customer company: its PSA id, its tenant, its KnowBe4 account, its own variables and its own
 * schedule keys (each null when not set).
 */
public record CompanyConfig(
    String companyId,
    String name,
    M365Config m365,
    KnowBe4Config knowbe4,
    Variables variables,
    ScheduleConfig schedule) {

  public CompanyConfig {
    schedule = schedule == null ? ScheduleConfig.none() : schedule;
  }

  public CompanyConfig(
      String companyId, String name, M365Config m365, KnowBe4Config knowbe4, Variables variables) {
    this(companyId, name, m365, knowbe4, variables, ScheduleConfig.none());
  }

  public String displayName() {
    return name == null || name.isBlank() ? companyId : name;
  }
}
