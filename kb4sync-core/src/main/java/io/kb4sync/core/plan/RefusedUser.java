package io.kb4sync.core.plan;

/**
 * A write the plan refuses for one user, e.g. an email longer than KnowBe4 can hold: nothing is
 * written for it, and the report lists it as an error.
 *
 * @param operation what was refused: {@code create} or {@code update}
 */
public record RefusedUser(String email, String operation, String reason) {}
