package io.kb4sync.core.plan;

import io.kb4sync.core.Emails;
import io.kb4sync.core.directory.DirectoryUser;
import io.kb4sync.core.state.Link;
import io.kb4sync.core.training.TrainingUser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Matches in-scope Microsoft 365 users to KnowBe4 users, in the contract's order: the stored link,
 * then the email, then any {@code smtp:} proxy address. The first step that yields exactly one
 * candidate wins; two candidates at a step, two Microsoft 365 users claiming one KnowBe4 user, or
 * two KnowBe4 users with one email are conflicts.
 */
final class Matcher {

  private final Map<String, TrainingUser> knowbe4ById = new HashMap<>();
  private final Map<String, List<TrainingUser>> knowbe4ByEmail = new HashMap<>();
  private final Map<String, Link> links;

  Matcher(List<TrainingUser> knowbe4Users, Map<String, Link> links) {
    this.links = links;
    for (TrainingUser user : knowbe4Users) {
      knowbe4ById.put(user.id(), user);
      String key = Emails.key(user.email());
      if (key != null) {
        knowbe4ByEmail.computeIfAbsent(key, k -> new ArrayList<>(1)).add(user);
      }
    }
  }

  Matching match(List<DirectoryUser> inScope) {
    List<Conflict> conflicts = new ArrayList<>();
    Set<String> conflictedM365 = new HashSet<>();
    Set<String> conflictedKnowbe4 = new HashSet<>();

    // Two KnowBe4 users with one email: one conflict per email, naming every Microsoft 365 user
    // that would have matched them.
    Set<String> disputed = new HashSet<>();
    Map<String, List<String>> claimantsOfDuplicate = new java.util.TreeMap<>();
    knowbe4ByEmail.forEach(
        (key, users) -> {
          if (users.size() > 1) {
            users.forEach(u -> disputed.add(u.id()));
            claimantsOfDuplicate.put(key, new ArrayList<>());
          }
        });
    conflictedKnowbe4.addAll(disputed);

    List<DirectoryUser> sorted = byEmail(inScope);
    Map<String, List<DirectoryUser>> m365ByEmail = new LinkedHashMap<>();
    for (DirectoryUser user : sorted) {
      m365ByEmail.computeIfAbsent(Emails.key(user.email()), k -> new ArrayList<>(1)).add(user);
    }
    for (List<DirectoryUser> sameEmail : m365ByEmail.values()) {
      if (sameEmail.size() > 1) {
        sameEmail.forEach(u -> conflictedM365.add(u.id()));
        conflicts.add(
            new Conflict(
                Conflict.DUPLICATE_M365_EMAIL,
                sameEmail.stream().map(DirectoryUser::email).toList(),
                List.of()));
      }
    }

    Map<String, List<DirectoryUser>> claims = new LinkedHashMap<>();
    List<DirectoryUser> unmatched = new ArrayList<>();
    for (DirectoryUser user : sorted) {
      if (conflictedM365.contains(user.id())) {
        continue;
      }
      List<TrainingUser> candidates = candidates(user);
      if (candidates.isEmpty()) {
        unmatched.add(user);
      } else if (candidates.size() > 1 || disputed.contains(candidates.get(0).id())) {
        conflictedM365.add(user.id());
        candidates.forEach(c -> conflictedKnowbe4.add(c.id()));
        Set<String> emails = new HashSet<>();
        candidates.forEach(c -> emails.add(Emails.key(c.email())));
        if (emails.size() == 1 && claimantsOfDuplicate.containsKey(emails.iterator().next())) {
          claimantsOfDuplicate.get(emails.iterator().next()).add(user.email());
        } else {
          conflicts.add(
              new Conflict(
                  Conflict.AMBIGUOUS_MATCH,
                  List.of(user.email()),
                  candidates.stream().map(TrainingUser::email).sorted().toList()));
        }
      } else {
        claims.computeIfAbsent(candidates.get(0).id(), k -> new ArrayList<>(1)).add(user);
      }
    }

    claimantsOfDuplicate.forEach(
        (key, claimants) ->
            conflicts.add(
                new Conflict(
                    Conflict.DUPLICATE_KNOWBE4_EMAIL,
                    claimants,
                    emailsOf(knowbe4ByEmail.get(key)))));

    Map<String, TrainingUser> matches = new LinkedHashMap<>();
    for (Map.Entry<String, List<DirectoryUser>> claim : claims.entrySet()) {
      TrainingUser knowbe4 = knowbe4ById.get(claim.getKey());
      List<DirectoryUser> claimants = claim.getValue();
      if (claimants.size() == 1) {
        matches.put(claimants.get(0).id(), knowbe4);
      } else {
        claimants.forEach(u -> conflictedM365.add(u.id()));
        conflictedKnowbe4.add(knowbe4.id());
        conflicts.add(
            new Conflict(
                Conflict.SHARED_MATCH,
                claimants.stream().map(DirectoryUser::email).toList(),
                List.of(knowbe4.email())));
      }
    }
    conflicts.sort(
        Comparator.comparing(Conflict::kind)
            .thenComparing(c -> String.join(",", c.m365Users()).toLowerCase(Locale.ROOT))
            .thenComparing(c -> String.join(",", c.knowbe4Users()).toLowerCase(Locale.ROOT)));
    return new Matching(matches, unmatched, conflicts, conflictedM365, conflictedKnowbe4);
  }

