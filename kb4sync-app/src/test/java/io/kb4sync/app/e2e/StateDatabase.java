package io.kb4sync.app.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads the SQLite state database a kb4sync process left behind (between runs only). */
final class StateDatabase {
  private final Path file;

  StateDatabase(Path file) {
    this.file = file;
  }

  /** The number of rows {@code sql} (a {@code select count(*) ...}) counts. */
  long count(String sql) {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
