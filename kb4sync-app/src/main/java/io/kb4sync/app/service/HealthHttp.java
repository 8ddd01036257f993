package io.kb4sync.app.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kb4sync.server.Book;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The smallest HTTP face: {@code /healthz} and {@code /readyz} on the JDK's server. Stands in for
 * the API server until it is wired; same bind rules and the same readiness answer.
 */
public final class HealthHttp implements ServiceHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Book book;
  private HttpServer server;

  public HealthHttp(Book book) {
    this.book = book;
  }

  @Override
  public int start(String bind, int port) {
    try {
      server = HttpServer.create(new InetSocketAddress(bind, port), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/healthz", exchange -> answer(exchange, 200, Map.of("status", "ok")));
    server.createContext(
        "/readyz",
        exchange -> {
          Book.Readiness readiness = book.readiness();
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("ready", readiness.ready());
          body.put("problems", readiness.problems());
          body.put("nodes_with_other_configuration", readiness.nodesWithOtherConfiguration());
          answer(exchange, readiness.ready() ? 200 : 503, body);
        });
    server.start();
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
