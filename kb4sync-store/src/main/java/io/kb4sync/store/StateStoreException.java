package io.kb4sync.store;

/**
 * The state store could not be opened, migrated, read or written. The message names the store by
 * its masked location (never a password) and the database's own reason.
 */
public class StateStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StateStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
