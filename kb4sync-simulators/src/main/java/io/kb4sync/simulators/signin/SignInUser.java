package io.kb4sync.simulators.signin;

import java.util.List;
import java.util.Objects;

/**
 * The person the simulated identity provider signs in at its authorize endpoint.
 *
 * @param preferredUsername the {@code preferred_username} claim (a user principal name)
 * @param objectId the {@code oid} claim (and {@code sub})
 * @param roles the {@code roles} claim (app roles); empty: no claim
 * @param groups the {@code groups} claim (group object ids); empty: no claim
 */
public record SignInUser(
    String preferredUsername, String objectId, List<String> roles, List<String> groups) {
  public SignInUser {
    Objects.requireNonNull(preferredUsername, "preferredUsername");
    Objects.requireNonNull(objectId, "objectId");
    roles = List.copyOf(roles);
    groups = List.copyOf(groups);
  }
}
