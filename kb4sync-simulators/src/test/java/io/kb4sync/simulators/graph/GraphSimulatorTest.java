package io.kb4sync.simulators.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.simulators.http.Faults;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Graph simulator speaks as Microsoft documents it, checked over raw HTTP. */
class GraphSimulatorTest {
  static final String SPE_E3 = "05e9a617-0261-4cee-bb44-138d3ef5d965";
  static final String SPB = "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private GraphTenant acme;
  private GraphTenant other;
  private GraphSimulator simulator;

  @BeforeEach
  void start() {
    acme =
        GraphTenant.builder("acme.onmicrosoft.com")
            .displayName("Acme")
            .clientId("client-acme")
            .clientSecret("secret-acme")
            .verifiedDomain("acme.example")
            .sku("SPE_E3", SPE_E3)
            .sku(GraphSku.suspended("SPB", SPB))
            .users(
                250,
                n ->
                    u ->
                        u.upn("user" + n + "@acme.example")
                            .name("User", "N" + n)
                            .accountEnabled(n % 10 != 0)
                            .userType(n % 25 == 0 ? "Guest" : "Member")
                            .license(n % 2 == 0 ? "SPE_E3" : "SPB")
                            .manager(n == 0 ? null : "user0@acme.example"))
            .build();
    other =
        GraphTenant.builder("other.onmicrosoft.com")
            .clientId("client-other")
            .clientSecret("secret-other")
            .users(150, n -> u -> u.upn("o" + n + "@other.example"))
            .build();
    simulator = GraphSimulator.start(acme, other);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  // ---- helpers ----------------------------------------------------------------------------

  private HttpResponse<String> token(String tenant, String... form) throws Exception {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < form.length; i += 2) {
      pairs.add(form[i] + "=" + URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
    }
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(simulator.baseUri() + "/" + tenant + "/oauth2/v2.0/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private String accessToken(GraphTenant tenant) throws Exception {
    HttpResponse<String> response =
        token(
            tenant.name(),
            "grant_type",
            "client_credentials",
            "client_id",
            tenant.clientId(),
            "client_secret",
            tenant.clientSecret(),
            "scope",
            simulator.baseUri() + "/.default");
    return JSON.readTree(response.body()).get("access_token").asText();
  }

  private HttpResponse<String> get(String pathAndQuery, String token, String... headers)
      throws IOException, InterruptedException {
    URI url =
        pathAndQuery.startsWith("http")
            ? URI.create(pathAndQuery)
            : URI.create(simulator.baseUri() + pathAndQuery);
    HttpRequest.Builder builder = HttpRequest.newBuilder(url);
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ---- token endpoint ---------------------------------------------------------------------

  @Test
  void a_client_credentials_grant_returns_a_bearer_token_in_entra_shape() throws Exception {
    HttpResponse<String> response =
        token(
            "acme.example",
            "grant_type",
            "client_credentials",
            "client_id",
            "client-acme",
            "client_secret",
            "secret-acme",
            "scope",
            "https://graph.microsoft.com/.default");

    JsonNode body = json(response);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.get("expires_in").asInt()).isEqualTo(3599);
    assertThat(body.get("ext_expires_in").asInt()).isEqualTo(3599);
    assertThat(body.get("access_token").asText()).isNotBlank();
  }

  @Test
  void a_wrong_secret_answers_aadsts7000215_in_the_entra_error_shape() throws Exception {
    HttpResponse<String> response =
        token(
            acme.tenantId(),
            "grant_type",
            "client_credentials",
            "client_id",
            "client-acme",
            "client_secret",
            "nope",
            "scope",
            "https://graph.microsoft.com/.default");

    JsonNode body = json(response);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(body.get("error").asText()).isEqualTo("invalid_client");
    assertThat(body.get("error_description").asText()).startsWith("AADSTS7000215: ");
    assertThat(body.get("error_codes").get(0).asInt()).isEqualTo(7000215);
    assertThat(body.has("timestamp") && body.has("trace_id") && body.has("correlation_id"))
        .isTrue();
  }

  @Test
  void an_unknown_tenant_answers_aadsts90002_and_an_unknown_client_aadsts700016() throws Exception {
    String[] form = {
      "grant_type", "client_credentials",
      "client_id", "client-acme",
      "client_secret", "secret-acme",
      "scope", "https://graph.microsoft.com/.default"
    };
    JsonNode unknownTenant = json(token("nosuch.onmicrosoft.com", form));
    form[3] = "client-unknown";
    JsonNode unknownClient = json(token("acme.onmicrosoft.com", form));

    assertThat(unknownTenant.get("error_description").asText()).startsWith("AADSTS90002: ");
    assertThat(unknownClient.get("error_description").asText()).startsWith("AADSTS700016: ");
  }

  @Test
  void a_tenant_whose_consent_is_not_granted_answers_aadsts65001_until_it_is() throws Exception {
    String[] form = {
      "grant_type", "client_credentials",
      "client_id", "client-acme",
      "client_secret", "secret-acme",
      "scope", "https://graph.microsoft.com/.default"
    };
    acme.consentNotGranted(true);

    HttpResponse<String> refused = token("acme.onmicrosoft.com", form);

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).get("error").asText()).isEqualTo("invalid_grant");
    assertThat(json(refused).get("error_description").asText()).startsWith("AADSTS65001: ");
    assertThat(json(refused).get("error_codes").get(0).asInt()).isEqualTo(65001);
    acme.consentNotGranted(false);
    assertThat(token("acme.onmicrosoft.com", form).statusCode()).isEqualTo(200);
  }

