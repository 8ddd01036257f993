package io.kb4sync.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.json.JavalinJackson;
import io.kb4sync.core.state.RunQuery;
import io.kb4sync.core.state.RunRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service mode's HTTP face (docs/api.md): the JSON API under {@code /api/v1}, {@code /healthz},
 * {@code /readyz} and {@code /metrics}, on Javalin, over the {@link Book} and {@link Tokens} ports.
 *
 * <p>Every call is checked in one order: {@code 401} no, unknown or expired token; {@code 403} a
 * role too small; {@code 413} a body over {@value #MAX_BODY_BYTES} bytes; then the route's own
 * {@code 404} unknown company or run, {@code 400} bad body or query, {@code 409} conflict. Errors
 * are {@code {"error": "<one line>"}}; an unexpected failure is a {@code 500} whose detail stays in
 * the server's log. Every call is logged on {@code io.kb4sync.server.access} with its method, path,
 * status, duration and the token's name — never the token: at INFO for {@code /api/v1} and for
 * every error, at DEBUG for successful probes and scrapes of {@code /healthz}, {@code /readyz} and
 * {@code /metrics}.
 */
public final class ApiServer {

  /** The largest request body taken: 64 KiB. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  /** The logger of the access log: one line per call. */
  public static final String ACCESS_LOG = "io.kb4sync.server.access";

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOG);

  private static final String ROUTE = "kb4sync.route";
  private static final String CALLER = "kb4sync.caller";
  private static final Pattern BEARER =
      Pattern.compile("[Bb][Ee][Aa][Rr][Ee][Rr] +([A-Za-z0-9._~+/=-]{1,512})");
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
  private static final byte[] OPENAPI = resource("openapi.json");

  /** A route's work, after the token and the role have been checked. */
  @FunctionalInterface
  private interface Action {
    /**
     * @param caller null only on routes that take no token
     */
    void handle(Context ctx, Caller caller) throws Exception;
  }

  private final Book book;
  private final Tokens tokens;
  private final ServiceMetrics metrics;
  private final List<Consumer<JavalinConfig>> extensions = new ArrayList<>();
  private Javalin app;

  public ApiServer(Book book, Tokens tokens, ServiceMetrics metrics) {
    this.book = java.util.Objects.requireNonNull(book, "book");
    this.tokens = java.util.Objects.requireNonNull(tokens, "tokens");
    this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Adds what is served beside the API (the dashboard's sign-in and pages): installed into the
   * Javalin configuration, after the API's routes, when the server starts.
   */
  public synchronized ApiServer with(Consumer<JavalinConfig> extension) {
    extensions.add(java.util.Objects.requireNonNull(extension, "extension"));
    return this;
  }

  /**
   * Starts serving.
   *
   * @param bind the address to listen on, e.g. {@code 127.0.0.1}
   * @param port the port; {@code 0} picks a free one
   * @return the port it listens on
   * @throws IllegalStateException when it cannot listen there (one line), or is already started
   */
  public synchronized int start(String bind, int port) {
    if (app != null) {
      throw new IllegalStateException("the API server is already started");
    }
    Javalin javalin = Javalin.create(this::configure);
    try {
      javalin.start(bind, port);
    } catch (RuntimeException e) {
      try {
        javalin.stop();
      } catch (RuntimeException stopFailure) {
        e.addSuppressed(stopFailure);
      }
      throw new IllegalStateException(
          "cannot listen on " + bind + ":" + port + ": " + ApiException.oneLine(rootCause(e)), e);
    }
    app = javalin;
    return javalin.port();
  }

  /** Stops serving; requests in flight are finished first. Does nothing when not started. */
  public synchronized void stop() {
    if (app != null) {
      app.stop();
      app = null;
    }
  }

  /** Each route Javalin serves, as {@code "GET /api/v1/runs"}: the OpenAPI test reads them. */
  synchronized List<String> servedRoutes() {
    if (app == null) {
      throw new IllegalStateException("the API server is not started");
    }
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> endpoint.method.isHttpMethod())
        .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
        .toList();
  }

  private void configure(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.http.maxRequestSize = MAX_BODY_BYTES;
    config.http.prefer405over404 = true;
    config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
    config.requestLogger.http(this::logged);

    Map<ApiRoute, Action> actions = new HashMap<>();
    actions.put(ApiRoute.COMPANIES, this::companies);
    actions.put(ApiRoute.COMPANY, this::company);
    actions.put(ApiRoute.PAUSE, this::pause);
    actions.put(ApiRoute.START_RUN, this::startRun);
    actions.put(ApiRoute.CANCEL_RUN, this::cancelRun);
    actions.put(ApiRoute.RUNS, this::runs);
    actions.put(ApiRoute.RUN, this::run);
    actions.put(ApiRoute.RELOAD, this::reload);
    actions.put(ApiRoute.OPENAPI, this::openapi);
    actions.put(ApiRoute.HEALTHZ, this::healthz);
    actions.put(ApiRoute.READYZ, this::readyz);
    actions.put(ApiRoute.METRICS, this::metrics);
    for (ApiRoute route : ApiRoute.ALL) {
      Action action = actions.remove(route);
      if (action == null) {
        throw new IllegalStateException("no handler for " + route);
      }
      config.routes.addHttpHandler(
          HandlerType.findOrCreate(route.method()),
          route.path(),
          ctx -> guarded(ctx, route, action));
    }
    if (!actions.isEmpty()) {
      throw new IllegalStateException("handlers for routes not in ApiRoute.ALL: " + actions);
    }

    extensions.forEach(extension -> extension.accept(config));

    config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
    config.routes.exception(HttpResponseException.class, this::httpError);
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method().name(), printable(ctx.path()), e);
          error(ctx, 500, "internal error; see the server's log");
        });
  }

  // ---- the checks every route passes ----

  private void guarded(Context ctx, ApiRoute route, Action action) throws Exception {
    ctx.attribute(ROUTE, route);
    ctx.header("Cache-Control", "no-store");
    Caller caller = null;
    if (route.role() != null) {
      caller = authenticate(ctx);
      if (!caller.role().atLeast(route.role())) {
        throw ApiException.forbidden(route.toString(), route.role());
      }
    }
    if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    action.handle(ctx, caller);
  }

  /** The caller of a valid bearer token; 401 otherwise. */
  private Caller authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    Matcher bearer = header == null ? null : BEARER.matcher(header.strip());
    if (bearer == null || !bearer.matches()) {
      throw ApiException.unauthorized();
    }
    Optional<Caller> caller;
    try {
      caller = tokens.authenticate(bearer.group(1));
    } catch (RuntimeException e) {
      LOG.warn("cannot check a bearer token: {}", ApiException.oneLine(e.getMessage()));
      throw new ApiException(503, "cannot check the bearer token now; try again later");
    }
    Caller found = caller.orElseThrow(ApiException::unauthorized);
    ctx.attribute(CALLER, found);
    return found;
  }

  /** Javalin's own answers (no such route, wrong method, body too large) in the API's shape. */
  private void httpError(HttpResponseException e, Context ctx) {
    if (e instanceof ContentTooLargeResponse) {
      error(ctx, 413, tooLarge().getMessage());
      return;
    }
    if (e instanceof NotFoundResponse || e instanceof MethodNotAllowedResponse) {
      String request = ctx.method().name() + " " + printable(ctx.path());
      if (!apiPath(ctx.path())) {
        // Outside the API (a mistyped dashboard address): a page-like answer, no token asked.
        ctx.status(e instanceof MethodNotAllowedResponse ? 405 : 404)
            .contentType("text/plain; charset=utf-8")
            .result("no such page: " + request + "\n");
        return;
      }
      // No route: still 401 before anything is said about what exists.
      try {
        authenticate(ctx);
      } catch (ApiException unauthorized) {
        error(ctx, unauthorized.status(), unauthorized.getMessage());
        return;
      }
      if (e instanceof MethodNotAllowedResponse) {
        error(ctx, 405, "method not allowed: " + request);
      } else {
        error(ctx, 404, "no such route: " + request);
      }
      return;
    }
    error(ctx, e.getStatus(), e.getMessage());
  }

  /**
   * Whether a path is the API's: {@code /api/...}, {@code /healthz}, {@code /readyz}, {@code
   * /metrics}.
   */
  private static boolean apiPath(String path) {
    for (String prefix : List.of("/api", "/healthz", "/readyz", "/metrics")) {
      if (path.equals(prefix) || path.startsWith(prefix + "/")) {
        return true;
      }
    }
    return false;
  }

  private static void error(Context ctx, int status, String message) {
    if (status == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    ctx.status(status).json(new Views.Error(ApiException.oneLine(message)));
  }

  private static ApiException tooLarge() {
    return new ApiException(413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
  }

  /** One line of the access log per call, and its timing. */
  private void logged(Context ctx, Float millis) {
    ApiRoute route = ctx.attribute(ROUTE);
    Caller caller = ctx.attribute(CALLER);
    int status = ctx.statusCode();
    String method = METHODS.contains(ctx.method().name()) ? ctx.method().name() : "OTHER";
    long rounded = Math.round(millis == null ? 0 : millis);
    boolean probe = route != null && !route.path().startsWith(ApiRoute.API) && status < 400;
    String who = caller == null ? "-" : caller.name();
    if (probe) {
      ACCESS.debug("{} {} {} {}ms token={}", method, printable(ctx.path()), status, rounded, who);
    } else {
      ACCESS.info("{} {} {} {}ms token={}", method, printable(ctx.path()), status, rounded, who);
    }
    metrics.httpRequest(
        method,
        route == null ? "unmatched" : route.path(),
        status,
        millis == null ? 0 : (long) (millis * 1_000_000d));
  }

  // ---- the routes ----

  private void companies(Context ctx, Caller caller) {
    ctx.json(book.companies().stream().map(Views.Company::of).toList());
  }

  private void company(Context ctx, Caller caller) {
    String companyId = ctx.pathParam("company_id");
    ctx.json(
        Views.CompanyDetail.of(
            book.company(companyId).orElseThrow(() -> unknownCompany(companyId))));
  }

  private void pause(Context ctx, Caller caller) {
    String companyId = ctx.pathParam("company_id");
    String body = body(ctx);
    requireCompany(companyId);
    ObjectNode change = object(body);
    onlyKeys(change, List.of("paused"));
    JsonNode paused = change.get("paused");
    if (paused == null || !paused.isBoolean()) {
      throw ApiException.badRequest("paused must be true or false");
    }
    ctx.json(
        Views.Company.of(
            book.setPaused(companyId, paused.booleanValue(), caller)
                .orElseThrow(() -> unknownCompany(companyId))));
  }

  private void startRun(Context ctx, Caller caller) {
    String companyId = ctx.pathParam("company_id");
    String body = body(ctx);
    if (!caller.role().atLeast(Role.ADMIN) && asksApproval(body)) {
      throw ApiException.forbidden("approve_held", Role.ADMIN);
    }
    requireCompany(companyId);
    Book.RunRequest request = runRequest(object(body));
    Book.RunStart start = book.start(companyId, request, caller);
    if (start instanceof Book.RunStart.Queued queued) {
      ctx.status(202)
          .header("Location", ApiRoute.API + "/runs/" + queued.runId())
          .json(new Views.Queued(queued.runId()));
    } else if (start instanceof Book.RunStart.Busy busy) {
      throw ApiException.conflict(busy.message());
    } else if (start instanceof Book.RunStart.UnknownCompany) {
      throw unknownCompany(companyId);
    } else if (start instanceof Book.RunStart.Refused refused) {
      throw ApiException.badRequest(refused.message());
    } else {
      throw new IllegalStateException("unexpected answer of the book: " + start);
    }
  }

  private void cancelRun(Context ctx, Caller caller) {
    String runId = ctx.pathParam("run_id");
    switch (book.cancel(runId, caller)) {
      case CANCELLED -> ctx.status(204);
      case UNKNOWN -> throw unknownRun(runId);
      case NOT_QUEUED ->
          throw ApiException.conflict(
              "run " + quoted(runId) + " is running or has ended: only a queued run is cancelled");
    }
  }

  private static final List<String> RUNS_PARAMETERS =
      List.of("company_id", "kind", "limit", "before");

  private void runs(Context ctx, Caller caller) {
    Map<String, List<String>> parameters = ctx.queryParamMap();
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      if (!RUNS_PARAMETERS.contains(parameter.getKey())) {
        throw ApiException.badRequest(
            "unknown query parameter "
                + quoted(parameter.getKey())
                + " (known: "
                + String.join(", ", RUNS_PARAMETERS)
                + ")");
      }
      if (parameter.getValue().size() > 1) {
        throw ApiException.badRequest(
            "query parameter " + parameter.getKey() + " is given more than once");
      }
    }
    String kind = parameter(ctx, "kind");
    if (kind != null && !kind.equals(RunRecord.SYNC) && !kind.equals(RunRecord.AUDIT)) {
      throw ApiException.badRequest("kind must be sync or audit, found " + quoted(kind));
    }
    String limitText = parameter(ctx, "limit");
    int limit = RunQuery.DEFAULT_LIMIT;
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > RunQuery.MAX_LIMIT) {
        throw ApiException.badRequest(
            "limit must be a whole number from 1 to "
                + RunQuery.MAX_LIMIT
                + ", found "
                + quoted(limitText));
      }
    }
    String before = parameter(ctx, "before");
    // The stores answer an unknown cursor with an empty page; the API says which run is unknown.
    if (before != null && book.run(before).isEmpty()) {
      throw unknownRun(before);
    }
    Book.RunFilter filter = new Book.RunFilter(parameter(ctx, "company_id"), kind, limit, before);
    ctx.json(book.runs(filter).stream().map(RunJson::of).toList());
  }

  private void run(Context ctx, Caller caller) {
    String runId = ctx.pathParam("run_id");
    ctx.json(Views.runWithReport(book.run(runId).orElseThrow(() -> unknownRun(runId))));
  }

  private void reload(Context ctx, Caller caller) {
    String body = body(ctx);
    if (!body.isBlank()) {
      onlyKeys(object(body), List.of());
    }
    Book.Reload reload = book.reload(caller);
    if (!reload.ok()) {
      throw ApiException.badRequest(reload.problem());
    }
    ctx.json(new Views.Reloaded(true));
  }

  private void openapi(Context ctx, Caller caller) {
    ctx.contentType("application/json").result(OPENAPI);
  }

  private void healthz(Context ctx, Caller caller) {
    ctx.json(new Views.Health("ok"));
  }

  private void readyz(Context ctx, Caller caller) {
    Book.Readiness readiness = book.readiness();
    ctx.status(readiness.ready() ? 200 : 503).json(Views.Readiness.of(readiness));
  }

  private void metrics(Context ctx, Caller caller) {
    ctx.contentType(ServiceMetrics.CONTENT_TYPE).result(metrics.scrape());
  }

  // ---- bodies and parameters ----

  private static final List<String> RUN_KEYS =
      List.of("kind", "dry_run", "remove_stale_users", "approve_held");

  private static Book.RunRequest runRequest(ObjectNode body) {
    onlyKeys(body, RUN_KEYS);
    JsonNode kind = body.get("kind");
    if (kind == null
        || !kind.isTextual()
        || !(kind.textValue().equals(RunRecord.SYNC) || kind.textValue().equals(RunRecord.AUDIT))) {
      throw ApiException.badRequest("kind must be \"sync\" or \"audit\"");
    }
    if (kind.textValue().equals(RunRecord.AUDIT)) {
      for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!name.equals("kind")) {
          throw ApiException.badRequest("an audit takes kind only, found " + name);
        }
      }
      return new Book.RunRequest(RunRecord.AUDIT, false, null, null);
    }
    JsonNode dryRun = body.get("dry_run");
    if (dryRun != null && !dryRun.isBoolean()) {
      throw ApiException.badRequest("dry_run must be true or false");
    }
    JsonNode removeStale = body.get("remove_stale_users");
    if (removeStale != null && !removeStale.isNull() && !removeStale.isBoolean()) {
      throw ApiException.badRequest("remove_stale_users must be true, false or null");
    }
    JsonNode approve = body.get("approve_held");
    if (approve != null
        && !approve.isNull()
        && (!approve.isTextual()
            || approve.textValue().isBlank()
            || approve.textValue().length() > 256
            || !approve.textValue().equals(ApiException.oneLine(approve.textValue())))) {
      throw ApiException.badRequest(
          "approve_held must be the staged_archives_fingerprint of the held set, as text");
    }
    return new Book.RunRequest(
        RunRecord.SYNC,
        dryRun != null && dryRun.booleanValue(),
        removeStale == null || removeStale.isNull() ? null : removeStale.booleanValue(),
        approve == null || approve.isNull() ? null : approve.textValue());
  }

  /** Whether the body asks to approve held archives, whatever else is wrong with it. */
  private static boolean asksApproval(String body) {
    try {
      JsonNode node = Json.read(body);
      return node != null
          && node.isObject()
          && node.has("approve_held")
          && !node.get("approve_held").isNull();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /** The body as text: at most {@value #MAX_BODY_BYTES} bytes of UTF-8. */
  private static String body(Context ctx) {
    byte[] bytes;
    try (InputStream in = ctx.req().getInputStream()) {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("the body is not UTF-8");
    }
  }

  private static ObjectNode object(String body) {
    JsonNode node;
    try {
      node = body.isBlank() ? null : Json.read(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("the body is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  private static void onlyKeys(ObjectNode body, List<String> known) {
    List<String> unknown = new ArrayList<>();
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!known.contains(name)) {
                unknown.add(quoted(name));
              }
            });
    if (!unknown.isEmpty()) {
      throw ApiException.badRequest(
          "unknown key "
              + String.join(", ", unknown)
              + (known.isEmpty()
                  ? " (none is taken)"
                  : " (known: " + String.join(", ", known) + ")"));
    }
  }

  /** A query parameter's value; null when absent or empty. */
  private static String parameter(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null || value.isEmpty() ? null : value;
  }

  private void requireCompany(String companyId) {
    if (book.company(companyId).isEmpty()) {
      throw unknownCompany(companyId);
    }
  }

  private static ApiException unknownCompany(String companyId) {
    return ApiException.notFound("no company " + quoted(companyId));
  }

  private static ApiException unknownRun(String runId) {
    return ApiException.notFound("no run " + quoted(runId));
  }

  /** A caller's text in a message: quoted, one line, at most 100 characters. */
  private static String quoted(String text) {
    String line = ApiException.oneLine(text);
    return "'" + (line.length() > 100 ? line.substring(0, 100) + "..." : line) + "'";
  }

  /** A path for the log: control characters replaced, at most 300 characters. */
  private static String printable(String path) {
    String line = path == null ? "" : path.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", "?");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static byte[] resource(String name) {
    try (InputStream in = ApiServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }
}
