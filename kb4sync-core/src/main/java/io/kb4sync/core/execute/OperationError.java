package io.kb4sync.core.execute;

/**
 * An operation that failed: the user's email (null for group operations), what was attempted, and
 * the remote system's message.
 */
public record OperationError(String email, String operation, String message) {}
