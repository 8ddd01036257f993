package io.kb4sync.simulators.graph;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The data of one simulated Microsoft 365 tenant: its app registration (client id with a secret
 * and/or a certificate), verified domains, subscribed SKUs, granted application permissions and
 * users. Thread-safe: tests change users between sync runs while the simulator serves.
 *
 * <pre>{@code
 * GraphTenant acme = GraphTenant.builder("acme.onmicrosoft.com")
 *     .clientId("11111111-1111-1111-1111-111111111111").clientSecret("s3cret")
 *     .verifiedDomain("acme.example")
 *     .sku("SPE_E3", "05e9a617-0261-4cee-bb44-138d3ef5d965")
 *     .user(u -> u.upn("alice@acme.example").mail("Alice@acme.example").name("Alice", "Smith")
 *         .license("SPE_E3").department("Sales"))
 *     .build();
 * acme.updateUser("alice@acme.example", u -> u.disabled());
 * }</pre>
 */
public final class GraphTenant {
  /** Granted to every tenant unless denied: what kb4sync asks an admin to consent to. */
  public static final Set<String> DEFAULT_PERMISSIONS =
      Set.of("User.Read.All", "Organization.Read.All");

  private final String name;
  private String tenantId;
  private String displayName;
  private String clientId;
  private String clientSecret;
  private X509Certificate clientCertificate;
  private boolean consented = true;
  private final Set<String> verifiedDomains = new LinkedHashSet<>();
  private final Map<String, GraphSku> skus = new LinkedHashMap<>();
  private final Set<String> permissions = new LinkedHashSet<>(DEFAULT_PERMISSIONS);
  private final NavigableMap<Long, GraphUser> usersBySeq = new TreeMap<>();
  private final Map<String, Long> seqById = new LinkedHashMap<>();
  private final Map<String, Long> seqByUpn = new LinkedHashMap<>();
  private long nextSeq = 1;
  private final Map<String, String> customers = new LinkedHashMap<>();

  private GraphTenant(String name) {
    this.name = name.toLowerCase(Locale.ROOT);
    this.tenantId = uuid("tenant:" + this.name);
    this.displayName = name;
    this.clientId = uuid("client:" + this.name);
    this.clientSecret = "sim-secret-" + this.name;
  }

  /**
   * Starts a tenant.
   *
   * @param initialDomain its {@code *.onmicrosoft.com} domain, also usable as tenant id in the
   *     token URL
   */
  public static Builder builder(String initialDomain) {
    return new Builder(new GraphTenant(initialDomain));
  }

  /** Fluent set-up; the tenant it builds stays changeable through its own methods. */
  public static final class Builder {
    private final GraphTenant tenant;

    private Builder(GraphTenant tenant) {
      this.tenant = tenant;
    }

    /** The tenant GUID (default: derived from the initial domain). */
    public Builder tenantId(String tenantId) {
      tenant.tenantId = tenantId;
      return this;
    }

    public Builder displayName(String displayName) {
      tenant.displayName = displayName;
      return this;
    }

    public Builder clientId(String clientId) {
      tenant.clientId = clientId;
      return this;
    }

    /** The app's secret; null to accept only the certificate. */
    public Builder clientSecret(String clientSecret) {
      tenant.clientSecret = clientSecret;
      return this;
    }

    /** A certificate credential of the app: client assertions signed with its key pass. */
    public Builder clientCertificate(X509Certificate certificate) {
      tenant.clientCertificate = certificate;
      return this;
    }

    /** False: the app was never consented in this tenant (AADSTS700016 at sign-in). */
    public Builder consented(boolean consented) {
      tenant.consented = consented;
      return this;
    }

    public Builder verifiedDomain(String domain) {
      tenant.verifiedDomains.add(domain);
      return this;
    }

    /** A subscribed SKU with status Enabled. Declare SKUs before the users that hold them. */
    public Builder sku(String skuPartNumber, String skuId) {
      return sku(GraphSku.enabled(skuPartNumber, skuId));
    }

    public Builder sku(GraphSku sku) {
      tenant.skus.put(sku.skuId().toLowerCase(Locale.ROOT), sku);
      return this;
    }

    /** Withholds an application permission, e.g. {@code Organization.Read.All} (403 on use). */
    public Builder deny(String permission) {
      tenant.permissions.remove(permission);
      return this;
    }

    /**
     * A GDAP customer of this (partner) tenant, listed by {@code
     * /tenantRelationships/delegatedAdminCustomers} while a relationship is active.
     */
    public Builder customer(String tenantId, String displayName) {
      tenant.customers.put(tenantId, displayName);
      return this;
    }

    public Builder grant(String permission) {
      tenant.permissions.add(permission);
      return this;
    }

    public Builder user(Consumer<GraphUser.Builder> user) {
      tenant.addUser(user);
      return this;
    }

    /** Adds {@code count} users, the n-th (from 0) shaped by {@code user}. */
    public Builder users(int count, IntFunction<Consumer<GraphUser.Builder>> user) {
      for (int n = 0; n < count; n++) {
        tenant.addUser(user.apply(n));
      }
      return this;
    }

    public GraphTenant build() {
      return tenant;
    }
  }

  // ---- mutations between runs -------------------------------------------------------------