  private List<TrainingUser> candidates(DirectoryUser user) {
    Link link = links.get(user.id());
    if (link != null) {
      TrainingUser linked = knowbe4ById.get(link.knowbe4Id());
      if (linked == null && link.email() != null) {
        // The KnowBe4 id space can change (e.g. reads moved between SCIM and the Reporting API):
        // the email last synced for this person still identifies its KnowBe4 user.
        List<TrainingUser> byLinkedEmail = knowbe4ByEmail.get(Emails.key(link.email()));
        if (byLinkedEmail != null && byLinkedEmail.size() == 1) {
          linked = byLinkedEmail.get(0);
        }
      }
      if (linked != null) {
        return List.of(linked);
      }
    }
    List<TrainingUser> byEmail = knowbe4ByEmail.get(Emails.key(user.email()));
    if (byEmail != null) {
      return byEmail;
    }
    Set<TrainingUser> byAlias = new LinkedHashSet<>();
    for (String proxy : user.proxyAddresses()) {
      String address = smtpAddress(proxy);
      List<TrainingUser> found = address == null ? null : knowbe4ByEmail.get(address);
      if (found != null) {
        byAlias.addAll(found);
      }
    }
    return List.copyOf(byAlias);
  }

  /** Users sorted by email key, then id; each key computed once (this runs on 100,000 users). */
  private static List<DirectoryUser> byEmail(List<DirectoryUser> users) {
    record Keyed(String key, DirectoryUser user) {}
    List<Keyed> keyed = new ArrayList<>(users.size());
    for (DirectoryUser user : users) {
      keyed.add(new Keyed(Emails.key(user.email()), user));
    }
    keyed.sort(Comparator.comparing(Keyed::key).thenComparing(k -> k.user().id()));
    List<DirectoryUser> sorted = new ArrayList<>(keyed.size());
    keyed.forEach(k -> sorted.add(k.user()));
    return sorted;
  }

  /** The address of an {@code smtp:}/{@code SMTP:} proxy address (prefix case-insensitive). */
  static String smtpAddress(String proxy) {
    if (proxy == null || proxy.length() < 6 || !proxy.regionMatches(true, 0, "smtp:", 0, 5)) {
      return null;
    }
    return Emails.key(proxy.substring(5));
  }

  private static List<String> emailsOf(List<TrainingUser> users) {
    return users.stream().map(TrainingUser::email).sorted().toList();
  }
}
