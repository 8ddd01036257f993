package io.kb4sync.app.signin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A small browser on real HTTP: keeps cookies by name (as the server sets and clears them), sends
 * its own origin with every POST unless told otherwise, and follows no redirect by itself.
 */
final class Browser {
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  final String base;
  final Map<String, String> cookies = new LinkedHashMap<>();

  Browser(String base) {
    this.base = base;
  }

  HttpResponse<String> get(String pathOrUrl, String... headers) {
    return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET(), headers);
  }

  HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    boolean originGiven = false;
    for (int i = 0; i < headers.length; i += 2) {
      originGiven |=
          headers[i].equalsIgnoreCase("Origin") || headers[i].equalsIgnoreCase("Referer");
    }
    if (!originGiven) {
      builder.header("Origin", base);
    }
    return send(builder, headers);
  }

  private URI uri(String pathOrUrl) {
    return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
  }

  private HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      if (headers[i + 1] != null) {
        builder.header(headers[i], headers[i + 1]);
      }
    }
    if (!cookies.isEmpty()) {
      builder.header(
          "Cookie",
          cookies.entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      for (String set : response.headers().allValues("Set-Cookie")) {
        String pair = set.split(";", 2)[0];
        String name = pair.substring(0, pair.indexOf('='));
        String value = pair.substring(pair.indexOf('=') + 1);
        if (value.isEmpty() || set.contains("Max-Age=0")) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The Set-Cookie header for this cookie in the answer, or null. */
  static String setCookie(HttpResponse<String> response, String name) {
    List<String> all = response.headers().allValues("Set-Cookie");
    return all.stream().filter(v -> v.startsWith(name + "=")).findFirst().orElse(null);
  }

  static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElse(null);
  }
}
