package io.kb4sync.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.directory.DirectoryUser;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.remote.RemoteException.Kind;
import io.kb4sync.simulators.http.SimResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Microsoft's example answers that are not a whole tenant: odd shapes, errors and throttling, and
 * answers that are simply broken. All over real HTTP.
 */
class MicrosoftExamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final ExamplesStub stub = ExamplesStub.start();

  @AfterEach
  void stop() {
    stub.close();
  }

  private DirectorySnapshot read() {
    return new GraphDirectorySource(stub.settings(), sleeper.options()).read();
  }

  private RemoteException readFails() {
    return catchThrowableOfType(RemoteException.class, this::read);
  }

  @Test
  void example_nine_users_lack_a_principal_name_so_the_page_is_a_bad_response_naming_the_url() {
    stub.userPages(
        Fixtures.read("user-list-ex1-get-all-users.json"),
        Fixtures.read("user-list-ex9-filter-assignedLicenses-skuId.json"));

    RemoteException failure = readFails();

    assertThat(failure.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(failure.getMessage())
        .contains("without userPrincipalName", "cb4954e8-467f-4a6d-a8c8-28b9034fadbc")
        .contains(stub.baseUri() + "/v1.0/users?")
        .contains("$skiptoken=page-1")
        .doesNotContain("Bearer")
        .doesNotContain("\n");
  }

  @Test
  void a_user_without_id_is_a_bad_response() {
    stub.userPages(
        """
        {"value":[{"userPrincipalName":"ghost@contoso.com","displayName":"Ghost"}]}
        """);

    RemoteException failure = readFails();

    assertThat(failure.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(failure.getMessage()).contains("without id", "ghost@contoso.com", "/v1.0/users?");
  }

  @Test
  void malformed_json_is_a_bad_response_naming_the_url_not_a_crash() {
    stub.userPages(Fixtures.read("user-list-ex1-get-all-users.json"), "{\"value\":[{\"id\":\"x\",");

    RemoteException failure = readFails();

    assertThat(failure.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(failure.getMessage())
        .contains("malformed JSON", "/v1.0/users?", "$skiptoken=page-1")
        .doesNotContain("\n");
  }

  @Test
  void a_page_without_a_value_array_is_a_bad_response() {
    stub.userPages("{\"@odata.context\":\"x\"}");

    assertThat(readFails().getMessage()).contains("no value array");
  }

  @Test
  void a_field_of_the_wrong_type_is_a_bad_response_rather_than_a_guess() {
    stub.userPages(
        """
        {"value":[{"id":"1","userPrincipalName":"a@contoso.com","accountEnabled":"yes"}]}
        """);

    RemoteException failure = readFails();

    assertThat(failure.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(failure.getMessage()).contains("accountEnabled");
  }

  @Test
  void a_next_link_to_another_host_is_refused_so_the_token_never_leaves() {
    stub.userPages(
        """
        {"value":[],"@odata.nextLink":"https://evil.example/v1.0/users?$skiptoken=x"}
        """);

    RemoteException failure = readFails();

    assertThat(failure.kind()).isEqualTo(Kind.BAD_RESPONSE);
    assertThat(failure.getMessage()).contains("another host", "evil.example");
    assertThat(stub.log().count(r -> r.path().equals("/v1.0/users"))).isEqualTo(1);
  }

  @Test
  void the_throttling_example_is_waited_out_for_its_retry_after_then_the_read_goes_on() {
    stub.thenAnswer(
        SimResponse.json(429, Fixtures.read("throttling-429-response.json"))
            .withHeader("Retry-After", "10"));

    DirectorySnapshot snapshot = read();

    assertThat(snapshot.users()).hasSize(3);
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(10));
  }

  @Test
  void a_gateway_timeout_is_retried_with_backoff() {
    stub.thenAnswer(SimResponse.json(504, "<html>Gateway Timeout</html>"));

    DirectorySnapshot snapshot = read();

    assertThat(snapshot.users()).hasSize(3);
    assertThat(sleeper.waits()).hasSize(1);
    assertThat(sleeper.waits().get(0))
        .isBetween(
            GraphOptions.DEFAULT_INITIAL_BACKOFF.dividedBy(2),
            GraphOptions.DEFAULT_INITIAL_BACKOFF);
  }

  @Test
  void a_bad_request_is_not_retried_and_quotes_graphs_error() {
    stub.thenAnswer(
        SimResponse.json(400, Fixtures.read("error-endswith-missing-advanced-params.json")));

    RemoteException failure = readFails();

    assertThat(failure.kind()).isEqualTo(Kind.BAD_REQUEST);
    assertThat(failure.getMessage())
        .contains("Request_UnsupportedQuery", "Operator 'endsWith' is not supported");
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void the_manager_example_object_expanded_on_a_user_gives_its_id() throws Exception {
    ObjectNode page = (ObjectNode) JSON.readTree(Fixtures.read("user-list-ex1-get-all-users.json"));
    ObjectNode admin = (ObjectNode) page.get("value").get(1);
    admin.set("manager", JSON.readTree(Fixtures.read("user-list-manager-response.json")));
    stub.userPages(JSON.writeValueAsString(page));

    DirectorySnapshot snapshot = read();

    assertThat(snapshot.users())
        .filteredOn(u -> u.userPrincipalName().equals("admin@contoso.com"))
        .extracting(DirectoryUser::managerId)
        .containsExactly("24fcbca3-c3e2-48bf-9ffc-c7f81b81483d");
  }

  @Test
  void a_null_manager_is_no_manager() {
    stub.userPages(
        """
        {"value":[{"id":"1","userPrincipalName":"a@contoso.com","manager":null}]}
        """);

    assertThat(read().users().get(0).managerId()).isNull();
  }

  @Test
  void mixed_case_addresses_from_the_sign_in_example_are_kept_as_sent() {
    stub.userPages(Fixtures.read("auth-v2-service-users-response-adele.json"));

    DirectoryUser adele = read().users().get(1);

    assertThat(adele.mail()).isEqualTo("AdeleV@Contoso.com");
    assertThat(adele.jobTitle()).isEqualTo("Retail Manager");
  }
}
