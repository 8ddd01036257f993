/**
 * kb4sync's state store: the {@link io.kb4sync.core.state.StateStore} port on SQLite (the default,
 * one file per machine) or PostgreSQL (shared by several machines), migrated with Flyway at open.
 *
 * <p>Entry point: {@link io.kb4sync.store.StateStores#open(String, java.nio.file.Path)}. The store
 * never holds a secret; PostgreSQL passwords are masked in every message it produces.
 */
package io.kb4sync.store;
