package io.kb4sync.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-written OpenAPI document ({@code openapi.json}) is valid OpenAPI 3, and describes
 * exactly the routes the running server serves, with their methods and roles.
 */
class OpenApiDocumentTest {
  ServiceMetrics metrics;
  ApiServer server;
  Http http;

  @BeforeEach
  void start() {
    metrics = new ServiceMetrics();
    server = new ApiServer(new FakeBook(), new FakeTokens(), metrics);
    http = new Http(server.start("127.0.0.1", 0));
  }

  @AfterEach
  void stop() {
    server.stop();
    metrics.close();
  }

  static String resource() throws IOException {
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static SwaggerParseResult parse(String text) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    return new OpenAPIV3Parser().readContents(text, null, options);
  }

  /** "GET /api/v1/runs" → its operation. */
  static Map<String, Operation> operations(OpenAPI api) {
    Map<String, Operation> operations = new LinkedHashMap<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) -> operations.put(method + " " + path, operation)));
    return operations;
  }

  @Test
  void the_document_is_valid_openapi_3_without_a_single_message() throws IOException {
    SwaggerParseResult result = parse(resource());

    assertThat(result.getMessages()).isEmpty();
    assertThat(result.getOpenAPI()).isNotNull();
    assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
  }

  @Test
  void
      every_route_the_server_serves_is_documented_with_its_method_and_every_documented_one_is_served()
          throws IOException {
    List<String> served = server.servedRoutes();
    Map<String, Operation> documented = operations(parse(resource()).getOpenAPI());

    assertThat(served).doesNotHaveDuplicates();
    assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(served);
    assertThat(served)
        .containsExactlyInAnyOrderElementsOf(
            ApiRoute.ALL.stream().map(ApiRoute::toString).toList());
  }

  @Test
  void each_documented_operation_names_the_role_the_server_asks_and_the_errors_it_can_answer()
      throws IOException {
    Map<String, Operation> documented = operations(parse(resource()).getOpenAPI());

    for (ApiRoute route : ApiRoute.ALL) {
      Operation operation = documented.get(route.toString());
      String role = route.role() == null ? "none" : route.role().id();
      assertThat(operation.getExtensions())
          .as(route.toString())
          .containsEntry("x-kb4sync-role", role);
      if (route.role() == null) {
        assertThat(operation.getSecurity()).as(route.toString()).isEmpty();
      } else {
        assertThat(operation.getSecurity()).as(route.toString()).isNull(); // the document's: bearer
        assertThat(operation.getResponses()).as(route.toString()).containsKeys("401", "403");
      }
      if (route.path().contains("{")) {
        assertThat(operation.getResponses()).as(route.toString()).containsKey("404");
      }
      if (!route.method().equals("GET") && !route.method().equals("DELETE")) {
        assertThat(operation.getResponses()).as(route.toString()).containsKeys("400", "413");
      }
    }
  }

  @Test
  void the_document_asks_for_a_bearer_token_by_default() throws IOException {
    OpenAPI api = parse(resource()).getOpenAPI();

    assertThat(api.getSecurity()).hasSize(1);
    assertThat(api.getSecurity().get(0)).containsOnlyKeys("bearer");
    assertThat(api.getComponents().getSecuritySchemes().get("bearer").getScheme())
        .isEqualTo("bearer");
  }

  @Test
  void the_run_schema_has_exactly_the_contracts_keys() throws IOException {
    OpenAPI api = parse(resource()).getOpenAPI();
    Schema<?> run = api.getComponents().getSchemas().get("Run");
    Schema<?> company = api.getComponents().getSchemas().get("Company");

    assertThat(List.copyOf(run.getProperties().keySet()))
        .containsExactlyElementsOf(ApiServerTest.RUN_KEYS);
    assertThat(List.copyOf(company.getProperties().keySet()))
        .containsExactlyElementsOf(ApiServerTest.COMPANY_KEYS);
  }

  @Test
  void the_served_document_is_the_resource() throws IOException {
    Http.Answer answer = http.get("/api/v1/openapi.json", FakeTokens.VIEWER);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(resource());
    assertThat(parse(answer.body()).getMessages()).isEmpty();
  }

  @Test
  void every_path_parameter_of_each_operation_is_declared() throws IOException {
    OpenAPI api = parse(resource()).getOpenAPI();

    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) -> {
                          List<String> declared = new ArrayList<>();
                          if (item.getParameters() != null) {
                            item.getParameters().forEach(p -> declared.add(p.getName()));
                          }
                          if (operation.getParameters() != null) {
                            operation.getParameters().forEach(p -> declared.add(p.getName()));
                          }
                          Matcher names = Pattern.compile("\\{([^}]+)}").matcher(path);
                          while (names.find()) {
                            assertThat(declared).as(method + " " + path).contains(names.group(1));
                          }
                        }));
  }
}
