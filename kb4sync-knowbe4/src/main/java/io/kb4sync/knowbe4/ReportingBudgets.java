package io.kb4sync.knowbe4;

import io.github.resilience4j.ratelimiter.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reporting API request budgets, one per KnowBe4 account (the limits are per account: 4/s and
 * 50/min). Platforms built for the same account share one budget, so two runs in one process cannot
 * together exceed the limits. Accounts are keyed by a digest of URL and key: the key itself is
 * never kept here.
 */
public final class ReportingBudgets {
  private static final ReportingBudgets PROCESS = new ReportingBudgets();

  private final Map<String, Pacing> budgets = new ConcurrentHashMap<>();

  /** A registry of its own (tests, or an application that scopes budgets itself). */
  public ReportingBudgets() {}

  /** The registry shared by every platform of this process that was given none. */
  public static ReportingBudgets processWide() {
    return PROCESS;
  }

  Pacing forAccount(KnowBe4Settings settings, ClientTuning tuning) {
    String account = digest(settings.reportingUrl() + "\n" + settings.reportingApiKey());
    return budgets.computeIfAbsent(
        account + "/" + tuning.reportingPerSecond() + "/" + tuning.reportingPerMinute(),
        k -> accountPacing(k, tuning));
  }

  private static Pacing accountPacing(String name, ClientTuning tuning) {
    RateLimiter perSecond =
        tuning.reportingPerSecond() > 0
            ? Pacing.smooth("kb4-reporting-s-" + name, tuning.reportingPerSecond())
            : null;
    // resilience4j counts fixed cycles; a server counting a sliding minute may still say 429
    // at a cycle boundary, and the retry (with backoff) covers that rare case.
    RateLimiter perMinute =
        tuning.reportingPerMinute() > 0
            ? Pacing.window(
                "kb4-reporting-m-" + name, tuning.reportingPerMinute(), Duration.ofMinutes(1))
            : null;
    return request -> {
      if (perMinute != null && !perMinute.acquirePermission()) {
        return null;
      }
      if (perSecond != null && !perSecond.acquirePermission()) {
        return null;
      }
      return Pacing.NONE;
    };
  }

  private static String digest(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
