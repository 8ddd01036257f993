package io.kb4sync.app.config;

import io.kb4sync.graph.GraphSettings;
import io.kb4sync.knowbe4.KnowBe4Settings;

/**
 * One customer company: its PSA id, its tenant, its KnowBe4 account and its own variables. The
 * {@code m365} and {@code knowbe4} sections are the adapters' own settings, bound as written.
 */
public record CompanyConfig(
    String companyId,
    String name,
    GraphSettings m365,
    KnowBe4Settings knowbe4,
    Variables variables) {

  public String displayName() {
    return name == null || name.isBlank() ? companyId : name;
  }
}
