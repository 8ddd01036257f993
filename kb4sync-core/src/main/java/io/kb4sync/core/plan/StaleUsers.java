package io.kb4sync.core.plan;

import io.kb4sync.core.Emails;
import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.directory.DirectoryUser;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.state.Link;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who left: the active KnowBe4 users in one of the tenant's verified domains that no in-scope
 * Microsoft 365 user claims, each with the reason (gone, unlicensed, disabled, a guest) and when a
 * sync last saw it in scope. A user in a conflict, or a second account of an in-scope person, is
 * never stale.
 */
final class StaleUsers {
  private final DirectorySnapshot directory;
  private final TrainingSnapshot training;
  private final CompanyState state;
  private final Scope scope;
  private final Map<String, DirectoryUser> m365ById = new HashMap<>();

  StaleUsers(
      DirectorySnapshot directory, TrainingSnapshot training, CompanyState state, Scope scope) {
    this.directory = directory;
    this.training = training;
    this.state = state;
    this.scope = scope;
    directory.users().forEach(u -> m365ById.put(u.id(), u));
  }

  /** The stale users, sorted by email; second accounts are named in {@code warnings}. */
  List<PlannedArchive> find(Matching matching, List<String> warnings) {
    Set<String> claimed = new HashSet<>();
    matching.matches().values().forEach(k -> claimed.add(k.id()));
    Map<String, Link> linkByKnowbe4Id = new HashMap<>();
    state.links().values().forEach(l -> linkByKnowbe4Id.merge(l.knowbe4Id(), l, Planner::newer));
    // Links whose KnowBe4 id this read does not hold (reads moved between SCIM and the Reporting
    // API, whose ids differ): as in Matcher, the address last synced names their user.
    Set<String> read = new HashSet<>();
    training.users().forEach(u -> read.add(u.id()));
    Map<String, Link> linkByLastAddress = new HashMap<>();
    for (Link link : state.links().values()) {
      if (!read.contains(link.knowbe4Id()) && link.email() != null) {
        linkByLastAddress.merge(Emails.key(link.email()), link, Planner::newer);
      }
    }
    Map<String, DirectoryUser> m365ByAddress = new HashMap<>();
    for (DirectoryUser user : directory.users()) {
      m365ByAddress.putIfAbsent(Emails.key(user.email()), user);
      for (String proxy : user.proxyAddresses()) {
        String address = Matcher.smtpAddress(proxy);
        if (address != null) {
          m365ByAddress.putIfAbsent(address, user);
        }
      }
    }
    List<PlannedArchive> stale = new ArrayList<>();
    for (TrainingUser knowbe4 : training.users()) {
      if (!knowbe4.active()
          || claimed.contains(knowbe4.id())
          || matching.conflictedKnowbe4Ids().contains(knowbe4.id())
          || !directory.verifiedDomains().contains(Emails.domain(knowbe4.email()))) {
        continue;
      }
      Link link = linkByKnowbe4Id.get(knowbe4.id());
      if (link == null) {
        link = linkByLastAddress.get(Emails.key(knowbe4.email()));
      }
      DirectoryUser person =
          link != null
              ? m365ById.get(link.m365Id())
              : m365ByAddress.get(Emails.key(knowbe4.email()));
      if (person != null && matching.conflictedM365Ids().contains(person.id())) {
        continue; // its Microsoft 365 user is in a conflict: left untouched
      }
      if (person != null && scope.includes(person)) {
        // An address of an in-scope person who matched another KnowBe4 user: a second account.
        // Archiving could lose its training history, so it is named and left alone.
        TrainingUser first = matching.matches().get(person.id());
        warnings.add(
            "KnowBe4 user "
                + knowbe4.email()
                + " is a second account of "
                + person.email()
                + (first == null ? "" : " (matched to " + first.email() + ")")
                + ": left alone; merge or archive it in the KnowBe4 console");
        continue;
      }
      String reason = person == null ? Scope.GONE : scope.exclusion(person).orElseThrow();
      stale.add(
          new PlannedArchive(
              knowbe4.id(), knowbe4.email(), reason, link == null ? null : link.lastSeenInScope()));
    }
    stale.sort(
        Comparator.comparing((PlannedArchive a) -> Planner.lower(a.email()))
            .thenComparing(PlannedArchive::knowbe4Id));
    return stale;
  }
}