  /** Adds a user; returns its id. */
  public synchronized String addUser(Consumer<GraphUser.Builder> user) {
    GraphUser.Builder builder = new GraphUser.Builder(this::skuIdOf);
    user.accept(builder);
    if (builder.id() == null) {
      String upn = builder.userPrincipalName();
      builder.id(
          uuid("user:" + name + ":" + (upn == null ? nextSeq : upn.toLowerCase(Locale.ROOT))));
    }
    GraphUser built = builder.build();
    if (seqById.containsKey(built.id())) {
      throw new IllegalArgumentException("user id already in tenant " + name + ": " + built.id());
    }
    if (seqByUpn.containsKey(key(built.userPrincipalName()))) {
      throw new IllegalArgumentException(
          "userPrincipalName already in tenant " + name + ": " + built.userPrincipalName());
    }
    long seq = nextSeq++;
    usersBySeq.put(seq, built);
    seqById.put(built.id(), seq);
    seqByUpn.put(key(built.userPrincipalName()), seq);
    return built.id();
  }

  /**
   * Changes a user in place (same id, same place in paging): rename mail, disable, remove a
   * license, change manager, ...
   *
   * @param idOrUserPrincipalName which user
   */
  public synchronized void updateUser(
      String idOrUserPrincipalName, Consumer<GraphUser.Builder> change) {
    long seq = seqOf(idOrUserPrincipalName);
    GraphUser before = usersBySeq.get(seq);
    GraphUser.Builder builder = before.toBuilder(this::skuIdOf);
    change.accept(builder);
    GraphUser after = builder.id(before.id()).build();
    Long clash = seqByUpn.get(key(after.userPrincipalName()));
    if (clash != null && clash != seq) {
      throw new IllegalArgumentException(
          "userPrincipalName already in tenant " + name + ": " + after.userPrincipalName());
    }
    seqByUpn.remove(key(before.userPrincipalName()));
    seqByUpn.put(key(after.userPrincipalName()), seq);
    usersBySeq.put(seq, after);
  }

  /** Deletes a user (Graph stops listing it). */
  public synchronized void deleteUser(String idOrUserPrincipalName) {
    long seq = seqOf(idOrUserPrincipalName);
    GraphUser removed = usersBySeq.remove(seq);
    seqById.remove(removed.id());
    seqByUpn.remove(key(removed.userPrincipalName()));
  }

  /** Adds or renames a GDAP customer of this partner tenant. */
  public synchronized void customer(String tenantId, String displayName) {
    customers.put(tenantId, displayName);
  }

  /** Ends the last active relationship with a customer: it is no longer listed. */
  public synchronized void removeCustomer(String tenantId) {
    customers.remove(tenantId);
  }

  /** GDAP customers: tenant id to display name, in the order added. */
  public synchronized Map<String, String> customers() {
    return new LinkedHashMap<>(customers);
  }

  public synchronized void deny(String permission) {
    permissions.remove(permission);
  }

  public synchronized void grant(String permission) {
    permissions.add(permission);
  }

  public synchronized void consented(boolean consented) {
    this.consented = consented;
  }

  // ---- reads ----------------------------------------------------------------------------

  /** The initial domain given to {@link #builder}, lower-cased. */
  public String name() {
    return name;
  }

  public synchronized String tenantId() {
    return tenantId;
  }

  public synchronized String displayName() {
    return displayName;
  }

  public synchronized String clientId() {
    return clientId;
  }

  public synchronized String clientSecret() {
    return clientSecret;
  }

  synchronized X509Certificate clientCertificate() {
    return clientCertificate;
  }

  synchronized boolean consented() {
    return consented;
  }

  /** Verified domains as Graph lists them: the initial domain first, then the added ones. */
  public synchronized List<String> verifiedDomains() {
    List<String> all = new ArrayList<>();
    all.add(name);
    for (String domain : verifiedDomains) {
      if (!domain.equalsIgnoreCase(name)) {
        all.add(domain);
      }
    }
    return all;
  }

  public synchronized List<GraphSku> skus() {
    return List.copyOf(skus.values());
  }

  public synchronized boolean has(String permission) {
    return permissions.contains(permission);
  }

  /** Users in paging order (order of creation). */
  public synchronized List<GraphUser> users() {
    return List.copyOf(usersBySeq.values());
  }

  /** Users after {@code seq} in paging order, with their sequence numbers. */
  synchronized NavigableMap<Long, GraphUser> usersAfter(long seq) {
    return new TreeMap<>(usersBySeq.tailMap(seq, false));
  }

  public synchronized Optional<GraphUser> user(String idOrUserPrincipalName) {
    return find(idOrUserPrincipalName).map(usersBySeq::get);
  }

  /** True when {@code id} names this tenant: its GUID, initial domain or a verified domain. */
  synchronized boolean answersTo(String id) {
    return tenantId.equalsIgnoreCase(id)
        || verifiedDomains().stream().anyMatch(domain -> domain.equalsIgnoreCase(id));
  }

  private long seqOf(String idOrUserPrincipalName) {
    return find(idOrUserPrincipalName)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no user " + idOrUserPrincipalName + " in tenant " + name));
  }

  private Optional<Long> find(String idOrUserPrincipalName) {
    if (idOrUserPrincipalName == null) {
      return Optional.empty();
    }
    Long seq = seqById.get(idOrUserPrincipalName);
    if (seq == null) {
      seq = seqByUpn.get(key(idOrUserPrincipalName));
    }
    return Optional.ofNullable(seq);
  }

  private static String key(String userPrincipalName) {
    return userPrincipalName.toLowerCase(Locale.ROOT);
  }

  /** skuPartNumber (declared SKUs, case-insensitive) or a GUID as is. */
  private String skuIdOf(String skuPartNumberOrId) {
    for (GraphSku sku : skus.values()) {
      if (sku.skuPartNumber().equalsIgnoreCase(skuPartNumberOrId)) {
        return sku.skuId();
      }
    }
    if (skuPartNumberOrId.matches(
        "(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
      return skuPartNumberOrId;
    }
    throw new IllegalArgumentException(
        "tenant " + name + " has no SKU " + skuPartNumberOrId + "; declare sku(...) first");
  }

  static String uuid(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
