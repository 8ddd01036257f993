package io.kb4sync.store;

import java.sql.Connection;

/** What differs between the two databases, beside the pool and the locks. */
enum Dialect {
  SQLITE("db/migration/sqlite", Connection.TRANSACTION_NONE),
  POSTGRESQL("db/migration/postgresql", Connection.TRANSACTION_REPEATABLE_READ);

  private final String migrations;
  private final int snapshotIsolation;

  Dialect(String migrations, int snapshotIsolation) {
    this.migrations = migrations;
    this.snapshotIsolation = snapshotIsolation;
  }

  /** The Flyway location of this dialect's migrations. */
  String migrations() {
    return "classpath:" + migrations;
  }

  /**
   * The isolation a read of several tables needs to see one commit whole; {@code TRANSACTION_NONE}
   * where every transaction already does (SQLite is serializable).
   */
  int snapshotIsolation() {
    return snapshotIsolation;
  }
}
