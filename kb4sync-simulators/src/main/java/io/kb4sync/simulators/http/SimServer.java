package io.kb4sync.simulators.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * An HTTP server on a free loopback port that serves one simulated API, logs every request and
 * injects the faults it is told to. Simulators are real peers over real sockets, not mocks.
 */
public final class SimServer implements AutoCloseable {

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm
    // and the client's delayed ACK stall each answer by about 40 ms (10,000 Graph users: 5.7 s
    // instead of 0.8 s). Read once, when the JDK server is first used: set it before that.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** How a simulated API words its fault answers (each API has its own error shape). */
  public interface FaultBodies {
    SimResponse throttled(int retryAfterSeconds);

    SimResponse unavailable();

    SimResponse failed();

    static FaultBodies plainJson() {
      return new FaultBodies() {
        @Override
        public SimResponse throttled(int retryAfterSeconds) {
          return SimResponse.json(429, "{\"message\":\"Too Many Requests\"}")
              .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
        }

        @Override
        public SimResponse unavailable() {
          return SimResponse.json(503, "{\"message\":\"Service Unavailable\"}");
        }

        @Override
        public SimResponse failed() {
          return SimResponse.json(500, "{\"message\":\"Internal Server Error\"}");
        }
      };
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final SimHandler handler;
  private final RequestLog log = new RequestLog();
  private final FaultBodies faultBodies;
  private final Predicate<SimRequest> faultable;
  private volatile Faults faults;
  private final List<Hold> holds = new CopyOnWriteArrayList<>();

  /**
   * Requests held until {@link #close()}: a test's own gate, so that what it checks while a client
   * waits on the server does not depend on how fast the machine is (a latency only makes a race
   * less likely).
   */
  public final class Hold implements AutoCloseable {
    private final Predicate<SimRequest> which;
    private final CountDownLatch released = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger waiting =
        new java.util.concurrent.atomic.AtomicInteger();

    private Hold(Predicate<SimRequest> which) {
      this.which = which;
    }

    /** Requests waiting on this hold now. */
    public int waiting() {
      return waiting.get();
    }

    private void await(SimRequest request) {
      if (released.getCount() == 0 || !which.test(request)) {
        return;
      }
      waiting.incrementAndGet();
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the server is closing
      } finally {
        waiting.decrementAndGet();
      }
    }

    /** Lets the held requests (and every later one) go on. */
    @Override
    public void close() {
      released.countDown();
      holds.remove(this);
    }
  }

  private SimServer(
      SimHandler handler, Faults faults, FaultBodies faultBodies, Predicate<SimRequest> faultable)
      throws IOException {
    this.handler = handler;
    this.faults = faults;
    this.faultBodies = faultBodies;
    this.faultable = faultable;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newCachedThreadPool(daemonThreads());
    server.setExecutor(executor);
    server.createContext("/", this::exchange);
    server.start();
  }

  /**
   * Starts a server.
   *
   * @param faultable which requests may be hit by injected faults (e.g. not the token endpoint)
   */
  public static SimServer start(
      SimHandler handler, FaultBodies faultBodies, Predicate<SimRequest> faultable) {
    try {
      return new SimServer(handler, Faults.none(), faultBodies, faultable);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a simulator on loopback: " + e.getMessage(), e);
    }
  }

  public static SimServer start(SimHandler handler) {
    return start(handler, FaultBodies.plainJson(), request -> true);
  }

  /** {@code http://127.0.0.1:PORT} without a trailing slash. */
  public URI baseUri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  public RequestLog log() {
    return log;
  }

  public Faults faults() {
    return faults;
  }

  public void faults(Faults faults) {
    this.faults = faults;
  }

  /**
   * Holds every request matching {@code which} that arrives from now on, once read and before it is
   * answered (or delayed, or logged), until the returned hold is closed.
   */
  public Hold hold(Predicate<SimRequest> which) {
    Hold hold = new Hold(which);
    holds.add(hold);
    return hold;
  }

  @Override
  public void close() {
    holds.forEach(Hold::close);
    server.stop(0);
    executor.shutdownNow();
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      Faults current = faults;
      SimRequest request = read(exchange);
      for (Hold hold : holds) {
        hold.await(request);
      }
      sleep(current.latency().toMillis());
      request = request.at(System.nanoTime());
      SimResponse response;
      try {
        response = respond(request, current);
      } catch (RuntimeException e) {
        response = SimResponse.json(500, "{\"message\":\"simulator error\"}");
      }
      log.add(
          new LoggedRequest(
              request.method(),
              request.path(),
              request.rawQuery(),
              request.query(),
              request.headers(),
              request.body(),
              response.status(),
              request.nanos()));
      write(exchange, response);
    }
  }

  private SimResponse respond(SimRequest request, Faults current) {
    Faults.Decision decision =
        faultable.test(request) ? current.next(request.isWrite()) : Faults.Decision.NONE;
    switch (decision) {
      case THROTTLE:
        return faultBodies.throttled(current.retryAfterSeconds());
      case UNAVAILABLE:
        return faultBodies.unavailable();
      default:
        break;
    }
    SimResponse response = handler.handle(request);
    if (decision == Faults.Decision.FAIL_AFTER_APPLY) {
      return faultBodies.failed();
    }
    if (decision == Faults.Decision.HANG_AFTER_APPLY) {
      sleep(current.hang().toMillis());
    }
    return response;
  }

  private static SimRequest read(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    String rawQuery = uri.getRawQuery();
    Map<String, String> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return new SimRequest(
        exchange.getRequestMethod().toUpperCase(Locale.ROOT),
        uri.getPath(),
        rawQuery,
        parseQuery(rawQuery),
        Collections.unmodifiableMap(headers),
        body,
        System.nanoTime());
  }

  /** Decodes a raw query string into parameters, keeping their order. */
  public static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static void write(HttpExchange exchange, SimResponse response) throws IOException {
    response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    if (response.body() == null) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      } catch (IOException e) {
        // The client gave up (a timeout we injected ourselves): nothing left to tell it.
      }
    }
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "simulator-http");
      thread.setDaemon(true);
      return thread;
    };
  }
}
