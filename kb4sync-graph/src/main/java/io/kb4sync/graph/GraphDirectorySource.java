package io.kb4sync.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.directory.DirectorySource;
import io.kb4sync.core.directory.DirectoryUser;
import io.kb4sync.core.health.CheckResult;
import io.kb4sync.core.health.HealthCheck;
import io.kb4sync.core.onboard.PartnerCustomer;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.Redactor;
import io.kb4sync.http.RetryingSender;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Microsoft 365 tenant through Microsoft Graph v1.0 with an app-only token.
 *
 * <p>On the wire, in this order: the tenant's GUID from Microsoft's public OpenID configuration
 * document when {@code tenant_id} is a domain ({@link TenantDiscovery}: no token, 1 request, once;
 * none when it is a GUID), one token request (then cached), {@code GET /v1.0/organization/{id}}
 * (verified domains; Organization.Read.All), {@code GET /v1.0/subscribedSkus} (skuId to
 * skuPartNumber; Organization.Read.All), and the pages of {@code GET /v1.0/users} (User.Read.All)
 * with the fields the sync needs and each user's manager id, 100 users a page, following {@code
 * @odata.nextLink}. A read of N users therefore costs max(1, ⌈N/100⌉) + 3 requests (+ 1 the first
 * time for a tenant_id that is a domain), retries aside.
 *
 * <p>Permission names are written as Microsoft's permission tables write them, least privileged
 * application permission of each call: {@code GET /users} User.Read.All
 * (https://learn.microsoft.com/en-us/graph/api/user-list), {@code GET /organization/{id}}
 * Organization.Read.All (https://learn.microsoft.com/en-us/graph/api/organization-get), {@code GET
 * /subscribedSkus} Organization.Read.All
 * (https://learn.microsoft.com/en-us/graph/api/subscribedsku-list); Directory.Read.All is among the
 * higher privileged ones of all three. {@code GET /organization} (list) is no longer used: its
 * stored permission page named only Directory.Read.All.
 *
 * <p>{@link #read()} returns the whole tenant or throws {@link RemoteException}; it never returns
 * part of the user list.
 */
public final class GraphDirectorySource implements DirectorySource, HealthCheck {
  private static final Logger LOG = LoggerFactory.getLogger(GraphDirectorySource.class);

  /**
   * Exactly the fields the sync uses. Non-default fields (accountEnabled, userType,
   * assignedLicenses, proxyAddresses, department) come back only when selected.
   */
  static final String USER_FIELDS =
      "id,userPrincipalName,mail,givenName,surname,displayName,accountEnabled,userType,"
          + "assignedLicenses,proxyAddresses,department,jobTitle";

  /** Graph caps pages at 100 when $expand is used (microsoft-graph-docs#21506). */
  static final int PAGE_SIZE = 100;

  static final String USERS_PERMISSION = "User.Read.All";
  static final String ORGANIZATION_PERMISSION = "Organization.Read.All";
  static final String SKUS_PERMISSION = "Organization.Read.All";

  private final TenantDiscovery discovery;
  private volatile List<String> lastSkuPartNumbers;

  /** What {@link #partnerCustomers()} needs on the partner tenant. */
  public static final String PARTNER_PERMISSION = "DelegatedAdminRelationship.Read.All";

  private final GraphSettings settings;
  private final TokenProvider tokens;
  private final GraphReader reader;
  private final GraphPages pages;
  private final URI base;

  /** The production source: default timeouts and retries, the process's token cache. */
  public GraphDirectorySource(GraphSettings settings) {
    this(settings, GraphOptions.defaults());
  }

  /**
   * A source with its own timeouts and retry policy; tokens come from msal4j for https login hosts
   * and from a plain form POST for loopback http ones (simulators).
   *
   * @throws IllegalArgumentException when the certificate cannot be read (naming {@code
   *     certificate_path})
   */
  public GraphDirectorySource(GraphSettings settings, GraphOptions options) {
    this(settings, options, null);
  }

  /**
   * A source with a given token provider, e.g. an {@link MsalTokenProvider} with its own transport.
   *
   * @param tokens null to choose as {@link #GraphDirectorySource(GraphSettings, GraphOptions)} does
   */
  public GraphDirectorySource(GraphSettings settings, GraphOptions options, TokenProvider tokens) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(options, "options");
    if (!settings.hasTenant()) {
      throw new IllegalArgumentException("tenant_id: not resolved (no tenant, no mapping)");
    }
    TokenProvider source =
        tokens != null
            ? tokens
            : EndpointUrls.isHttp(settings.effectiveLoginUrl())
                ? new ClientCredentialsTokenProvider(
                    settings, signIn(settings, options), options.retry(), Clock.systemUTC())
                : new MsalTokenProvider(settings, options);
    CachingTokenProvider cached =
        CachingTokenProvider.of(source, options.tokens(), settings, Clock.systemUTC());
    this.tokens = cached;
    RetryingSender graph =
        sender(GraphErrors.GRAPH + " (tenant " + settings.tenantId() + ")", settings, options);
    this.reader = new GraphReader(settings.tenantId(), graph, options.retry(), cached);
    this.base = settings.effectiveGraphUrl();
    this.pages = new GraphPages(settings.tenantId(), reader, base, options.maxPages());
    this.discovery = new TenantDiscovery(settings, signIn(settings, options), options.retry());
  }

  /** The sender of a tenant's token requests. */
  static RetryingSender signIn(GraphSettings settings, GraphOptions options) {
    return sender(GraphErrors.SIGN_IN + " (tenant " + settings.tenantId() + ")", settings, options);
  }

  private static RetryingSender sender(
      String system, GraphSettings settings, GraphOptions options) {
    return RetryingSender.builder(system)
        .transport(options.transport())
        .sleeper(options.sleeper())
        .redactor(
            new Redactor(Arrays.asList(settings.clientSecret(), settings.certificatePassword())))
        .naming(RetryingSender.Naming.METHOD_AND_PATH)
        .build();
  }

  /**
   * The partner tenant's GDAP customers: {@code GET /v1.0/tenantRelationships/
   * delegatedAdminCustomers}, every page (application permission {@code
   * DelegatedAdminRelationship.Read.All}). Microsoft lists a customer while at least one delegated
   * admin relationship with it is active, with its tenant id and display name only.
   */
  public List<PartnerCustomer> partnerCustomers() {
    URI url = URI.create(base + "/v1.0/tenantRelationships/delegatedAdminCustomers");
    List<PartnerCustomer> customers = new ArrayList<>();
    pages.forEach(
        url,
        PARTNER_PERMISSION,
        (customer, page) -> {
          JsonNode tenantId = customer.get("tenantId");
          if (tenantId == null || !tenantId.isTextual() || tenantId.asText().isBlank()) {
            tenantId = customer.get("id");
          }
          if (tenantId == null || !tenantId.isTextual() || tenantId.asText().isBlank()) {
            throw GraphErrors.badResponse(
                settings.tenantId(), page, "a delegatedAdminCustomer without tenantId");
          }
          JsonNode name = customer.get("displayName");
          customers.add(
              new PartnerCustomer(
                  tenantId.asText(), name != null && name.isTextual() ? name.asText() : ""));
        });
    return List.copyOf(customers);
  }

  @Override
  public DirectorySnapshot read() {
    // subscribedSkus first: it signs in, so a credential problem is what a run reports; then the
    // tenant's GUID (discovery document) for /organization/{id}.
    Map<String, String> skus = subscribedSkus();
    Set<String> domains = verifiedDomains(discovery.guid());
    List<DirectoryUser> users = users(skus);
    return new DirectorySnapshot(
        settings.tenantId(), users, domains, new HashSet<>(skus.values()), true);
  }

  /**
   * What {@code doctor} asks, with its cost in requests: the tenant's GUID from the OpenID
   * configuration document (0 when tenant_id is a GUID, else 1; no token), sign-in (1), then one
   * small read per call a sync makes, each named with the permission Microsoft's tables name for
   * it: {@code GET /users} (User.Read.All; 1), {@code GET /organization/{id}}
   * (Organization.Read.All; 1), {@code GET /subscribedSkus} (Organization.Read.All; 1, which also
   * lists the tenant's skuPartNumbers for {@link #licenseFilterCheck}).
   */
  @Override
  public List<CheckResult> check() {
    String login = "Microsoft Entra " + settings.effectiveLoginUrl();
    String graph = "Microsoft Graph " + base;
    List<CheckResult> results = new ArrayList<>();
    String guid;
    try {
      boolean known = discovery.known();
      guid = discovery.guid();
      results.add(
          CheckResult.pass(
              login,
              "tenant id (OpenID configuration document; no permission, no token)",
              known
                  ? guid + " (tenant_id is the GUID)"
                  : guid + " from " + discovery.documentUrl()));
    } catch (RemoteException e) {
      results.add(
          CheckResult.fail(
              login,
              "tenant id (OpenID configuration document; no permission, no token)",
              e.getMessage(),
              tenantRemedy(e)));
      return results;
    }
    try {
      tokens.token();
      results.add(CheckResult.pass(login, "sign-in to " + settings.tenantId(), "token issued"));
    } catch (RemoteException e) {
      boolean notConsented = e instanceof SignInRefused refused && refused.notConsented();
      results.add(
          CheckResult.fail(
              login,
              "sign-in to " + settings.tenantId(),
              (notConsented ? "not consented: " : "") + e.getMessage(),
              notConsented
                  ? "the app is not consented in tenant "
                      + settings.tenantId()
                      + ": have an administrator of that tenant open "
                      + settings.adminConsentUrl()
                  : "check m365.tenant_id, m365.client_id and the client secret or certificate,"
                      + " and that an administrator of the tenant granted consent to the app ("
                      + settings.adminConsentUrl()
                      + ")"));
      return results;
    }
    probe(
        results,
        graph,
        "GET /users needs " + USERS_PERMISSION,
        "/v1.0/users?$select=id&$top=1",
        USERS_PERMISSION);
    probe(
        results,
        graph,
        "GET /organization/{id} needs " + ORGANIZATION_PERMISSION,
        "/v1.0/organization/" + guid + "?$select=id",
        ORGANIZATION_PERMISSION);
    try {
      List<String> parts = new ArrayList<>(new java.util.TreeSet<>(subscribedSkus().values()));
      lastSkuPartNumbers = List.copyOf(parts);
      results.add(
          CheckResult.pass(
              graph,
              "GET /subscribedSkus needs " + SKUS_PERMISSION,
              "answered: " + (parts.isEmpty() ? "no subscriptions" : String.join(", ", parts))));
    } catch (RemoteException e) {
      results.add(
          CheckResult.fail(
              graph,
              "GET /subscribedSkus needs " + SKUS_PERMISSION,
              e.getMessage(),
              remedy(e, SKUS_PERMISSION)));
    }
    return results;
  }

  /**
   * The tenant's subscribed skuPartNumbers beside the configured {@code license_filter}, flagging
   * entries the tenant lacks (the names are per tenant: docs/configuration.md has the common ones
   * from Microsoft's licensing reference). Costs 0 requests after {@link #check()}, else 1.
   */
  public CheckResult licenseFilterCheck(List<String> licenseFilter) {
    String graph = "Microsoft Graph " + base;
    String check = "license_filter against the tenant's skuPartNumbers";
    List<String> tenant;
    try {
      tenant =
          lastSkuPartNumbers != null
              ? lastSkuPartNumbers
              : List.copyOf(new java.util.TreeSet<>(subscribedSkus().values()));
    } catch (RemoteException e) {
      return CheckResult.fail(graph, check, e.getMessage(), remedy(e, SKUS_PERMISSION));
    }
    java.util.Set<String> have = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    have.addAll(tenant);
    List<String> marked = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String sku : licenseFilter) {
      boolean present = have.contains(sku.trim());
      marked.add(sku.trim() + (present ? "" : " (NOT IN TENANT)"));
      if (!present) {
        missing.add(sku.trim());
      }
    }
    String detail =
        "filter: "
            + (licenseFilter.isEmpty() ? "none (any license)" : String.join(", ", marked))
            + "; tenant: "
            + (tenant.isEmpty() ? "none" : String.join(", ", tenant));
    return missing.isEmpty()
        ? CheckResult.pass(graph, check, detail)
        : CheckResult.fail(
            graph,
            check,
            detail,
            "remove or correct "
                + String.join(", ", missing)
                + " in license_filter (O365_BUSINESS_PREMIUM is Microsoft 365 Business Standard;"
                + " Business Premium is SPB)");
  }

  /**
   * What to do when the tenant's OpenID configuration document could not be had, by the failure's
   * kind: nothing came back (refused, reset, timed out, 5xx, throttled) is the network's or {@code
   * login_url}'s doing; an answer that is not the document is {@code login_url}'s (or a proxy's);
   * only Entra ID's own refusal (400 AADSTS90002, an unknown tenant) points at {@code tenant_id}.
   */
  private String tenantRemedy(RemoteException e) {
    String login = settings.effectiveLoginUrl().toString();
    return switch (e.kind()) {
      case UNAVAILABLE, THROTTLED ->
          "check that "
              + login
              + " is reachable from this machine (network, DNS, proxy, firewall) and that"
              + " m365.login_url (or m365.cloud) names the right login host, then try again";
      case BAD_RESPONSE ->
          "check m365.login_url (or m365.cloud): "
              + login
              + " did not answer with Microsoft Entra ID's OpenID configuration document"
              + " (a wrong host, or a proxy answering in its place)";
      default ->
          e instanceof SignInRefused refused && refused.code().isPresent()
              ? "check m365.tenant_id (the tenant's GUID or one of its verified domains) and"
                  + " m365.cloud"
              : "check m365.tenant_id (the tenant's GUID or one of its verified domains),"
                  + " m365.cloud and m365.login_url: the answer was not Microsoft Entra ID's";
    };
  }

  private String remedy(RemoteException e, String permission) {
    return e.kind() == RemoteException.Kind.FORBIDDEN
        ? "grant the application permission "
            + permission
            + " to the app (missing permission), then have an administrator of tenant "
            + settings.tenantId()
            + " consent again at "
            + settings.adminConsentUrl()
        : e.kind() == RemoteException.Kind.UNAVAILABLE || e.kind() == RemoteException.Kind.THROTTLED
            ? "check that "
                + base
                + " is reachable from this machine (proxy, firewall) and try again"
            : "check m365.graph_url and m365.cloud";
  }

  private void probe(
      List<CheckResult> results, String endpoint, String check, String path, String permission) {
    try {
      reader.get(URI.create(base + path), permission);
      results.add(CheckResult.pass(endpoint, check, "answered"));
    } catch (RemoteException e) {
      results.add(CheckResult.fail(endpoint, check, e.getMessage(), remedy(e, permission)));
    }
  }

  /**
   * The tenant's verified domain names, lower-cased, including the initial onmicrosoft.com, from
   * {@code GET /organization/{id}}. Microsoft's page says it returns "a collection of one
   * organization object" while its example shows the object itself: both shapes are read.
   */
  private Set<String> verifiedDomains(String guid) {
    URI url =
        URI.create(base + "/v1.0/organization/" + guid + "?$select=id,displayName,verifiedDomains");
    JsonNode page = reader.get(url, ORGANIZATION_PERMISSION);
    JsonNode organization = page;
    JsonNode value = page.get("value");
    if (value != null && value.isArray()) {
      if (value.isEmpty() || !value.get(0).isObject()) {
        throw GraphErrors.badResponse(settings.tenantId(), url, "no organization in value");
      }
      organization = value.get(0);
    }
    JsonNode verified = organization.get("verifiedDomains");
    if (verified == null || !verified.isArray()) {
      throw GraphErrors.badResponse(settings.tenantId(), url, "no verifiedDomains array");
    }
    Set<String> domains = new LinkedHashSet<>();
    for (JsonNode domain : verified) {
      JsonNode name = domain.get("name");
      if (name == null || !name.isTextual() || name.asText().isBlank()) {
        throw GraphErrors.badResponse(settings.tenantId(), url, "a verified domain without name");
      }
      domains.add(name.asText().trim().toLowerCase(Locale.ROOT));
    }
    return domains;
  }

  /**
   * skuId (lower-case) to skuPartNumber, whatever the SKU's capabilityStatus. The list is not
   * documented to page, but a nextLink, should one come, is followed all the same.
   */
  private Map<String, String> subscribedSkus() {
    // subscribedSkus supports $select only (microsoft-graph.md §3).
    URI url = URI.create(base + "/v1.0/subscribedSkus?$select=skuId,skuPartNumber");
    Map<String, String> skus = new HashMap<>();
    pages.forEach(
        url,
        SKUS_PERMISSION,
        (sku, page) -> {
          JsonNode skuId = sku.get("skuId");
          JsonNode partNumber = sku.get("skuPartNumber");
          if (skuId == null
              || !skuId.isTextual()
              || partNumber == null
              || !partNumber.isTextual()) {
            throw GraphErrors.badResponse(
                settings.tenantId(), page, "a subscribed SKU without skuId or skuPartNumber");
          }
          skus.put(skuId.asText().trim().toLowerCase(Locale.ROOT), partNumber.asText());
        });
    return skus;
  }

  /**
   * Every user of the tenant, page by page.
   *
   * <p>All users, not only licensed ones: no server-side license filter. The engine decides scope
   * and must tell why a KnowBe4 user went stale ("No longer licensed", "Account disabled", "Not a
   * member"), which it can only do when it still sees the unlicensed, disabled and guest users. (A
   * server-side {@code assignedLicenses/any(...)} filter would also need one query per SKU, as
   * several SKUs in one lambda are unverified.)
   */
  private List<DirectoryUser> users(Map<String, String> skus) {
    UserParser parser = new UserParser(settings.tenantId(), skus);
    URI url =
        URI.create(
            base
                + "/v1.0/users?$select="
                + USER_FIELDS
                + "&$expand=manager($select=id)&$top="
                + PAGE_SIZE);
    Map<String, DirectoryUser> users = new LinkedHashMap<>();
    int pageCount =
        pages.forEach(
            url,
            USERS_PERMISSION,
            (node, page) -> {
              DirectoryUser user = parser.parse(node, page);
              // Paging over a changing directory may repeat an object; the id decides, once.
              users.putIfAbsent(user.id(), user);
            });
    LOG.info(
        "Read {} users of tenant {} from Microsoft Graph in {} pages",
        users.size(),
        settings.tenantId(),
        pageCount);
    return List.copyOf(users.values());
  }
}
