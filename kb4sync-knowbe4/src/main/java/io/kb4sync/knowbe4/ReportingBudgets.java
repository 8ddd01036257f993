package io.kb4sync.knowbe4;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reporting API request budgets, one per KnowBe4 account (the limits are per account: 4 in any
 * second and 50 in any minute; {@link ReportingWindows}). Platforms built for the same account
 * share one budget, so companies that use the same key (e.g. an MSP's one account for several
 * customers), synced at once in one process, together never exceed the limits. Accounts are keyed
 * by a digest of URL and key: the key itself is never kept here.
 */
public final class ReportingBudgets {
  private static final ReportingBudgets PROCESS = new ReportingBudgets();

  private final Map<String, Pacing> budgets = new ConcurrentHashMap<>();
  private final Map<String, MemberRemoval.Form> removalForms = new ConcurrentHashMap<>();

  /**
   * What each account (by SCIM Tenant URL) was found to take for member removals; kept with the
   * budgets, as long as the process (or this registry) lives.
   */
  Map<String, MemberRemoval.Form> removalForms() {
    return removalForms;
  }

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
        k -> accountPacing(tuning));
  }

  private static Pacing accountPacing(ClientTuning tuning) {
    return ReportingWindows.of(tuning.reportingPerSecond(), tuning.reportingPerMinute());
  }

  static String digest(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
