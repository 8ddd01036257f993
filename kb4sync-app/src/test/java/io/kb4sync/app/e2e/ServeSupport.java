package io.kb4sync.app.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the service tests share: waiting for a {@code serve} and reading the run history. */
final class ServeSupport {
  private static final Pattern SERVING =
      Pattern.compile("kb4sync: serving on http://(\\S+):(\\d+)");

  private ServeSupport() {}

  /** One row of the history, as the database holds it. */
  record Row(
      String runId,
      String companyId,
      String kind,
      String status,
      String outcome,
      Instant startedAt,
      Instant finishedAt,
      String trigger,
      String owner) {
    boolean open() {
      return status.equals("queued") || status.equals("running");
    }

    boolean ownedBy(Kb4syncJar.Started node) {
      return owner != null && owner.contains(" pid " + node.pid() + " ");
    }
  }

  /** Waits for the line {@code kb4sync: serving on http://HOST:PORT}; returns the port. */
  static int awaitServing(Kb4syncJar.Started node) {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(node.stderrSoFar());
      if (m.find()) {
        return Integer.parseInt(m.group(2));
      }
      if (!node.isAlive()) {
        fail("kb4sync serve ended before serving: %s", node.await());
      }
      pause(100);
    }
    fail("kb4sync serve did not say it was serving within a minute:%n%s", node.stderrSoFar());
    return -1;
  }

  static <T> T await(String what, Duration within, Supplier<Optional<T>> check) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> found = check.get();
      if (found.isPresent()) {
        return found.get();
      }
      pause(100);
    }
    fail("timed out after %s waiting for %s", within, what);
    return null;
  }

  static List<Row> runs(Connection connection) {
    try (PreparedStatement ps =
            connection.prepareStatement(
                "SELECT run_id, company_id, kind, status, outcome, started_at_ms, finished_at_ms,"
                    + " triggered_by, owner FROM runs ORDER BY started_at_ms, run_id");
        ResultSet rs = ps.executeQuery()) {
      List<Row> rows = new ArrayList<>();
      while (rs.next()) {
        long finished = rs.getLong(7);
        boolean noFinish = rs.wasNull();
        rows.add(
            new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                Instant.ofEpochMilli(rs.getLong(6)),
                noFinish ? null : Instant.ofEpochMilli(finished),
                rs.getString(8),
                rs.getString(9)));
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
