package io.kb4sync.app.config;

/** One customer company: its PSA id, its tenant, its KnowBe4 account and its own variables. */
public record CompanyConfig(
    String companyId, String name, M365Config m365, KnowBe4Config knowbe4, Variables variables) {

  public String displayName() {
    return name == null || name.isBlank() ? companyId : name;
  }
}
