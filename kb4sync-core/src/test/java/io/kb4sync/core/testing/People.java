package io.kb4sync.core.testing;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.directory.DirectoryUser;
import io.kb4sync.core.training.TrainingGroup;
import io.kb4sync.core.training.TrainingSnapshot;
import io.kb4sync.core.training.TrainingUser;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/** Builders for test data: Microsoft 365 users, KnowBe4 users and snapshots. */
public final class People {
  public static final String DOMAIN = "acme.example";
  public static final String SKU = "SPE_E3";

  private People() {}

  /** An enabled, licensed Member whose mail is {@code local@acme.example}. */
  public static M365 m365(String local) {
    return new M365(local);
  }

  /** An active KnowBe4 user {@code local@acme.example} with id {@code kb-local}. */
  public static Kb4 kb4(String local) {
    return new Kb4(local);
  }

  public static DirectorySnapshot tenant(M365... users) {
    return tenant(List.of(users));
  }

  public static DirectorySnapshot tenant(List<M365> users) {
    return new DirectorySnapshot(
        "acme.onmicrosoft.com",
        users.stream().map(M365::build).toList(),
        Set.of(DOMAIN, "acme.onmicrosoft.com"),
        Set.of(SKU, "O365_BUSINESS_PREMIUM"),
        true);
  }

  public static TrainingSnapshot account(Kb4... users) {
    return account(List.of(users), List.of());
  }

  public static TrainingSnapshot account(List<Kb4> users, List<TrainingGroup> groups) {
    return new TrainingSnapshot(
        users.stream().map(Kb4::build).toList(), groups, OptionalInt.empty());
  }

  /** A mutable Microsoft 365 user under construction. */
  public static final class M365 {
    private String id;
    private String upn;
    private String mail;
    private String given;
    private String surname;
    private Boolean enabled = true;
    private String type = "Member";
    private Set<String> licenses = Set.of(SKU);
    private final List<String> proxies = new ArrayList<>();
    private String department;
    private String title;
    private String manager;

    M365(String local) {
      this.id = "m365-" + local;
      this.upn = local + "@acme.onmicrosoft.com";
      this.mail = local + "@" + DOMAIN;
      this.given = capitalise(local);
      this.surname = "Tester";
    }

    public M365 id(String value) {
      id = value;
      return this;
    }

    public M365 mail(String value) {
      mail = value;
      return this;
    }

    public M365 upn(String value) {
      upn = value;
      return this;
    }

    public M365 given(String value) {
      given = value;
      return this;
    }

    public M365 surname(String value) {
      surname = value;
      return this;
    }

    public M365 disabled() {
      enabled = false;
      return this;
    }

    public M365 guest() {
      type = "Guest";
      return this;
    }

    public M365 licenses(String... skus) {
      licenses = Set.of(skus);
      return this;
    }

    public M365 alias(String address) {
      proxies.add("smtp:" + address);
      return this;
    }

    public M365 department(String value) {
      department = value;
      return this;
    }

    public M365 title(String value) {
      title = value;
      return this;
    }

    public M365 manager(String m365Id) {
      manager = m365Id;
      return this;
    }

    public DirectoryUser build() {
      List<String> all = new ArrayList<>();
      if (mail != null) {
        all.add("SMTP:" + mail);
      }
      all.addAll(proxies);
      return new DirectoryUser(
          id,
          upn,
          mail,
          given,
          surname,
          given + " " + surname,
          enabled,
          type,
          licenses,
          all,
          department,
          title,
          manager);
    }
  }

  /** A mutable KnowBe4 user under construction. */
  public static final class Kb4 {
    private String id;
    private String email;
    private String given;
    private String family;
    private String department;
    private String title;
    private String manager;
    private boolean active = true;

    Kb4(String local) {
      this.id = "kb-" + local;
      this.email = local + "@" + DOMAIN;
      this.given = capitalise(local);
      this.family = "Tester";
    }

    public Kb4 id(String value) {
      id = value;
      return this;
    }

    public Kb4 email(String value) {
      email = value;
      return this;
    }

    public Kb4 given(String value) {
      given = value;
      return this;
    }

    public Kb4 family(String value) {
      family = value;
      return this;
    }

    public Kb4 department(String value) {
      department = value;
      return this;
    }

    public Kb4 title(String value) {
      title = value;
      return this;
    }

    public Kb4 manager(String knowbe4Id) {
      manager = knowbe4Id;
      return this;
    }

    public Kb4 archived() {
      active = false;
      return this;
    }

    public TrainingUser build() {
      return new TrainingUser(id, email, given, family, department, title, manager, active);
    }
  }

  static String capitalise(String local) {
    return local.isEmpty() ? local : Character.toUpperCase(local.charAt(0)) + local.substring(1);
  }
}
