package io.kb4sync.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.remote.RemoteException.Kind;
import io.kb4sync.simulators.http.SimHandler;
import io.kb4sync.simulators.http.SimRequest;
import io.kb4sync.simulators.http.SimResponse;
import io.kb4sync.simulators.http.SimServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * KnowBe4 documents no SCIM paging, so a listing that cannot be proven whole fails the read: the
 * engine must never plan on a partial snapshot.
 */
class IncompleteReadTest {

  private static String user(int n) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"id\":\"u"
        + n
        + "\",\"userName\":\"u"
        + n
        + "@acme.example\",\"active\":true}";
  }

  private static SimResponse list(int total, List<Integer> users) {
    return SimResponse.json(
        200,
        "application/scim+json",
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":"
            + total
            + ",\"Resources\":["
            + users.stream().map(IncompleteReadTest::user).collect(Collectors.joining(","))
            + "]}");
  }

  private static int startIndex(SimRequest request) {
    return Integer.parseInt(request.param("startIndex"));
  }

  private static List<Integer> range(int from, int toExclusive) {
    return IntStream.range(from, toExclusive).boxed().toList();
  }

  private static RemoteException readFrom(SimHandler users) {
    try (SimServer server = SimServer.start(users)) {
      KnowBe4Platform platform =
          Fixtures.scimPlatform(
              URI.create(server.baseUri() + "/scim/v2"),
              "t",
              Fixtures.fastTuning().toBuilder().pageSizes(2, 500).build());
      return catchThrowableOfType(RemoteException.class, platform::read);
    }
  }

  @Test
  void a_server_that_ignores_start_index_is_caught_by_the_repeated_id() {
    RemoteException e = readFrom(request -> list(5, range(0, 2)));

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("incomplete listing").contains("id u0 came twice");
  }

  @Test
  void an_empty_page_before_the_total_is_reached_fails_the_read() {
    RemoteException e =
        readFrom(request -> list(5, startIndex(request) == 1 ? range(0, 2) : List.of()));

    assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("was empty after 2 of 5 users");
  }

  @Test
  void a_total_that_changes_while_paging_fails_the_read() {
    IntFunction<Integer> total = start -> start == 1 ? 4 : 5;
    RemoteException e =
        readFrom(
            request -> {
              int start = startIndex(request);
              return list(total.apply(start), range(start - 1, start + 1));
            });

    assertThat(e.getMessage()).contains("totalResults changed from 4 to 5");
  }

  @Test
  void a_page_that_keeps_failing_fails_the_read_with_the_servers_answer() {
    RemoteException e =
        readFrom(
            request ->
                startIndex(request) == 1
                    ? list(5, range(0, 2))
                    : SimResponse.json(502, "{\"detail\":\"bad gateway\"}"));

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage()).contains("HTTP 502").contains("bad gateway");
  }

  @Test
  void every_page_asks_for_count_and_a_whole_listing_is_read() {
    List<String> queries = new ArrayList<>();
    try (SimServer server =
        SimServer.start(
            request -> {
              queries.add(request.path() + "?" + request.rawQuery());
              int start = startIndex(request);
              return request.path().endsWith("/Groups")
                  ? list(0, List.of())
                  // The server returns one fewer than asked: the client follows what came back.
                  : list(5, range(start - 1, Math.min(5, start)));
            })) {
      KnowBe4Platform platform =
          Fixtures.scimPlatform(
              URI.create(server.baseUri() + "/scim/v2"),
              "t",
              Fixtures.fastTuning().toBuilder().pageSizes(2, 500).build());

      assertThat(platform.read().users()).hasSize(5);
      assertThat(queries)
          .filteredOn(q -> q.contains("/Users"))
          .hasSize(5)
          .allMatch(q -> q.contains("&count=2"));
    }
  }
}