  @Test
  void a_scope_without_dot_default_is_refused() throws Exception {
    JsonNode body =
        json(
            token(
                "acme.onmicrosoft.com",
                "grant_type",
                "client_credentials",
                "client_id",
                "client-acme",
                "client_secret",
                "secret-acme",
                "scope",
                "User.Read.All"));

    assertThat(body.get("error").asText()).isEqualTo("invalid_scope");
    assertThat(body.get("error_codes").get(0).asInt()).isEqualTo(1002012);
  }

  @Test
  void the_token_endpoint_is_never_hit_by_injected_graph_faults() throws Exception {
    simulator.faults(Faults.none().down(true));

    assertThat(accessToken(acme)).isNotBlank();
  }

  // ---- authentication and permissions ------------------------------------------------------

  @Test
  void graph_without_a_valid_token_answers_401_invalid_authentication_token() throws Exception {
    HttpResponse<String> none = get("/v1.0/users", null);
    HttpResponse<String> forged = get("/v1.0/users", "forged");

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(json(forged).at("/error/code").asText()).isEqualTo("InvalidAuthenticationToken");
    assertThat(json(forged).at("/error/innerError/request-id").asText()).isNotBlank();
  }

  @Test
  void each_token_reads_its_own_tenant_and_another_tenants_next_link_is_refused() throws Exception {
    JsonNode acmePage = json(get("/v1.0/users", accessToken(acme)));
    JsonNode otherPage = json(get("/v1.0/users", accessToken(other)));
    HttpResponse<String> crossed =
        get(acmePage.get("@odata.nextLink").asText(), accessToken(other));

    assertThat(acmePage.at("/value/0/userPrincipalName").asText()).endsWith("@acme.example");
    assertThat(otherPage.at("/value/0/userPrincipalName").asText()).endsWith("@other.example");
    assertThat(crossed.statusCode()).isEqualTo(401);
  }

  @Test
  void a_withheld_permission_answers_403_authorization_request_denied() throws Exception {
    acme.deny("Organization.Read.All");
    String token = accessToken(acme);

    HttpResponse<String> skus = get("/v1.0/subscribedSkus", token);
    HttpResponse<String> users = get("/v1.0/users?$top=1", token);

    assertThat(skus.statusCode()).isEqualTo(403);
    assertThat(json(skus).at("/error/code").asText()).isEqualTo("Authorization_RequestDenied");
    assertThat(users.statusCode()).isEqualTo(200);
  }

  // ---- users ---------------------------------------------------------------------------------

  @Test
  void without_select_a_page_holds_100_users_with_the_default_fields() throws Exception {
    JsonNode page = json(get("/v1.0/users", accessToken(acme)));

    assertThat(page.get("value")).hasSize(100);
    List<String> names = new ArrayList<>();
    page.at("/value/0").fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactlyInAnyOrder(
            "businessPhones",
            "displayName",
            "givenName",
            "jobTitle",
            "mail",
            "mobilePhone",
            "officeLocation",
            "preferredLanguage",
            "surname",
            "userPrincipalName",
            "id");
  }

  @Test
  void select_returns_only_the_listed_fields() throws Exception {
    JsonNode user =
        json(get(
                "/v1.0/users?$select=id,accountEnabled,assignedLicenses&$top=1", accessToken(acme)))
            .at("/value/0");

    List<String> names = new ArrayList<>();
    user.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("id", "accountEnabled", "assignedLicenses");
    assertThat(user.at("/assignedLicenses/0/skuId").asText()).isEqualTo(SPE_E3);
    assertThat(user.at("/assignedLicenses/0/disabledPlans").isArray()).isTrue();
  }

