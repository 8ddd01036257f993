package io.kb4sync.core.plan;

import java.util.List;

/**
 * Users the engine cannot match safely: they get no create, update or archive.
 *
 * @param kind what kind of ambiguity
 * @param m365Users emails of the Microsoft 365 users concerned
 * @param knowbe4Users emails of the KnowBe4 users concerned
 */
public record Conflict(String kind, List<String> m365Users, List<String> knowbe4Users) {
  public static final String DUPLICATE_KNOWBE4_EMAIL = "Two KnowBe4 users share one email";
  public static final String DUPLICATE_M365_EMAIL = "Two Microsoft 365 users share one email";
  public static final String AMBIGUOUS_MATCH = "A Microsoft 365 user matches several KnowBe4 users";
  public static final String SHARED_MATCH = "Several Microsoft 365 users match one KnowBe4 user";

  public Conflict {
    m365Users = List.copyOf(m365Users);
    knowbe4Users = List.copyOf(knowbe4Users);
  }
}
