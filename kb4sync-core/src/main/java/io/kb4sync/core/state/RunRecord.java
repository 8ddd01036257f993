package io.kb4sync.core.state;

import io.kb4sync.core.run.Outcome;
import io.kb4sync.core.run.RunStatus;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One run in the history: a sync (real or dry) or an audit, recorded from its first second and
 * ended with its outcome.
 *
 * @param runId opaque and unique; {@link #start} makes one with {@link #newRunId(Instant)}
 * @param kind {@value #SYNC} or {@value #AUDIT}
 * @param status where the run stands; {@code queued}/{@code running} until it ends
 * @param outcome how it ended; null until then, and for {@code abandoned} runs
 * @param finishedAt when it ended (or was found abandoned); null until then
 * @param trigger {@value #TRIGGER_CLI}, {@value #TRIGGER_SCHEDULE}, {@code api:<token name>} or
 *     {@code ui:<user name>}
 * @param owner the process that runs it ({@code RunOwner} in kb4sync-store: host, pid and start
 *     time), so a later process can tell whether it died; null only for runs recorded before the
 *     history had owners (they had all ended)
 * @param options the inputs of the run, as a short readable text (never secrets)
 * @param reportJson the JSON document the run printed; null until it ends, or when it produced none
 */
public record RunRecord(
    String runId,
    String companyId,
    String kind,
    boolean dryRun,
    RunStatus status,
    Outcome outcome,
    Instant startedAt,
    Instant finishedAt,
    String trigger,
    String owner,
    String options,
    String reportJson) {

  public static final String SYNC = "sync";
  public static final String AUDIT = "audit";
  public static final String TRIGGER_CLI = "cli";
  public static final String TRIGGER_SCHEDULE = "schedule";

  private static final Pattern TRIGGER = Pattern.compile("cli|schedule|(api|ui):\\S.*");

  public RunRecord {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(trigger, "trigger");
    if (runId.isBlank()) {
      throw new IllegalArgumentException("runId is blank");
    }
    if (!kind.equals(SYNC) && !kind.equals(AUDIT)) {
      throw new IllegalArgumentException("kind must be sync or audit: " + kind);
    }
    if (!TRIGGER.matcher(trigger).matches()) {
      throw new IllegalArgumentException(
          "trigger must be cli, schedule, api:<name> or ui:<name>: " + trigger);
    }
    switch (status) {
      case QUEUED, RUNNING -> {
        if (outcome != null || finishedAt != null) {
          throw new IllegalArgumentException(
              "a " + status + " run has no outcome and no finish time yet: " + runId);
        }
      }
      case FINISHED, FAILED -> {
        if (outcome == null || outcome.status() != status || finishedAt == null) {
          throw new IllegalArgumentException(
              "a " + status + " run needs a finish time and an outcome that ends so: " + runId);
        }
      }
      case ABANDONED -> {
        if (outcome != null || finishedAt == null) {
          throw new IllegalArgumentException(
              "an abandoned run has a finish time (when it was found) and no outcome: " + runId);
        }
      }
      case SKIPPED -> {
        if (finishedAt == null) {
          throw new IllegalArgumentException("a skipped run has a finish time: " + runId);
        }
      }
    }
  }

  /**
   * A run that starts now: status {@code running}, a new run id, no outcome yet.
   *
   * @param owner the process that runs it ({@code RunOwner.current()} in kb4sync-store)
   */
  public static RunRecord start(
      String companyId,
      String kind,
      boolean dryRun,
      Instant startedAt,
      String trigger,
      String owner,
      String options) {
    Objects.requireNonNull(owner, "owner");
    return new RunRecord(
        newRunId(startedAt),
        companyId,
        kind,
        dryRun,
        RunStatus.RUNNING,
        null,
        startedAt,
        null,
        trigger,
        owner,
        options,
        null);
  }

  /**
   * A run asked for now that waits for its turn (service mode): status {@code queued}, a new run
   * id.
   *
   * @param owner the process that queued it; the one that runs it takes over ({@link
   *     StateStore#markRunning})
   */
  public static RunRecord queued(
      String companyId,
      String kind,
      boolean dryRun,
      Instant queuedAt,
      String trigger,
      String owner,
      String options) {
    RunRecord run = start(companyId, kind, dryRun, queuedAt, trigger, owner, options);
    return run.withStatus(RunStatus.QUEUED, run.startedAt(), owner, null);
  }

  /** This queued run, started at {@code at} by {@code by}. */
  public RunRecord running(Instant at, String by) {
    Objects.requireNonNull(at, "at");
    return withStatus(RunStatus.RUNNING, at, by, null);
  }

  /** This open run, ended without outcome at {@code at}: {@code skipped} or {@code abandoned}. */
  public RunRecord end(RunStatus status, Instant at) {
    Objects.requireNonNull(at, "at");
    return withStatus(status, startedAt, owner, at);
  }

  private RunRecord withStatus(RunStatus status, Instant startedAt, String owner, Instant at) {
    return new RunRecord(
        runId,
        companyId,
        kind,
        dryRun,
        status,
        null,
        startedAt,
        at,
        trigger,
        owner,
        options,
        reportJson);
  }

  /** This run ended with an outcome: status {@code finished} or {@code failed} by the outcome. */
  public RunRecord finish(Outcome outcome, Instant finishedAt, String reportJson) {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(finishedAt, "finishedAt");
    return new RunRecord(
        runId,
        companyId,
        kind,
        dryRun,
        outcome.status(),
        outcome,
        startedAt,
        finishedAt,
        trigger,
        owner,
        options,
        reportJson);
  }

  /** This run, found with its process dead at {@code at}: no outcome. */
  public RunRecord abandon(Instant at) {
    Objects.requireNonNull(at, "at");
    return new RunRecord(
        runId,
        companyId,
        kind,
        dryRun,
        RunStatus.ABANDONED,
        null,
        startedAt,
        at,
        trigger,
        owner,
        options,
        reportJson);
  }

  /** The exit code of its outcome; null until it ends (and for abandoned runs). */
  public Integer exitCode() {
    return outcome == null ? null : outcome.exitCode();
  }

  /** {@code api:<token name>}. */
  public static String apiTrigger(String tokenName) {
    return "api:" + tokenName;
  }

  /** {@code ui:<user name>}. */
  public static String uiTrigger(String userName) {
    return "ui:" + userName;
  }

  // ---- run ids: ULIDs (26 characters, Crockford base 32, sortable by time) ----

  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static long lastMillis = -1;
  private static final byte[] LAST_RANDOM = new byte[10];

  /**
   * A new run id: a ULID of {@code at} (48 bits of epoch milliseconds, then 80 random bits, in 26
   * characters of Crockford's base 32). Ids made later in this process for the same millisecond
   * sort after the earlier ones.
   */
  public static String newRunId(Instant at) {
    long millis = Math.max(0, Math.min(at.toEpochMilli(), (1L << 48) - 1));
    byte[] random = new byte[10];
    synchronized (LAST_RANDOM) {
      if (millis == lastMillis && increment(LAST_RANDOM)) {
        System.arraycopy(LAST_RANDOM, 0, random, 0, random.length);
      } else {
        RANDOM.nextBytes(random);
        random[0] &= 0x7f; // leaves room to increment within the millisecond
        System.arraycopy(random, 0, LAST_RANDOM, 0, random.length);
        lastMillis = millis;
      }
    }
    // 128 bits: 48 of time, 80 of randomness, written as 26 five-bit characters (130 bits).
    byte[] bits = new byte[16];
    for (int i = 0; i < 6; i++) {
      bits[i] = (byte) (millis >>> (40 - 8 * i));
    }
    System.arraycopy(random, 0, bits, 6, 10);
    char[] text = new char[26];
    for (int i = 0; i < 26; i++) {
      int bit = 128 - 5 * (26 - i); // the first character holds the top 3 bits
      int value = 0;
      for (int b = 0; b < 5; b++) {
        int index = bit + b;
        value <<= 1;
        if (index >= 0 && (bits[index / 8] & (0x80 >>> (index % 8))) != 0) {
          value |= 1;
        }
      }
      text[i] = CROCKFORD[value];
    }
    return new String(text);
  }

  /** Adds one to a big-endian number; false when it overflowed. */
  private static boolean increment(byte[] number) {
    for (int i = number.length - 1; i >= 0; i--) {
      if (++number[i] != 0) {
        return true;
      }
    }
    return false;
  }
}