  @Test
  void a_page_size_outside_1_to_999_answers_graphs_exact_400() throws Exception {
    HttpResponse<String> response = get("/v1.0/users?$top=1000", accessToken(acme));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/message").asText())
        .isEqualTo("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
    assertThat(get("/v1.0/users?$top=0", accessToken(acme)).statusCode()).isEqualTo(400);
    assertThat(json(get("/v1.0/users?$top=999", accessToken(acme))).get("value")).hasSize(250);
  }

  @Test
  void next_links_are_absolute_keep_the_query_and_walk_the_whole_tenant() throws Exception {
    String token = accessToken(acme);
    String url = "/v1.0/users?$select=id,userPrincipalName&$top=40";
    List<String> ids = new ArrayList<>();
    int pages = 0;
    while (url != null) {
      JsonNode page = json(get(url, token));
      page.get("value").forEach(user -> ids.add(user.get("id").asText()));
      JsonNode next = page.get("@odata.nextLink");
      url = next == null ? null : next.asText();
      if (url != null) {
        assertThat(url)
            .startsWith(
                simulator.baseUri()
                    + "/v1.0/users?$select=id,userPrincipalName&$top=40&$skiptoken=");
      }
      pages++;
    }

    assertThat(ids).hasSize(250).doesNotHaveDuplicates();
    assertThat(pages).isEqualTo(7);
  }

  @Test
  void a_next_link_whose_query_was_edited_is_refused() throws Exception {
    String token = accessToken(acme);
    String next = json(get("/v1.0/users?$top=10", token)).get("@odata.nextLink").asText();

    HttpResponse<String> edited = get(next.replace("$top=10", "$top=20"), token);

    assertThat(edited.statusCode()).isEqualTo(400);
  }

  @Test
  void expanding_manager_caps_pages_at_100_and_gives_the_manager_id() throws Exception {
    JsonNode page =
        json(get("/v1.0/users?$top=999&$expand=manager($select=id)", accessToken(acme)));

    assertThat(page.get("value")).hasSize(100);
    assertThat(page.at("/value/0").has("manager")).isFalse();
    JsonNode manager = page.at("/value/1/manager");
    assertThat(manager.get("id").asText())
        .isEqualTo(acme.user("user0@acme.example").orElseThrow().id());
    assertThat(manager.get("@odata.type").asText()).isEqualTo("#microsoft.graph.user");
  }

  @Test
  void the_documented_user_filters_select_the_right_users() throws Exception {
    String token = accessToken(acme);
    String byLicense = "assignedLicenses/any(u:u/skuId eq " + SPB + ")";

    JsonNode licensed = json(get("/v1.0/users?$top=999&$filter=" + q(byLicense), token));
    JsonNode enabled =
        json(get("/v1.0/users?$top=999&$filter=" + q("accountEnabled eq true"), token));
    JsonNode members =
        json(get("/v1.0/users?$top=999&$filter=" + q("userType eq 'Member'"), token));
    JsonNode both =
        json(
            get(
                "/v1.0/users?$top=999&$filter="
                    + q("accountEnabled eq true and userType eq 'Guest'"),
                token));

    assertThat(licensed.get("value")).hasSize(125);
    assertThat(enabled.get("value")).hasSize(225);
    assertThat(members.get("value")).hasSize(240);
    assertThat(both.get("value")).hasSize(5); // guests 0,25,...,225 minus the disabled 0,50,...,200
  }

  @Test
  void an_undocumented_filter_is_refused_rather_than_ignored() throws Exception {
    HttpResponse<String> response =
        get("/v1.0/users?$filter=" + q("city eq 'Paris'"), accessToken(acme));

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void advanced_filters_need_the_consistency_header_and_count() throws Exception {
    String token = accessToken(acme);
    String url =
        "/v1.0/users?$top=999&$filter=" + q("assignedLicenses/$count ne 0") + "&$count=true";

    HttpResponse<String> plain = get(url, token);
    HttpResponse<String> advanced = get(url, token, "ConsistencyLevel", "eventual");

    assertThat(plain.statusCode()).isEqualTo(400);
    assertThat(json(plain).at("/error/code").asText()).isEqualTo("Request_UnsupportedQuery");
    assertThat(advanced.statusCode()).isEqualTo(200);
    assertThat(json(advanced).get("@odata.count").asInt()).isEqualTo(250);
  }

  @Test
  void count_without_the_header_is_silently_ignored_on_lists_and_refused_on_the_count_segment()
      throws Exception {
    String token = accessToken(acme);

    JsonNode list = json(get("/v1.0/users?$count=true", token));
    HttpResponse<String> segment = get("/v1.0/users/$count", token);
    HttpResponse<String> counted = get("/v1.0/users/$count", token, "ConsistencyLevel", "eventual");

    assertThat(list.has("@odata.count")).isFalse();
    assertThat(segment.statusCode()).isEqualTo(400);
    assertThat(json(segment).at("/error/message").asText())
        .isEqualTo("$count is not currently supported.");
    assertThat(counted.body()).isEqualTo("250");
  }

  @Test
  void expand_in_an_advanced_query_and_levels_on_the_collection_are_refused() throws Exception {
    String token = accessToken(acme);

    HttpResponse<String> advanced =
        get("/v1.0/users?$count=true&$expand=manager", token, "ConsistencyLevel", "eventual");
    HttpResponse<String> levels = get("/v1.0/users?$expand=manager($levels=max)", token);

    assertThat(advanced.statusCode()).isEqualTo(400);
    assertThat(levels.statusCode()).isEqualTo(400);
    assertThat(json(levels).at("/error/code").asText()).isEqualTo("Request_Unsupported");
  }

  @Test
  void skip_is_not_supported() throws Exception {
    assertThat(get("/v1.0/users?$skip=10", accessToken(acme)).statusCode()).isEqualTo(400);
  }

  @Test
  void a_users_manager_is_served_in_the_documented_shape_and_404_when_none() throws Exception {
    String token = accessToken(acme);

    JsonNode manager = json(get("/v1.0/users/user7@acme.example/manager", token));
    HttpResponse<String> none = get("/v1.0/users/user0@acme.example/manager", token);

    assertThat(manager.get("@odata.type").asText()).isEqualTo("#microsoft.graph.user");
    assertThat(manager.get("userPrincipalName").asText()).isEqualTo("user0@acme.example");
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(json(none).at("/error/code").asText()).isEqualTo("Request_ResourceNotFound");
  }

  // ---- organization and SKUs ----------------------------------------------------------------

  @Test
  void organization_lists_the_initial_and_verified_domains() throws Exception {
    JsonNode org = json(get("/v1.0/organization", accessToken(acme))).at("/value/0");

    assertThat(org.get("id").asText()).isEqualTo(acme.tenantId());
    assertThat(org.get("verifiedDomains")).hasSize(2);
    assertThat(org.at("/verifiedDomains/0/name").asText()).isEqualTo("acme.onmicrosoft.com");
    assertThat(org.at("/verifiedDomains/0/isInitial").asBoolean()).isTrue();
    assertThat(org.at("/verifiedDomains/1/isDefault").asBoolean()).isTrue();
  }

  @Test
  void subscribed_skus_accept_only_select() throws Exception {
    String token = accessToken(acme);

    JsonNode skus = json(get("/v1.0/subscribedSkus?$select=skuId,skuPartNumber", token));
    JsonNode full = json(get("/v1.0/subscribedSkus", token));
    HttpResponse<String> filtered = get("/v1.0/subscribedSkus?$top=1", token);

    assertThat(skus.at("/value/0/skuPartNumber").asText()).isEqualTo("SPE_E3");
    assertThat(skus.at("/value/0").has("capabilityStatus")).isFalse();
    assertThat(full.at("/value/1/capabilityStatus").asText()).isEqualTo("Suspended");
    assertThat(full.at("/value/1/prepaidUnits/suspended").asInt()).isEqualTo(25);
    assertThat(filtered.statusCode()).isEqualTo(400);
  }

  // ---- faults and logging --------------------------------------------------------------------

  @Test
  void injected_throttling_answers_429_with_retry_after_and_the_too_many_requests_body()
      throws Exception {
    String token = accessToken(acme);
    simulator.faults(new Faults(3).throttle(1.0).retryAfterSeconds(12));

    HttpResponse<String> response = get("/v1.0/users", token);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).contains("12");
    assertThat(json(response).at("/error/code").asText()).isEqualTo("TooManyRequests");
  }

  @Test
  void every_request_is_logged_with_its_headers_and_resource_units_are_reported() throws Exception {
    String token = accessToken(acme);

    HttpResponse<String> response =
        get("/v1.0/users?$select=id&$expand=manager", token, "x-ms-throttle-priority", "Low");

    assertThat(response.headers().firstValue("x-ms-resource-unit")).contains("2");
    assertThat(simulator.tokenRequests()).isEqualTo(1);
    assertThat(simulator.graphRequests()).isEqualTo(1);
    assertThat(simulator.log().all().get(1).headers())
        .containsEntry("x-ms-throttle-priority", "Low");
  }
}
