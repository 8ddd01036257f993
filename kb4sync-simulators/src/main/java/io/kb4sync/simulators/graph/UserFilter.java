package io.kb4sync.simulators.graph;

import io.kb4sync.simulators.http.SimResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code $filter} forms Graph documents for users, joined by {@code and}: license lambdas,
 * {@code accountEnabled eq}, string {@code eq}, {@code startswith}; and the advanced-only ones
 * ({@code ne}, {@code endswith}, {@code assignedLicenses/$count ne 0}), which need {@code
 * ConsistencyLevel: eventual} plus {@code $count=true}, else 400 as in Microsoft's examples.
 * Anything else is a 400: better a loud refusal than a silently wrong answer.
 */
final class UserFilter {
  private static final String STRING = "'((?:[^']|'')*)'";
  private static final Pattern ANY_SKU =
      Pattern.compile(
          "assignedLicenses/any\\(\\s*(\\w+)\\s*:\\s*\\1/skuId\\s+eq\\s+([0-9a-fA-F-]{36})\\s*\\)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LICENSE_COUNT =
      Pattern.compile("assignedLicenses/\\$count\\s+(eq|ne)\\s+0", Pattern.CASE_INSENSITIVE);
  private static final Pattern ENABLED =
      Pattern.compile("accountEnabled\\s+(eq|ne)\\s+(true|false)", Pattern.CASE_INSENSITIVE);
  private static final Pattern STRING_COMPARE =
      Pattern.compile(
          "(id|userPrincipalName|mail|userType|department|jobTitle|displayName|givenName|surname"
              + "|employeeId)\\s+(eq|ne)\\s+"
              + STRING,
          Pattern.CASE_INSENSITIVE);
  private static final Pattern STARTS_WITH =
      Pattern.compile(
          "startswith\\(\\s*(userPrincipalName|mail|displayName|givenName|surname|department"
              + "|jobTitle)\\s*,\\s*"
              + STRING
              + "\\s*\\)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ENDS_WITH =
      Pattern.compile(
          "endswith\\(\\s*(userPrincipalName|mail)\\s*,\\s*" + STRING + "\\s*\\)",
          Pattern.CASE_INSENSITIVE);

  /** The parsed filter, or the 400 to answer. */
  record Parsed(Predicate<GraphUser> predicate, SimResponse error) {}

  private UserFilter() {}

  static Parsed parse(String filter, boolean advanced) {
    if (filter == null || filter.isBlank()) {
      return new Parsed(user -> true, null);
    }
    Predicate<GraphUser> all = user -> true;
    for (String clause : splitAnd(filter.trim())) {
      Parsed parsed = clause(clause.trim(), advanced);
      if (parsed.error() != null) {
        return parsed;
      }
      all = all.and(parsed.predicate());
    }
    return new Parsed(all, null);
  }

  private static Parsed clause(String clause, boolean advanced) {
    Matcher m;
    if ((m = ANY_SKU.matcher(clause)).matches()) {
      String skuId = m.group(2);
      return ok(user -> user.licenseSkuIds().stream().anyMatch(skuId::equalsIgnoreCase));
    }
    if ((m = LICENSE_COUNT.matcher(clause)).matches()) {
      if (!advanced) {
        return advancedOnly(m.group(1));
      }
      boolean wantNone = m.group(1).equalsIgnoreCase("eq");
      return ok(user -> user.licenseSkuIds().isEmpty() == wantNone);
    }
    if ((m = ENABLED.matcher(clause)).matches()) {
      boolean negate = m.group(1).equalsIgnoreCase("ne");
      if (negate && !advanced) {
        return advancedOnly("ne");
      }
      boolean value = Boolean.parseBoolean(m.group(2).toLowerCase(Locale.ROOT));
      return ok(user -> (Boolean.TRUE.equals(user.accountEnabled()) == value) != negate);
    }
    if ((m = STRING_COMPARE.matcher(clause)).matches()) {
      boolean negate = m.group(2).equalsIgnoreCase("ne");
      if (negate && !advanced) {
        return advancedOnly("ne");
      }
      Function<GraphUser, String> field = field(m.group(1));
      String value = m.group(3).replace("''", "'");
      // Directory string comparisons are case-insensitive.
      return ok(user -> value.equalsIgnoreCase(field.apply(user)) != negate);
    }
    if ((m = STARTS_WITH.matcher(clause)).matches()) {
      Function<GraphUser, String> field = field(m.group(1));
      String prefix = m.group(2).replace("''", "'").toLowerCase(Locale.ROOT);
      return ok(
          user -> {
            String value = field.apply(user);
            return value != null && value.toLowerCase(Locale.ROOT).startsWith(prefix);
          });
    }
    if ((m = ENDS_WITH.matcher(clause)).matches()) {
      if (!advanced) {
        return advancedOnly("endsWith");
      }
      Function<GraphUser, String> field = field(m.group(1));
      String suffix = m.group(2).replace("''", "'").toLowerCase(Locale.ROOT);
      return ok(
          user -> {
            String value = field.apply(user);
            return value != null && value.toLowerCase(Locale.ROOT).endsWith(suffix);
          });
    }
    String property = clause.replaceFirst("^(\\w+).*$", "$1");
    return new Parsed(
        null,
        GraphResponses.graphError(
            400,
            "Request_UnsupportedQuery",
            "Unsupported or invalid query filter clause specified for property '"
                + property
                + "' of resource 'User'."));
  }

  /** Wording of Microsoft's example error-endswith-missing-advanced-params.json. */
  private static Parsed advancedOnly(String operator) {
    return new Parsed(
        null,
        GraphResponses.graphError(
            400,
            "Request_UnsupportedQuery",
            "Operator '"
                + operator
                + "' is not supported because the required parameters might be missing. Try"
                + " adding $count=true query parameter and ConsistencyLevel:eventual header."
                + " Refer to https://aka.ms/graph-docs/advanced-queries for more information"));
  }

  private static Parsed ok(Predicate<GraphUser> predicate) {
    return new Parsed(predicate, null);
  }

  static Function<GraphUser, String> field(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "id" -> GraphUser::id;
      case "userprincipalname" -> GraphUser::userPrincipalName;
      case "mail" -> GraphUser::mail;
      case "usertype" -> GraphUser::userType;
      case "department" -> GraphUser::department;
      case "jobtitle" -> GraphUser::jobTitle;
      case "displayname" -> GraphUser::displayName;
      case "givenname" -> GraphUser::givenName;
      case "surname" -> GraphUser::surname;
      case "employeeid" -> GraphUser::employeeId;
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Splits on {@code and} outside quotes and parentheses. */
  private static List<String> splitAnd(String filter) {
    List<String> clauses = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < filter.length(); i++) {
      char c = filter.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted
          && depth == 0
          && Character.isWhitespace(c)
          && filter.regionMatches(true, i + 1, "and", 0, 3)
          && i + 4 < filter.length()
          && Character.isWhitespace(filter.charAt(i + 4))) {
        clauses.add(filter.substring(start, i));
        start = i + 5;
        i += 4;
      }
    }
    clauses.add(filter.substring(start));
    return clauses;
  }
}
