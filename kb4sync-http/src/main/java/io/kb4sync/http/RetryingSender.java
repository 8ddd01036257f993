package io.kb4sync.http;

import io.kb4sync.core.remote.Causes;
import io.kb4sync.core.remote.RemoteException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The one choke point of kb4sync's HTTP: every request to an outside system goes on the wire here
 * (outside the simulators). It sends with timeouts, a deadline and a body cap, refuses redirects,
 * passes each attempt through the system's {@link Gate} (pacing), retries what the system's {@link
 * RetryRule} allows (honouring {@code Retry-After} in seconds and as an HTTP date), logs each
 * retry, and keeps its secrets out of every message and log line.
 *
 * <p>Two ways in: {@link #exchange} hands back the final answer, whatever its status, for adapters
 * that translate answers themselves (Graph, KnowBe4); {@link #send} turns every unaccepted answer
 * into a {@link RemoteException} whose one-line message names the system and the host (notify,
 * PSAs). {@link #retrying} repeats a caller's own attempt under the same rule.
 */
public final class RetryingSender {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingSender.class);
  private static final int SNIPPET = 200;
  private static final int MESSAGE = 400;

  /** Headers the JDK sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  /** Threads of a client for its own work on answers (never one per request). */
  private static final int CLIENT_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  /** One client per connect timeout, shared: a client owns a connection pool and threads. */
  private static final Map<Duration, HttpClient> CLIENTS = new ConcurrentHashMap<>();

  /** What a message says about the request besides its host. */
  public enum Naming {
    /** {@code HTTP 502 from host}: for endpoints whose path is a secret (webhooks). */
    HOST,
    /** {@code HTTP 401 for POST /v1.0/Tickets at host}: for APIs whose paths say what failed. */
    METHOD_AND_PATH
  }

  /** An accepted answer of {@link #send}: the status and the body. */
  public record Response(int status, String body) {
    /** A 2xx answer. */
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final String system;
  private final Transport transport;
  private final Sleeper sleeper;
  private final Naming naming;
  private final Gate gate;
  private final Clock clock;
  private final HttpClient client;
  private volatile Redactor redactor;

  /**
   * A sender with these timeouts and no gate.
   *
   * @param system what every message starts with and {@link RemoteException#system()} says (e.g.
   *     {@code teams}, {@code Autotask})
   * @param redactor the secrets no message may show
   */
  public RetryingSender(
      String system, HttpOptions options, Sleeper sleeper, Redactor redactor, Naming naming) {
    this(
        builder(system)
            .transport(options.transport())
            .sleeper(sleeper)
            .redactor(redactor)
            .naming(naming));
  }

  private RetryingSender(Builder b) {
    this.system = Objects.requireNonNull(b.system, "system");
    this.transport = Objects.requireNonNull(b.transport, "transport");
    this.sleeper = Objects.requireNonNull(b.sleeper, "sleeper");
    this.redactor = Objects.requireNonNull(b.redactor, "redactor");
    this.naming = Objects.requireNonNull(b.naming, "naming");
    this.gate = Objects.requireNonNull(b.gate, "gate");
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.client = CLIENTS.computeIfAbsent(transport.connectTimeout(), RetryingSender::newClient);
  }

  /** A sender of {@code system}; see {@link Builder} for the defaults. */
  public static Builder builder(String system) {
    return new Builder(system);
  }

  private static HttpClient newClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        // A redirect could carry a bearer token or a webhook's secret path to another host.
        .followRedirects(HttpClient.Redirect.NEVER)
        // The JDK's default is a cached pool: one more thread for every answer in progress, so
        // many companies read at once meant as many threads. Its tasks never block (parsing an
        // answer, handing it over), so a few threads serve any number of requests in flight.
        .executor(Executors.newFixedThreadPool(CLIENT_THREADS, clientThreads()))
        .build();
  }

  private static ThreadFactory clientThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "kb4sync-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  public String system() {
    return system;
  }

  public Transport transport() {
    return transport;
  }

  /** Adds a secret learnt later (e.g. a bearer token) to what messages never show. */
  public synchronized void addSecret(String secret) {
    redactor = redactor.plus(List.of(secret));
  }

  /**
   * Sends a request, repeating it as {@code rule} allows, and returns the last answer: one whose
   * status the rule does not retry (a success among them), or the last retried one once the rule's
   * budget is spent.
   *
   * @throws HttpFailure when no usable answer came, after the retries the rule allows
   */
  public Answer exchange(Request request, RetryRule rule) throws HttpFailure {
    return exchange(() -> request, rule);
  }

  /**
   * As {@link #exchange(Request, RetryRule)}, building each attempt anew (so that a token renewed
   * meanwhile is picked up).
   */
  public Answer exchange(Supplier<Request> request, RetryRule rule) throws HttpFailure {
    Request first = request.get();
    Attempt.Result<Answer> result =
        retrying(
            rule,
            first,
            attempt -> {
              try {
                return new Attempt.Answered<>(once(attempt == 1 ? first : request.get(), attempt));
              } catch (HttpFailure e) {
                return new Attempt.Failed<>(e);
              }
            });
    if (result instanceof Attempt.Answered<Answer> answered) {
      return answered.answer();
    }
    if (result instanceof Attempt.Failed<Answer> failed) {
      throw failed.failure();
    }
    throw new IllegalStateException("an exchange ends in an answer or a failure");
  }

  /**
   * Runs {@code attempt} until it is done, or its result is not one {@code rule} tries again, or
   * the rule's budget is spent; returns the last result. An interrupt while waiting ends it with
   * {@link HttpFailure.Kind#INTERRUPTED_WAITING} (the interrupt is kept).
   *
   * @param what the request the attempts are about: its idempotency decides, its method, path and
   *     host name it in the log
   */
  public <T> Attempt.Result<T> retrying(RetryRule rule, Request what, Attempt<T> attempt) {
    Duration waited = Duration.ZERO;
    for (int n = 1; ; n++) {
      Attempt.Result<T> result = attempt.run(n);
      Optional<Duration> retryAfter;
      String why;
      if (result instanceof Attempt.Answered<T> answered) {
        Answer answer = answered.answer();
        if (!rule.retries(answer.status(), what.idempotent())) {
          return result;
        }
        retryAfter = answer.retryAfter();
        why = "HTTP " + answer.status() + where(what);
      } else if (result instanceof Attempt.Failed<T> failed) {
        HttpFailure failure = failed.failure();
        if (!rule.retries(failure.kind(), what.idempotent())) {
          return result;
        }
        retryAfter = Optional.empty();
        why =
            failure.getMessage()
                + where(what)
                + " ("
                + failure.original().getClass().getSimpleName()
                + ")";
      } else if (result instanceof Attempt.Transient<T> passing) {
        retryAfter = passing.retryAfter();
        why = Causes.describe(passing.error());
      } else {
        return result;
      }
      if (Thread.currentThread().isInterrupted()) {
        return result;
      }
      Optional<Duration> wait = rule.nextWait(n, waited, retryAfter);
      if (wait.isEmpty()) {
        return result;
      }
      log(rule, what, why, n, wait.get());
      try {
        sleeper.sleep(wait.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Attempt.Failed<>(
            new HttpFailure(
                HttpFailure.Kind.INTERRUPTED_WAITING, "interrupted while waiting to retry", n, e));
      }
      waited = waited.plus(wait.get());
    }
  }

  /**
   * One attempt, not repeated: through the gate, on the wire, the whole answer read.
   *
   * @param attempt its number, for {@link Answer#attempts()} and {@link HttpFailure#attempts()}
   */
  public Answer once(Request request, int attempt) throws HttpFailure {
    Gate.Permit permit;
    try {
      permit = gate.enter(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpFailure(HttpFailure.Kind.INTERRUPTED, "interrupted", attempt, e);
    }
    try {
      HttpResponse<String> response;
      try {
        // send, not sendAsync: the JDK's sendAsync hands every answer on to the common fork-join
        // pool, which on a machine of one or two processors starts a new thread for each answer.
        // The deadline is kept by the request timeout (until the status and headers) and by the
        // body (until its last byte).
        response =
            client.send(
                build(request),
                new BoundedBody(
                    transport.maxBodyBytes(), System.nanoTime() + transport.deadline().toNanos()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HttpFailure(HttpFailure.Kind.INTERRUPTED, "interrupted", attempt, e);
      } catch (IOException e) {
        throw failure(e, attempt);
      }
      return new Answer(
          response.statusCode(),
          response.headers().map(),
          response.body(),
          response
              .headers()
              .firstValue("Retry-After")
              .flatMap(value -> RetryAfter.parse(value, clock.instant())),
          attempt);
    } finally {
      permit.close();
    }
  }

  /**
   * Sends a request and returns the answer {@code success} accepts, trying again what {@code rule}
   * allows.
   *
   * @throws RemoteException on any other answer or when none came, in one line naming this system
   *     and the host and never a secret
   */
  public Response send(Request request, Predicate<Response> success, RetryRule rule) {
    Redactor redactor = redactorFor(request);
    Attempt.Result<Response> result =
        retrying(
            rule,
            request,
            attempt -> {
              Answer answer;
              try {
                answer = once(request, attempt);
              } catch (HttpFailure e) {
                return new Attempt.Failed<>(e);
              }
              Response response = new Response(answer.status(), answer.body());
              return success.test(response)
                  ? new Attempt.Done<>(response)
                  : new Attempt.Answered<>(answer);
            });
    if (result instanceof Attempt.Done<Response> done) {
      return done.value();
    }
    if (result instanceof Attempt.Answered<Response> answered) {
      throw failure(request, answered.answer(), redactor);
    }
    if (result instanceof Attempt.Failed<Response> failed) {
      throw unavailable(request, failed.failure(), redactor);
    }
    throw new IllegalStateException("a send ends in an answer or a failure");
  }

  /** A one-line failure of this system, e.g. for an answer that could not be understood. */
  public RemoteException error(RemoteException.Kind kind, String message) {
    return new RemoteException(kind, system, redactor.line(system + ": " + message, MESSAGE));
  }

  /** The one-line failure {@link #send} makes of an answer it does not accept. */
  public RemoteException failure(Request request, Answer answer) {
    return failure(request, answer, redactorFor(request));
  }

  /** The one-line failure {@link #send} makes when no usable answer came. */
  public RemoteException unavailable(Request request, HttpFailure failure) {
    return unavailable(request, failure, redactorFor(request));
  }

  /** HTTP status to kind, as {@link #send} reports it. */
  public static RemoteException.Kind kindOf(int status) {
    if (status == 401) {
      return RemoteException.Kind.UNAUTHORIZED;
    } else if (status == 403) {
      return RemoteException.Kind.FORBIDDEN;
    } else if (status == 404) {
      return RemoteException.Kind.NOT_FOUND;
    } else if (status == 409) {
      return RemoteException.Kind.CONFLICT;
    } else if (status == 429) {
      return RemoteException.Kind.THROTTLED;
    } else if (status >= 500) {
      return RemoteException.Kind.UNAVAILABLE;
    } else if (status >= 400) {
      return RemoteException.Kind.BAD_REQUEST;
    }
    return RemoteException.Kind.BAD_RESPONSE;
  }

  /** {@code 15 s}, or {@code 1500 ms} when not whole seconds. */
  public static String human(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }

  private HttpRequest build(Request request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            // The status and headers must come within the request timeout and the deadline.
            .timeout(
                transport.deadline().compareTo(transport.requestTimeout()) < 0
                    ? transport.deadline()
                    : transport.requestTimeout())
            .header("User-Agent", "kb4sync")
            .method(
                request.method(),
                request.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
    if (transport.http1Only() || "http".equalsIgnoreCase(request.uri().getScheme())) {
      // Loopback simulators speak HTTP/1.1: no h2c upgrade attempts.
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    request
        .headers()
        .forEach(
            (name, value) -> {
              if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                builder.setHeader(name, value);
              }
            });
    return builder.build();
  }

  private HttpFailure failure(Throwable thrown, int attempt) {
    Throwable cause = thrown;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause.getClass() == IOException.class && cause.getCause() instanceof RuntimeException bug) {
      throw bug; // the JDK's send wraps what is not an IOException in one
    }
    if (cause.getClass() == IOException.class && cause.getCause() instanceof Error error) {
      throw error;
    }
    for (Throwable c = cause; c != null; c = c.getCause()) {
      if (c instanceof BoundedBody.TooLarge tooLarge) {
        return new HttpFailure(
            HttpFailure.Kind.TOO_LARGE,
            "answer larger than " + transport.maxBodyBytes() + " bytes",
            attempt,
            tooLarge);
      }
      if (c instanceof BoundedBody.DeadlinePassed) {
        return deadlinePassed(attempt);
      }
    }
    if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
      return new HttpFailure(HttpFailure.Kind.CONNECT, "could not connect", attempt, cause);
    }
    if (cause instanceof HttpTimeoutException) {
      if (transport.deadline().compareTo(transport.requestTimeout()) <= 0) {
        return deadlinePassed(attempt);
      }
      return new HttpFailure(
          HttpFailure.Kind.TIMEOUT,
          "no answer within " + human(transport.requestTimeout()),
          attempt,
          cause);
    }
    if (cause instanceof IOException) {
      return new HttpFailure(HttpFailure.Kind.BROKEN, "connection failed", attempt, cause);
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new HttpFailure(HttpFailure.Kind.BROKEN, "connection failed", attempt, cause);
  }

  private HttpFailure deadlinePassed(int attempt) {
    return new HttpFailure(
        HttpFailure.Kind.DEADLINE,
        "no complete answer within " + human(transport.deadline()),
        attempt,
        new HttpTimeoutException("deadline of " + human(transport.deadline()) + " passed"));
  }

  private Redactor redactorFor(Request request) {
    return request.secrets().isEmpty() ? redactor : redactor.plus(request.secrets());
  }

  /** {@code from host} or {@code for GET /path at host}. */
  private String where(Request request) {
    URI uri = request.uri();
    return naming == Naming.HOST
        ? " from " + Urls.hostOf(uri)
        : " for " + request.method() + " " + uri.getRawPath() + " at " + Urls.hostOf(uri);
  }

  private void log(RetryRule rule, Request request, String why, int attempt, Duration wait) {
    Level level = rule.warns(wait) ? Level.WARN : Level.INFO;
    if (LOG.isEnabledForLevel(level)) {
      String line =
          system
              + ": "
              + why
              + "; retry "
              + attempt
              + " of "
              + (rule.maxAttempts() - 1)
              + " in "
              + wait.toMillis()
              + " ms";
      LOG.atLevel(level).log(redactorFor(request).line(line, MESSAGE));
    }
  }

  private RemoteException failure(Request request, Answer answer, Redactor redactor) {
    String snippet = redactor.line(answer.body(), SNIPPET);
    String message =
        system
            + ": HTTP "
            + answer.status()
            + where(request)
            + (answer.attempts() > 1 ? " after " + answer.attempts() + " attempts" : "")
            + (snippet.isEmpty() ? "" : ": " + snippet);
    return new RemoteException(
        kindOf(answer.status()),
        system,
        redactor.line(message, MESSAGE),
        answer.retryAfter().orElse(null),
        null);
  }

  private RemoteException unavailable(Request request, HttpFailure failure, Redactor redactor) {
    String message =
        system
            + ": "
            + failure.getMessage()
            + " to "
            + Urls.hostOf(request.uri())
            + (failure.attempts() > 1 && !failure.interrupted()
                ? " after " + failure.attempts() + " attempts"
                : "")
            + " ("
            + failure.original().getClass().getSimpleName()
            + ")";
    // The cause is not attached: its message is not ours to vouch for (it could name the URL).
    return new RemoteException(
        failure.kind() == HttpFailure.Kind.TOO_LARGE
            ? RemoteException.Kind.BAD_RESPONSE
            : RemoteException.Kind.UNAVAILABLE,
        system,
        redactor.line(message, MESSAGE));
  }

  /**
   * Builds a {@link RetryingSender}. Defaults: 10 s to connect, 60 s per request ({@link
   * Transport#of}), real sleeping, no secrets, {@link Naming#METHOD_AND_PATH}, no gate, the UTC
   * system clock (for {@code Retry-After} dates).
   */
  public static final class Builder {
    private final String system;
    private Transport transport = Transport.of(Duration.ofSeconds(10), Duration.ofSeconds(60));
    private Sleeper sleeper = Sleeper.REAL;
    private Redactor redactor = new Redactor(List.of());
    private Naming naming = Naming.METHOD_AND_PATH;
    private Gate gate = Gate.OPEN;
    private Clock clock = Clock.systemUTC();

    private Builder(String system) {
      this.system = system;
    }

    public Builder transport(Transport value) {
      this.transport = value;
      return this;
    }

    public Builder sleeper(Sleeper value) {
      this.sleeper = value;
      return this;
    }

    public Builder redactor(Redactor value) {
      this.redactor = value;
      return this;
    }

    public Builder naming(Naming value) {
      this.naming = value;
      return this;
    }

    public Builder gate(Gate value) {
      this.gate = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public RetryingSender build() {
      return new RetryingSender(this);
    }
  }
}
