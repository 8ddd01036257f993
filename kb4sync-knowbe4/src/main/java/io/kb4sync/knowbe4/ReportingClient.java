package io.kb4sync.knowbe4;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The KnowBe4 Reporting API (read-only), through one paced {@link Gateway}. Pages with {@code
 * page}/{@code per_page} until an empty array, as documented (no total is given), and always asks
 * for {@code status} explicitly because the default is undocumented.
 */
final class ReportingClient {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final URI base;
  private final Gateway gateway;
  private final int perPage;
  private final int maxPages;

  /**
   * @param maxPages the most pages a listing may take; a longer one fails as incomplete
   */
  ReportingClient(URI reportingUrl, Gateway gateway, int perPage, int maxPages) {
    this.base = reportingUrl;
    this.gateway = gateway;
    this.perPage = perPage;
    this.maxPages = maxPages;
  }

  RemoteErrors errors() {
    return gateway.errors();
  }

  ReportingAccount account() {
    ApiRequest request = ApiRequest.get(URI.create(base + "/v1/account"));
    ApiResponse response = gateway.send(request);
    ReportingAccount account = parse(request, response, JSON.constructType(ReportingAccount.class));
    if (account == null || account.numberOfSeats() == null) {
      // Reported for a wrong region: an answer, but not this account's.
      throw errors().regionMismatch("returned an account without number_of_seats");
    }
    return account;
  }

  /** All users with the given status ({@code active} or {@code archived}). */
  List<ReportingUser> users(String status) {
    return pages("/v1/users?status=" + status, ReportingUser.class, ReportingUser::id, "users");
  }

  /** All groups with the given status. */
  List<ReportingGroup> groups(String status) {
    return pages("/v1/groups?status=" + status, ReportingGroup.class, ReportingGroup::id, "groups");
  }

  /** The members of one group (user objects). */
  List<ReportingUser> members(long groupId) {
    return pages(
        "/v1/groups/" + groupId + "/members", ReportingUser.class, ReportingUser::id, "members");
  }

  private <T> List<T> pages(String path, Class<T> type, Function<T, Long> id, String what) {
    JavaType listType = JSON.getTypeFactory().constructCollectionType(List.class, type);
    List<T> all = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    String separator = path.contains("?") ? "&" : "?";
    for (int page = 1; page <= maxPages; page++) {
      URI uri = URI.create(base + path + separator + "page=" + page + "&per_page=" + perPage);
      ApiRequest request = ApiRequest.get(uri);
      List<T> items = parse(request, gateway.send(request), listType);
      if (items == null || items.isEmpty()) {
        return all;
      }
      for (T item : items) {
        Long itemId = id.apply(item);
        if (itemId == null) {
          throw errors().badResponse(request, "a listed item has no id");
        }
        if (!seen.add(itemId)) {
          // The same id on two pages: the listing moved under us, or paging is ignored.
          throw errors().incomplete(what + " id " + itemId + " came twice (page " + page + ")");
        }
      }
      all.addAll(items);
    }
    throw errors().incomplete(what + " did not end after " + maxPages + " pages");
  }

  private <T> T parse(ApiRequest request, ApiResponse response, JavaType type) {
    if (!response.hasBody()) {
      throw errors().badResponse(request, "HTTP " + response.status() + " without a body");
    }
    try {
      JsonNode node = JSON.readTree(response.body());
      if (type.isCollectionLikeType() && !node.isArray()) {
        throw errors().badResponse(request, "expected a JSON array");
      }
      return JSON.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw errors().badResponse(request, "unreadable JSON: " + e.getOriginalMessage());
    }
  }
}
