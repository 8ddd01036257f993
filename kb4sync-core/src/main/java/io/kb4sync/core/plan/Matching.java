package io.kb4sync.core.plan;

import io.kb4sync.core.directory.DirectoryUser;
import io.kb4sync.core.training.TrainingUser;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of matching in-scope Microsoft 365 users to KnowBe4 users.
 *
 * @param matches in-scope Microsoft 365 user id -> its KnowBe4 user (conflicted users excluded)
 * @param unmatched in-scope Microsoft 365 users with no KnowBe4 user and no conflict, by email
 * @param conflictedKnowbe4Ids KnowBe4 users caught in a conflict: never archived
 */
public record Matching(
    Map<String, TrainingUser> matches,
    List<DirectoryUser> unmatched,
    List<Conflict> conflicts,
    Set<String> conflictedM365Ids,
    Set<String> conflictedKnowbe4Ids) {}
