package io.kb4sync.knowbe4;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.ScimResource;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.PatchOpType;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.UserResource;
import io.kb4sync.core.Emails;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.remote.RemoteException.Kind;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thin SCIM 2.0 client for KnowBe4's {@code /Users} and {@code /Groups}, on the UnboundID model
 * classes. All requests go through one {@link Gateway}.
 *
 * <p>Defensive where KnowBe4 documents nothing: paging ({@code startIndex}/{@code count}) is
 * checked page by page and any doubt fails the whole listing; only {@code eq} filters on {@code
 * userName} and {@code displayName} are sent, and results are re-checked client-side; PATCH sends
 * {@code replace} on simple paths (and {@code remove} to clear); ids are taken from bodies, never
 * from {@code Location}; {@code /ServiceProviderConfig} and {@code /Schemas} are never asked, since
 * KnowBe4 does not document them.
 */
final class ScimClient {
  private static final Logger LOG = LoggerFactory.getLogger(ScimClient.class);

  /**
   * Listing pages in flight at once per listing (item 4 of issue 14). KnowBe4 documents no SCIM
   * rate limit; 4 reads at once is half of what {@code write_concurrency} allows writes.
   */
  static final int PAGES_IN_FLIGHT = 4;

  /** Threads that read listing pages beside the caller, shared by every client; idle ones end. */
  private static final ExecutorService PAGE_READERS =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "kb4sync-scim-pages");
            thread.setDaemon(true);
            return thread;
          });

  private final URI users;
  private final URI groups;
  private final Gateway gateway;
  private final int pageSize;
  private final int maxPages;

  /**
   * @param maxPages the most pages a listing may take; a longer one fails as incomplete
   */
  ScimClient(URI scimUrl, Gateway gateway, int pageSize, int maxPages) {
    this.users = URI.create(scimUrl + "/Users");
    this.groups = URI.create(scimUrl + "/Groups");
    this.gateway = gateway;
    this.pageSize = pageSize;
    this.maxPages = maxPages;
  }

  RemoteErrors errors() {
    return gateway.errors();
  }

  /** Every user, active and archived; throws unless the listing is provably whole. */
  List<UserResource> listUsers() {
    return listAll(users, UserResource.class, "users");
  }

  /**
   * The users the pages show, read as {@link #listUsers} reads them but without its completeness
   * checks: for looking SCIM ids up by address, where a user the listing missed or showed twice (a
   * listing that moved while it was paged, e.g. under this run's own creates) is looked up on its
   * own and a stale page can name no wrong id. Never for deciding who is gone.
   */
  List<UserResource> listUsersToLookUp() {
    ApiRequest firstRequest = pageRequest(users, 1);
    ListResponse<UserResource> first =
        parseList(firstRequest, gateway.send(firstRequest), UserResource.class);
    List<UserResource> all =
        new ArrayList<>(first.getResources() == null ? List.of() : first.getResources());
    int step = all.size();
    List<Integer> starts = new ArrayList<>();
    for (long start = 1L + step;
        step > 0 && start <= first.getTotalResults() && starts.size() < maxPages - 1;
        start += step) {
      starts.add((int) start);
    }
    for (ListResponse<UserResource> page : fetchAtOnce(users, UserResource.class, starts)) {
      if (page.getResources() != null) {
        all.addAll(page.getResources());
      }
    }
    return all;
  }

  /** Every group with its members; throws unless the listing is provably whole. */
  List<GroupResource> listGroups() {
    return listAll(groups, GroupResource.class, "groups");
  }

  /**
   * The user whose {@code userName} is the email, filtered with the trimmed lower-cased address
   * (KnowBe4 does not document whether the filter is case-sensitive).
   *
   * @param retried false for one attempt (used inside a create's own retry loop)
   */
  Optional<UserResource> findUser(String email, boolean retried) {
    String key = Emails.key(email);
    return find(
        users,
        "userName",
        key,
        UserResource.class,
        u -> Emails.same(u.getUserName(), key),
        retried);
  }

  Optional<GroupResource> findGroup(String displayName, boolean retried) {
    String key = displayName.trim();
    return find(
        groups,
        "displayName",
        key,
        GroupResource.class,
        g -> g.getDisplayName() != null && g.getDisplayName().trim().equalsIgnoreCase(key),
        retried);
  }

  /** Creates a user; a duplicate is never made (see {@link Gateway#create}). */
  UserResource createUser(UserResource user) {
    ApiRequest request = ApiRequest.post(users, ScimJson.write(user));
    return gateway.create(
        request,
        response ->
            created(
                request, response, UserResource.class, () -> findUser(user.getUserName(), false)),
        () -> findUser(user.getUserName(), false));
  }

  GroupResource createGroup(GroupResource group) {
    ApiRequest request = ApiRequest.post(groups, ScimJson.write(group));
    return gateway.create(
        request,
        response ->
            created(
                request,
                response,
                GroupResource.class,
                () -> findGroup(group.getDisplayName(), false)),
        () -> findGroup(group.getDisplayName(), false));
  }

  /** Applies operations to a user; 200 with a body and 204 without are both success. */
  void patchUser(String id, List<PatchOperation> operations) {
    patch(URI.create(users + "/" + encodePath(id)), operations);
  }

  void patchGroup(String id, List<PatchOperation> operations) {
    patch(URI.create(groups + "/" + encodePath(id)), operations);
  }

  /** A PATCH whose body the UnboundID model cannot build (a remove with a value array). */
  void patchGroupJson(String id, com.fasterxml.jackson.databind.node.ObjectNode body) {
    gateway.send(ApiRequest.patch(URI.create(groups + "/" + encodePath(id)), body.toString()));
  }

  /** One group with its members: {@code GET /Groups/{id}}. */
  GroupResource getGroup(String id) {
    ApiRequest request = ApiRequest.get(URI.create(groups + "/" + encodePath(id)));
    ApiResponse response = gateway.send(request);
    if (!response.hasBody()) {
      throw errors().badResponse(request, "HTTP " + response.status() + " without the group");
    }
    return parse(request, response, GroupResource.class);
  }

  /** How many users the unfiltered listing counts ({@code totalResults}; 1 request). */
  long userCount() {
    return listPage(users, 1, 1, UserResource.class, "users").getTotalResults();
  }

  /**
   * What {@code kb4sync doctor} asks about listing (2 requests, 1 when the account holds at most
   * one user): the first page of {@code GET /Users} with {@code count=1}, which must be a
   * ListResponse with {@code totalResults}; then the last user ({@code startIndex=totalResults}),
   * which must come back (a server that stops short of its own total caps the listing).
   *
   * @return the number of users the listing counts
   */
  long probeListing() {
    ListResponse<UserResource> first = listPage(users, 1, 1, UserResource.class, "users");
    long total = first.getTotalResults();
    if (total > 1) {
      ListResponse<UserResource> last =
          listPage(users, (int) Math.min(Integer.MAX_VALUE, total), 1, UserResource.class, "users");
      if (last.getResources() == null || last.getResources().isEmpty()) {
        throw errors()
            .incomplete(
                "GET /Users counts "
                    + total
                    + " users but returns none at startIndex "
                    + total
                    + ": the listing is capped");
      }
    }
    return total;
  }

  private <T> ListResponse<T> listPage(
      URI collection, int startIndex, int count, Class<T> type, String what) {
    URI uri = URI.create(collection + "?startIndex=" + startIndex + "&count=" + count);
    ApiRequest request = ApiRequest.get(uri);
    try {
      return parseList(request, gateway.send(request), type);
    } catch (RemoteException e) {
      throw listingUnsupported(what, e);
    }
  }

  /**
   * A refused or unusable unfiltered listing, said plainly: KnowBe4 documents only {@code userName
   * eq} lookups (its SCIM pages are written for IdP connectors), kb4sync assumes {@code GET /Users}
   * and {@code GET /Groups} list the whole account, and it never plans on part of one.
   */
  private RemoteException listingUnsupported(String what, RemoteException cause) {
    // 404: a wrong Tenant URL, said as such by RemoteErrors; 401, 5xx, 429: not about listing.
    if (cause.kind() == Kind.UNAUTHORIZED
        || cause.kind() == Kind.NOT_FOUND
        || cause.kind() == Kind.UNAVAILABLE
        || cause.kind() == Kind.THROTTLED) {
      return cause;
    }
    return new RemoteException(
        cause.kind(),
        cause.system(),
        "KnowBe4 SCIM does not list all "
            + what
            + " without a filter ("
            + cause.getMessage()
            + "). kb4sync needs GET /"
            + (what.equals("users") ? "Users" : "Groups")
            + " to list the whole account (KnowBe4 documents only userName lookups); nothing"
            + " was written. Ask KnowBe4 support whether SCIM listing is available for this"
            + " account, or configure reporting_api_key",
        cause.retryAfter().orElse(null),
        cause);
  }

  /** Sends DELETE; a user that is already gone counts as deleted. */
  void deleteUser(String id) {
    try {
      gateway.send(ApiRequest.delete(URI.create(users + "/" + encodePath(id))));
    } catch (RemoteException e) {
      if (e.kind() != Kind.NOT_FOUND) {
        throw e;
      }
      LOG.debug("KnowBe4 SCIM user {} was already gone when deleted", id);
    }
  }

  private void patch(URI uri, List<PatchOperation> operations) {
    if (operations.isEmpty()) {
      return;
    }
    try {
      gateway.send(ApiRequest.patch(uri, ScimJson.write(new PatchRequest(operations))));
    } catch (RuntimeException e) {
      boolean removes = operations.stream().anyMatch(op -> op.getOpType() == PatchOpType.REMOVE);
      if (!removes || !ScimFailure.is(e, "noTarget")) {
        throw e;
      }
      // Strict servers refuse to remove what is already absent (RFC 7644 noTarget) and then apply
      // nothing: e.g. a retry after the first removal went through. Send the removals one by one
      // and take "already absent" as done.
      patchTolerantly(uri, operations);
    }
  }

  private void patchTolerantly(URI uri, List<PatchOperation> operations) {
    List<PatchOperation> others =
        operations.stream().filter(op -> op.getOpType() != PatchOpType.REMOVE).toList();
    if (!others.isEmpty()) {
      gateway.send(ApiRequest.patch(uri, ScimJson.write(new PatchRequest(others))));
    }
    for (PatchOperation removal :
        operations.stream().filter(op -> op.getOpType() == PatchOpType.REMOVE).toList()) {
      try {
        gateway.send(ApiRequest.patch(uri, ScimJson.write(new PatchRequest(List.of(removal)))));
      } catch (RuntimeException e) {
        if (!ScimFailure.is(e, "noTarget")) {
          throw e;
        }
      }
    }
  }

  private <T extends ScimResource> T created(
      ApiRequest request, ApiResponse response, Class<T> type, Supplier<Optional<T>> lookup) {
    if (response.hasBody()) {
      T resource = parse(request, response, type);
      if (resource.getId() != null && !resource.getId().isBlank()) {
        return resource;
      }
    }
    // A 2xx without the resource (undocumented for KnowBe4): find what was made by its name.
    return lookup
        .get()
        .orElseThrow(
            () ->
                errors()
                    .badResponse(
                        request,
                        "HTTP "
                            + response.status()
                            + " without the created resource, and it cannot be found"));
  }

  private <T extends ScimResource> Optional<T> find(
      URI collection,
      String attribute,
      String value,
      Class<T> type,
      Predicate<T> matches,
      boolean retried) {
    String filter = Filter.eq(attributePath(attribute), textNode(value)).toString();
    URI uri = URI.create(collection + "?filter=" + encodeQuery(filter));
    ApiRequest request = ApiRequest.get(uri);
    ApiResponse response = retried ? gateway.send(request) : gateway.sendOnce(request);
    ListResponse<T> list = parseList(request, response, type);
    List<T> found = new ArrayList<>();
    for (T resource : list.getResources() == null ? List.<T>of() : list.getResources()) {
      // Re-checked here: a server that ignored the filter must not hand us someone else.
      if (matches.test(resource)) {
        found.add(resource);
      }
    }
    if (found.size() > 1) {
      LOG.warn(
          "KnowBe4 SCIM has {} {} with {} '{}'; using the first",
          found.size(),
          collection.getPath().substring(collection.getPath().lastIndexOf('/') + 1),
          attribute,
          value);
    }
    return found.stream().findFirst();
  }

  private <T extends ScimResource> List<T> listAll(URI collection, Class<T> type, String what) {
    try {
      return listWhole(collection, type, what);
    } catch (RemoteException e) {
      throw listingUnsupported(what, e);
    }
  }

  /**
   * The whole listing: the first page gives {@code totalResults} and the page size the server keeps
   * to; the other pages are then asked by {@code startIndex} at once, at most {@link
   * #PAGES_IN_FLIGHT} in flight. KnowBe4 documents no paging order (nor {@code startIndex}/{@code
   * count} at all): a listing that moves while it is paged could hand out a user twice, skip one,
   * or change its count between pages. Pages read at once make such a move harder to see than pages
   * read in turn, so the pages are checked together: each must count the same total, hold exactly
   * the users its position promises (a shorter one before the end means the listing shifted), and
   * no id may come twice. When any of that fails, the listing is read again one page after another
   * from the start, and only that reading's own checks decide; it throws when they fail (refused
   * listing, short of {@code totalResults}, an id twice, a changed total). Failures that are not
   * about the listing's shape (401, 5xx after retries) end the read at once.
   */
  private <T extends ScimResource> List<T> listWhole(URI collection, Class<T> type, String what) {
    ApiRequest firstRequest = pageRequest(collection, 1);
    ListResponse<T> first = parseList(firstRequest, gateway.send(firstRequest), type);
    int total = first.getTotalResults();
    List<T> firstResources = first.getResources() == null ? List.of() : first.getResources();
    int step = firstResources.size();
    if (step == 0 || step >= total) {
      // Nothing more to ask at once: the reading in turn decides (and fails where it must).
      return step >= total
          ? checked(firstRequest, firstResources, total, what)
          : listInTurn(collection, type, what, first);
    }
    long pageCount = 1 + ((long) total - step + step - 1) / step;
    if (pageCount > maxPages) {
      // More pages than a listing may take: read on in turn, which stops at the cap as before.
      return listInTurn(collection, type, what, first);
    }
    List<Integer> starts = new ArrayList<>();
    for (long start = 1L + step; start <= total; start += step) {
      starts.add((int) start);
    }
    List<ListResponse<T>> pages = fetchAtOnce(collection, type, starts);
    String doubt = null;
    List<T> all = new ArrayList<>(total);
    Set<String> ids = new HashSet<>();
    all.addAll(firstResources);
    for (T resource : firstResources) {
      ids.add(idOf(firstRequest, resource));
    }
    for (int i = 0; i < pages.size() && doubt == null; i++) {
      ListResponse<T> page = pages.get(i);
      int start = starts.get(i);
      List<T> resources = page.getResources() == null ? List.of() : page.getResources();
      int expected = Math.min(step, total - (start - 1));
      if (page.getTotalResults() != total) {
        doubt = "totalResults changed from " + total + " to " + page.getTotalResults();
      } else if (resources.size() != expected) {
        doubt = resources.size() + " at startIndex " + start + " where " + expected + " belong";
      } else {
        for (T resource : resources) {
          if (!ids.add(idOf(pageRequest(collection, start), resource))) {
            doubt = "id " + resource.getId() + " on two pages";
            break;
          }
        }
        all.addAll(resources);
      }
    }
    if (doubt == null && all.size() == total) {
      return all;
    }
    LOG.warn(
        "KnowBe4 SCIM {} pages read at once do not fit together ({}); reading them again one after"
            + " another",
        what,
        doubt == null ? "read " + all.size() + " of " + total : doubt);
    return listInTurn(collection, type, what, null);
  }

  /** The pages at these start indexes, in their order; at most {@link #PAGES_IN_FLIGHT} at once. */
  private <T> List<ListResponse<T>> fetchAtOnce(
      URI collection, Class<T> type, List<Integer> starts) {
    List<ListResponse<T>> pages = new ArrayList<>(Collections.nCopies(starts.size(), null));
    AtomicInteger next = new AtomicInteger();
    AtomicReference<RuntimeException> failed = new AtomicReference<>();
    Runnable worker =
        () -> {
          int i;
          while (failed.get() == null && (i = next.getAndIncrement()) < starts.size()) {
            ApiRequest request = pageRequest(collection, starts.get(i));
            try {
              ListResponse<T> page = parseList(request, gateway.send(request), type);
              synchronized (pages) {
                pages.set(i, page);
              }
            } catch (RuntimeException e) {
              failed.compareAndSet(null, e);
            }
          }
        };
    int helpers = Math.min(PAGES_IN_FLIGHT, starts.size()) - 1;
    List<Future<?>> running = new ArrayList<>();
    for (int h = 0; h < helpers; h++) {
      running.add(PAGE_READERS.submit(worker));
    }
    // The caller reads pages too: one thread fewer, and no hand-off when there is one page left.
    worker.run();
    try {
      for (Future<?> helper : running) {
        helper.get();
      }
    } catch (InterruptedException e) {
      running.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw errors().interrupted(pageRequest(collection, starts.get(0)));
    } catch (ExecutionException e) {
      throw new IllegalStateException("a SCIM page reader failed", e.getCause());
    }
    if (failed.get() != null) {
      throw failed.get();
    }
    synchronized (pages) {
      return List.copyOf(pages);
    }
  }

  private <T extends ScimResource> List<T> checked(
      ApiRequest request, List<T> resources, int total, String what) {
    Set<String> ids = new HashSet<>();
    for (T resource : resources) {
      if (!ids.add(idOf(request, resource))) {
        throw errors()
            .incomplete(what + " id " + resource.getId() + " came twice (paging did not advance)");
      }
    }
    if (resources.size() != total) {
      throw errors()
          .incomplete("read " + resources.size() + " " + what + " but the server counts " + total);
    }
    return resources;
  }

  private String idOf(ApiRequest request, ScimResource resource) {
    String id = resource.getId();
    if (id == null || id.isBlank()) {
      throw errors().badResponse(request, "a listed resource has no id");
    }
    return id;
  }

  /** count is always sent: servers that cap pages must tell how many they hold (totalResults). */
  private ApiRequest pageRequest(URI collection, int startIndex) {
    return ApiRequest.get(
        URI.create(collection + "?startIndex=" + startIndex + "&count=" + pageSize));
  }

  /**
   * The listing read one page after another from the start, every page checked as it comes.
   *
   * @param first the first page, when it was read already; null to read it again
   */
  private <T extends ScimResource> List<T> listInTurn(
      URI collection, Class<T> type, String what, ListResponse<T> first) {
    List<T> all = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Integer total = null;
    int startIndex = 1;
    for (int pages = 0; ; pages++) {
      if (pages == maxPages) {
        throw errors().incomplete(what + " did not end after " + maxPages + " pages");
      }
      // count is always sent: servers that cap pages must tell how many they hold (totalResults).
      URI uri = URI.create(collection + "?startIndex=" + startIndex + "&count=" + pageSize);
      ApiRequest request = ApiRequest.get(uri);
      ListResponse<T> page =
          pages == 0 && first != null ? first : parseList(request, gateway.send(request), type);
      if (total == null) {
        total = page.getTotalResults();
      } else if (total != page.getTotalResults()) {
        throw errors()
            .incomplete(
                what
                    + " totalResults changed from "
                    + total
                    + " to "
                    + page.getTotalResults()
                    + " while paging");
      }
      List<T> resources = page.getResources() == null ? List.of() : page.getResources();
      for (T resource : resources) {
        String id = resource.getId();
        if (id == null || id.isBlank()) {
          throw errors().badResponse(request, "a listed resource has no id");
        }
        if (!ids.add(id)) {
          throw errors().incomplete(what + " id " + id + " came twice (paging did not advance)");
        }
      }
      all.addAll(resources);
      if (all.size() >= total) {
        break;
      }
      if (resources.isEmpty()) {
        throw errors()
            .incomplete(
                "page at startIndex "
                    + startIndex
                    + " was empty after "
                    + all.size()
                    + " of "
                    + total
                    + " "
                    + what);
      }
      startIndex += resources.size();
    }
    if (total == null || all.size() != total) {
      throw errors()
          .incomplete("read " + all.size() + " " + what + " but the server counts " + total);
    }
    return all;
  }

  private <T> ListResponse<T> parseList(ApiRequest request, ApiResponse response, Class<T> type) {
    if (!response.hasBody()) {
      throw errors().badResponse(request, "HTTP " + response.status() + " without a ListResponse");
    }
    try {
      return ScimJson.readList(response.body(), type);
    } catch (JsonProcessingException e) {
      throw errors().badResponse(request, "not a SCIM ListResponse: " + e.getOriginalMessage());
    }
  }

  private <T> T parse(ApiRequest request, ApiResponse response, Class<T> type) {
    try {
      return ScimJson.read(response.body(), type);
    } catch (JsonProcessingException e) {
      throw errors()
          .badResponse(
              request, "not a SCIM " + type.getSimpleName() + ": " + e.getOriginalMessage());
    }
  }

  private static Path attributePath(String attribute) {
    return Path.root().attribute(attribute);
  }

  private static TextNode textNode(String value) {
    // The SDK writes the value as a JSON string: '"' and '\' are escaped (RFC 7644 §3.4.2.2).
    return TextNode.valueOf(value);
  }

  /** Percent-encodes a query value; a space becomes %20, a '+' %2B (servers differ on '+'). */
  static String encodeQuery(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String encodePath(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
