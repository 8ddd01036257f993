package io.kb4sync.core.plan;

/** A create held back (for lack of seats): nothing was written for this user. */
public record HeldCreate(String email, String reason) {}
