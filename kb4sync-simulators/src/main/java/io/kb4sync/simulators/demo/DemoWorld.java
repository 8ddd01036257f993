package io.kb4sync.simulators.demo;

import io.kb4sync.simulators.graph.GraphSimulator;
import io.kb4sync.simulators.graph.GraphTenant;
import io.kb4sync.simulators.graph.GraphUser;
import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import io.kb4sync.simulators.knowbe4.UserSeed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The built-in sample company for {@code kb4sync demo} and end-to-end tests: a Microsoft 365 tenant
 * of about 150 licensed users with the usual mess (disabled accounts, guests, unlicensed users,
 * other SKUs, mixed-case and missing mail, a renamed mailbox) and a KnowBe4 account that has
 * drifted from it (missing users, archived users who came back, leavers, stale attributes, a
 * partner outside the tenant's domains). Deterministic: the same world every time.
 */
public final class DemoWorld implements AutoCloseable {
  public static final String COMPANY_ID = "1001";
  public static final String COMPANY_NAME = "Northwind Traders";
  public static final String TENANT = "northwind.onmicrosoft.com";
  public static final String DOMAIN = "northwind.example";
  public static final String CLIENT_ID = "0d6f3f6e-6a4e-4a59-9d6e-6f7a3b2c1d00";
  public static final String CLIENT_SECRET = "demo-client-secret";
  public static final String E3 = "SPE_E3";
  public static final String BUSINESS_PREMIUM = "SPB";
  public static final List<String> LICENSE_FILTER = List.of(E3, BUSINESS_PREMIUM);
  public static final List<String> DEPARTMENTS =
      List.of("Sales", "Engineering", "Finance", "Support", "Marketing", "HR");
  public static final int LICENSED_MEMBERS = 150;

  private static final String[] FIRST = {
    "Ava", "Ben", "Chloe", "Dev", "Elena", "Farah", "Gus", "Hana", "Ivan", "Jada", "Kofi", "Lena",
    "Marco", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wes", "Xia",
    "Yusuf", "Zoe", "Aiko", "Bruno", "Carla", "Dmitri"
  };
  private static final String[] LAST = {
    "Smith", "Garcia", "Chen", "Okafor", "Müller", "Rossi", "Kowalski", "Silva", "Haddad", "Novak",
    "Tanaka", "Johansson", "O'Brien", "Dubois", "Patel", "Kim", "Nguyen", "Schmidt", "Lopez",
        "Ivanova",
    "Mensah", "Larsen", "Costa", "Yilmaz", "Murphy", "Sato", "Fischer", "Moreau", "Ali", "Brown"
  };

  private final GraphTenant tenant;
  private final GraphSimulator graph;
  private final KnowBe4Simulator knowbe4;

  private DemoWorld(GraphTenant tenant, GraphSimulator graph, KnowBe4Simulator knowbe4) {
    this.tenant = tenant;
    this.graph = graph;
    this.knowbe4 = knowbe4;
  }

  /** Starts both simulators on free loopback ports, seeded with the sample company. */
  public static DemoWorld start() {
    List<Person> people = people();
    GraphTenant tenant = tenant(people);
    GraphSimulator graph = GraphSimulator.start(tenant);
    KnowBe4Simulator knowbe4 = KnowBe4Simulator.start();
    try {
      seedKnowBe4(knowbe4, people);
    } catch (RuntimeException e) {
      graph.close();
      knowbe4.close();
      throw e;
    }
    return new DemoWorld(tenant, graph, knowbe4);
  }

  public GraphTenant tenant() {
    return tenant;
  }

  public GraphSimulator graph() {
    return graph;
  }

  public KnowBe4Simulator knowbe4() {
    return knowbe4;
  }

  @Override
  public void close() {
    graph.close();
    knowbe4.close();
  }

  /** One person of the sample company, and how the sample treats it. */
  record Person(
      int number,
      String given,
      String family,
      String email,
      String department,
      String title,
      String managerEmail,
      Kind kind) {}

  /** What makes a person interesting to the demo. */
  enum Kind {
    MATCHED,
    NEW,
    RETURNING,
    DRIFTED,
    RENAMED,
    MIXED_CASE,
    NO_MAIL
  }

  static List<Person> people() {
    List<Person> people = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (int i = 0; i < LICENSED_MEMBERS; i++) {
      String given = FIRST[i % FIRST.length];
      String family = LAST[(i * 7 + i / FIRST.length) % LAST.length];
      String local = ascii(given + "." + family);
      String email = local + "@" + DOMAIN;
      for (int n = 2; !used.add(email); n++) {
        email = local + n + "@" + DOMAIN;
      }
      String department = DEPARTMENTS.get(i % DEPARTMENTS.size());
      boolean head = i < DEPARTMENTS.size();
      String manager =
          head
              ? (i == 0 ? null : people.get(0).email())
              : people.get(i % DEPARTMENTS.size()).email();
      Kind kind;
      if (i >= 120) {
        kind = Kind.NEW;
      } else if (i >= 116) {
        kind = Kind.RETURNING;
      } else if (i == 40 || i == 41) {
        kind = Kind.RENAMED;
      } else if (i % 11 == 5) {
        kind = Kind.DRIFTED;
      } else if (i % 10 == 3) {
        kind = Kind.MIXED_CASE;
      } else if (i == 77 || i == 78) {
        kind = Kind.NO_MAIL;
      } else {
        kind = Kind.MATCHED;
      }
      people.add(
          new Person(
              i,
              given,
              family,
              email,
              department,
              head ? "Head of " + department : department + " Specialist",
              manager,
              kind));
    }
    return people;
  }

  private static GraphTenant tenant(List<Person> people) {
    GraphTenant.Builder builder =
        GraphTenant.builder(TENANT)
            .displayName(COMPANY_NAME)
            .clientId(CLIENT_ID)
            .clientSecret(CLIENT_SECRET)
            .verifiedDomain(DOMAIN)
            .sku(E3, "05e9a617-0261-4cee-bb44-138d3ef5d965")
            .sku(BUSINESS_PREMIUM, "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46")
            .sku("VISIOCLIENT", "c5928f49-12ba-48f7-ada3-0d743a3601d5");
    for (Person p : people) {
      builder.user(u -> member(u, p));
    }
    // The mess every tenant has: none of these is in scope.
    builder.user(u -> outsider(u, "leaver.disabled", "Dana", "Disabled").disabled().license(E3));
    builder.user(u -> outsider(u, "parental.leave", "Pat", "Leave").disabled().license(E3));
    builder.user(
        u -> outsider(u, "contractor.offboarded", "Cody", "Offboarded").disabled().license(E3));
    builder.user(u -> guest(u, "auditor_contoso.example", "Alex", "Auditor"));
    builder.user(u -> guest(u, "vendor_fabrikam.example", "Vic", "Vendor"));
    builder.user(u -> outsider(u, "shared.reception", "Reception", "Desk"));
    builder.user(u -> outsider(u, "room.boardroom", "Boardroom", "Room"));
    builder.user(u -> outsider(u, "scanner", "Scan", "ToEmail"));
    builder.user(u -> outsider(u, "license.removed", "Lou", "Unlicensed"));
    builder.user(u -> outsider(u, "visio.only", "Val", "Visio").license("VISIOCLIENT"));
    builder.user(u -> outsider(u, "visio.designer", "Dee", "Designer").license("VISIOCLIENT"));
    return builder.build();
  }

  private static void member(GraphUser.Builder u, Person p) {
    String license = p.number() % 7 == 0 ? BUSINESS_PREMIUM : E3;
    String mail = p.email();
    if (p.kind() == Kind.RENAMED) {
      mail = ascii(p.given()) + "." + ascii(p.family()) + ".new@" + DOMAIN;
    }
    u.upn(p.kind() == Kind.NO_MAIL ? p.email() : local(p.email()) + "@" + TENANT)
        .name(p.given(), p.family())
        .license(license)
        .department(p.department())
        .jobTitle(p.title());
    if (p.kind() == Kind.MIXED_CASE) {
      mail = capitalise(local(p.email())) + "@" + DOMAIN.toUpperCase(Locale.ROOT);
    }
    if (p.kind() != Kind.NO_MAIL) {
      u.mail(mail).proxyAddress("SMTP:" + mail);
    }
    if (p.kind() == Kind.RENAMED) {
      u.proxyAddress("smtp:" + p.email());
    }
    if (p.managerEmail() != null) {
      u.manager(local(p.managerEmail()) + "@" + TENANT);
    }
  }

  private static GraphUser.Builder outsider(
      GraphUser.Builder u, String local, String given, String family) {
    String email = local + "@" + DOMAIN;
    return u.upn(local + "@" + TENANT)
        .mail(email)
        .proxyAddress("SMTP:" + email)
        .name(given, family);
  }

  private static void guest(GraphUser.Builder u, String local, String given, String family) {
    u.upn(local + "#EXT#@" + TENANT)
        .mail(local.replace('_', '@'))
        .name(given, family)
        .guest()
        .license(E3);
  }

  private static void seedKnowBe4(KnowBe4Simulator knowbe4, List<Person> people) {
    knowbe4.account(COMPANY_NAME, List.of(DOMAIN)).seats(200);
    knowbe4.seedGroup("All Users");
    knowbe4.seedGroup("Engineering Team");
    for (Person p : people) {
      if (p.kind() == Kind.NEW) {
        continue;
      }
      UserSeed seed =
          UserSeed.of(
                  p.kind() == Kind.MIXED_CASE
                      ? p.email()
                          .toUpperCase(Locale.ROOT)
                          .replace("@" + DOMAIN.toUpperCase(Locale.ROOT), "@" + DOMAIN)
                      : p.email())
              .named(p.given(), p.family())
              .department(p.department())
              .title(p.title());
      if (p.kind() == Kind.DRIFTED) {
        seed = seed.department("Unassigned").title("Intern");
      }
      if (p.managerEmail() != null && p.kind() != Kind.DRIFTED) {
        seed = seed.manager(p.managerEmail());
      }
      List<String> groups = new ArrayList<>();
      groups.add("All Users");
      // Person 12 moved from Engineering to Sales: the sync takes them out of Engineering Team.
      if (p.department().equals("Engineering") || p.number() == 12) {
        groups.add("Engineering Team");
      }
      if (p.number() % 25 == 1) {
        groups.add("Phish Champions");
      }
      seed = seed.groups(groups.toArray(String[]::new));
      if (p.kind() == Kind.RETURNING) {
        seed = seed.archived();
      }
      knowbe4.seedUser(seed);
    }
    // Leavers still active in KnowBe4: archived by the sync (4 of them: under the threshold).
    knowbe4.seedUser(
        UserSeed.of("former.employee@" + DOMAIN).named("Fran", "Former").groups("All Users"));
    knowbe4.seedUser(
        UserSeed.of("moved.abroad@" + DOMAIN).named("Mo", "Abroad").groups("All Users"));
    knowbe4.seedUser(
        UserSeed.of("leaver.disabled@" + DOMAIN).named("Dana", "Disabled").groups("All Users"));
    knowbe4.seedUser(UserSeed.of("license.removed@" + DOMAIN).named("Lou", "Unlicensed"));
    // A partner outside the tenant's domains: never archived.
    knowbe4.seedUser(
        UserSeed.of("consultant@partner.example")
            .named("Cal", "Consultant")
            .groups("Phish Champions"));
  }

  /** The people whose accounts a demo run is expected to create, for tests. */
  public static List<String> expectedCreates() {
    List<String> emails = new ArrayList<>();
    for (Person p : people()) {
      if (p.kind() == Kind.NEW) {
        emails.add(p.email());
      }
    }
    return emails;
  }

  private static String local(String email) {
    return email.substring(0, email.indexOf('@'));
  }

  private static String capitalise(String local) {
    StringBuilder out = new StringBuilder();
    for (String part : local.split("\\.")) {
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(part.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return out.toString();
  }

  private static String ascii(String name) {
    return name.toLowerCase(Locale.ROOT).replace("ü", "ue").replace("'", "").replace(' ', '-');
  }

  /** Applies a change to the tenant between runs (for tests and a second demo round). */
  public void changeTenant(Consumer<GraphTenant> change) {
    change.accept(tenant);
  }
}
