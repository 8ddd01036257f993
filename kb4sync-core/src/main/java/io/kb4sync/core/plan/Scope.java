package io.kb4sync.core.plan;

import io.kb4sync.core.directory.DirectoryUser;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is in scope: {@code accountEnabled} true, {@code userType} Member, and at least one assigned
 * license in the filter (any license when the filter is empty).
 */
public final class Scope {
  public static final String DISABLED = "Account disabled";
  public static final String NOT_MEMBER = "Not a member";
  public static final String UNLICENSED = "No longer licensed";
  public static final String GONE = "No longer in M365";

  private final Set<String> filter;

  public Scope(Collection<String> licenseFilter) {
    this.filter =
        licenseFilter.stream().map(Scope::normalise).collect(Collectors.toUnmodifiableSet());
  }

  /** Empty when the user is in scope, else the reason it is not (a report's archive reason). */
  public Optional<String> exclusion(DirectoryUser user) {
    if (!Boolean.TRUE.equals(user.accountEnabled())) {
      return Optional.of(DISABLED);
    }
    if (!"Member".equalsIgnoreCase(user.userType())) {
      return Optional.of(NOT_MEMBER);
    }
    boolean licensed =
        filter.isEmpty()
            ? !user.licenses().isEmpty()
            : user.licenses().stream().map(Scope::normalise).anyMatch(filter::contains);
    return licensed ? Optional.empty() : Optional.of(UNLICENSED);
  }

  public boolean includes(DirectoryUser user) {
    return exclusion(user).isEmpty();
  }

  private static String normalise(String sku) {
    return sku.trim().toLowerCase(Locale.ROOT);
  }
}
