package io.kb4sync.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server (the JDK's own) that gives its n-th request the n-th answer, repeating the
 * last one, and records what it was sent.
 */
final class TestServer implements AutoCloseable {

  /** One answer, sent after {@code delay}; status -1 closes the connection without answering. */
  record Answer(int status, String body, Map<String, String> headers, Duration delay) {
    static Answer of(int status, String body) {
      return new Answer(status, body, Map.of(), Duration.ZERO);
    }

    /** The connection is closed without an answer. */
    static Answer dropped() {
      return new Answer(-1, "", Map.of(), Duration.ZERO);
    }

    Answer withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Answer(status, body, more, delay);
    }

    Answer after(Duration wait) {
      return new Answer(status, body, headers, wait);
    }
  }

  /** What a request carried. */
  record Received(String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return String.join(",", e.getValue());
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Answer> answers;
  private final List<Received> received = new ArrayList<>();

  private TestServer(List<Answer> answers) throws IOException {
    this.answers = List.copyOf(answers);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static TestServer answering(Answer... answers) {
    try {
      return new TestServer(List.of(answers));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A loopback URL on which nothing listens (the port of a server that has stopped). */
  static URI closedPort(String path) {
    try (TestServer server = answering(Answer.of(200, ""))) {
      return server.uri(path);
    }
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Answer answer;
    synchronized (this) {
      received.add(
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              Map.copyOf(exchange.getRequestHeaders()),
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      answer = answers.get(Math.min(received.size() - 1, answers.size() - 1));
    }
    try {
      Thread.sleep(answer.delay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
      return;
    }
    if (answer.status() < 0) {
      exchange.close();
      return;
    }
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
