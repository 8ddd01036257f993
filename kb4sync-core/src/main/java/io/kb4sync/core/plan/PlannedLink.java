package io.kb4sync.core.plan;

/** A link the run stores when it is real: a Microsoft 365 user and its KnowBe4 user. */
public record PlannedLink(String m365Id, UserRef user, String email) {}
