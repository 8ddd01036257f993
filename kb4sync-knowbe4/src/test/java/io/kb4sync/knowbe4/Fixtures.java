package io.kb4sync.knowbe4;

import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import java.net.URI;
import java.time.Duration;

/** Platforms wired for tests: short waits, no pacing unless a test asks for it. */
final class Fixtures {
  private Fixtures() {}

  /**
   * Retries with millisecond backoff, SCIM writes unpaced. The request timeout is the production
   * one (30 s), not a short one: tests count requests exactly, and a loopback answer held up by a
   * loaded machine for a couple of seconds must not add a retry. Tests of timeouts set their own.
   */
  static ClientTuning fastTuning() {
    return ClientTuning.defaults().toBuilder()
        .requestTimeout(Duration.ofSeconds(30))
        .retries(6, Duration.ofMillis(2), Duration.ofMillis(20))
        .scimWritesPerSecond(0)
        .reportingPace(0, 0)
        .build();
  }

  static KnowBe4Platform scimPlatform(URI scimUrl, String token) {
    return scimPlatform(scimUrl, token, fastTuning());
  }

  static KnowBe4Platform scimPlatform(URI scimUrl, String token, ClientTuning tuning) {
    return new KnowBe4Platform(
        KnowBe4Settings.scimOnly(scimUrl, token, "us"), tuning, new ReportingBudgets());
  }

  static KnowBe4Platform scimPlatform(KnowBe4Simulator sim) {
    return scimPlatform(sim.scimUrl(), sim.scimToken());
  }

  static KnowBe4Platform reportingPlatform(KnowBe4Simulator sim, ClientTuning tuning) {
    return new KnowBe4Platform(
        new KnowBe4Settings(
            sim.scimUrl(),
            sim.scimToken(),
            "us",
            sim.reportingUrl(),
            sim.reportingKey(),
            KnowBe4Settings.DEFAULT_WRITE_CONCURRENCY),
        tuning,
        new ReportingBudgets());
  }

  static KnowBe4Platform reportingPlatform(KnowBe4Simulator sim) {
    return reportingPlatform(sim, fastTuning());
  }
}
