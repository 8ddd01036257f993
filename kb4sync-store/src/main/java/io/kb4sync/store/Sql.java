package io.kb4sync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JDBC the store's classes share: a statement with its values bound, rows read into records,
 * and instants kept as epoch milliseconds ({@code *_at_ms} columns, null for none).
 */
final class Sql {
  private Sql() {}

  /** Reads one row into a value. */
  @FunctionalInterface
  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Runs an INSERT, UPDATE or DELETE; the rows it changed. */
  static int update(Connection connection, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, values);
      return ps.executeUpdate();
    }
  }

  /** Every row a query answers, in its order. */
  static <T> List<T> list(Connection connection, String sql, Row<T> row, Object... values)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, values);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.read(rs));
        }
      }
      return List.copyOf(out);
    }
  }

  /** The first row a query answers, if any. */
  static <T> Optional<T> first(Connection connection, String sql, Row<T> row, Object... values)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      bind(ps, values);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Binds values in order: strings, booleans, whole numbers, instants (as epoch milliseconds); null
   * as a null whose type the database takes from the column.
   */
  static void bind(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      int index = i + 1;
      Object value = values[i];
      if (value == null) {
        ps.setNull(index, Types.NULL);
      } else if (value instanceof String text) {
        ps.setString(index, text);
      } else if (value instanceof Instant instant) {
        ps.setLong(index, instant.toEpochMilli());
      } else if (value instanceof Boolean flag) {
        ps.setBoolean(index, flag);
      } else if (value instanceof Integer number) {
        ps.setInt(index, number);
      } else if (value instanceof Long number) {
        ps.setLong(index, number);
      } else {
        throw new IllegalArgumentException("cannot bind a " + value.getClass().getName());
      }
    }
  }

  static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, instant.toEpochMilli());
    }
  }

  static Instant instant(ResultSet rs, int index) throws SQLException {
    long millis = rs.getLong(index);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }
}
