package io.kb4sync.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.core.remote.Causes;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.remote.RemoteException.Kind;
import io.kb4sync.http.HttpFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where the answers of Microsoft Graph and of the Entra ID token endpoint become
 * {@link RemoteException}s. Every message is one line for a technician: it names the tenant and the
 * endpoint and quotes Microsoft's own error code and text. Tokens and secrets never appear: no
 * caller passes them in, and the bodies quoted are Microsoft's error bodies, which carry none.
 */
final class GraphErrors {
  static final String GRAPH = "Microsoft Graph";
  static final String SIGN_IN = "Microsoft Entra ID";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern AADSTS = Pattern.compile("AADSTS(\\d+)");
  private static final int MAX_QUOTE = 300;

  private GraphErrors() {}

  /** HTTP status to kind; the engine never looks at the number. */
  static Kind kindOf(int status) {
    return switch (status) {
      case 400, 405, 406, 411, 412, 413, 414, 415, 422 -> Kind.BAD_REQUEST;
      // Graph answers 501 for a $select or query option it does not implement: our request's fault.
      case 501 -> Kind.BAD_REQUEST;
      case 401 -> Kind.UNAUTHORIZED;
      case 403 -> Kind.FORBIDDEN;
      case 404, 410 -> Kind.NOT_FOUND;
      case 409 -> Kind.CONFLICT;
      case 429 -> Kind.THROTTLED;
      default -> status >= 500 ? Kind.UNAVAILABLE : Kind.BAD_RESPONSE;
    };
  }

  /**
   * A Graph request answered with a non-2xx status (after any retries).
   *
   * @param permission the application permission that the request needs, named on 403
   */
  static RemoteException graphFailure(
      String tenant,
      String method,
      URI url,
      String permission,
      int status,
      String body,
      Optional<Duration> retryAfter) {
    Kind kind = kindOf(status);
    GraphError error = GraphError.parse(body);
    StringBuilder message =
        new StringBuilder(GRAPH)
            .append(" answered ")
            .append(status)
            .append(error.code() == null ? "" : " " + error.code())
            .append(" to ")
            .append(method)
            .append(' ')
            .append(url)
            .append(" for tenant ")
            .append(tenant);
    if (error.message() != null) {
      message.append(": ").append(quote(error.message()));
    }
    switch (kind) {
      case FORBIDDEN ->
          message
              .append(" - grant the application permission ")
              .append(permission)
              .append(" to the app and have an administrator of the tenant consent to it");
      case UNAUTHORIZED ->
          message.append(" - the token was refused; check the tenant id and the app's consent");
      default -> {}
    }
    if (GraphOptions.RETRY.status().test(status)) {
      message.append(" - gave up after retries");
    }
    return new RemoteException(kind, GRAPH, message.toString(), retryAfter.orElse(null), null);
  }

  /**
   * The token endpoint refused (or could not serve) a client-credentials request.
   *
   * @param body the AADSTS error JSON ({@code error}, {@code error_description}, {@code
   *     error_codes}, ...), or anything else
   */
  static RemoteException signInFailure(String tenant, int status, String body) {
    String description = null;
    String error = null;
    String firstCode = null;
    try {
      JsonNode node = JSON.readTree(body == null ? "" : body);
      if (node != null && node.isObject()) {
        description = text(node.get("error_description"));
        error = text(node.get("error"));
        JsonNode codes = node.get("error_codes");
        if (codes != null && codes.isArray() && !codes.isEmpty()) {
          firstCode = codes.get(0).asText();
        }
      }
    } catch (IOException notJson) {
      // Not the AADSTS shape (a proxy's HTML page, say): the status alone must do.
    }
    return signInFailure(tenant, status, description, error, firstCode);
  }

  /**
   * The same, from parts already parsed (msal4j hands over description and error separately).
   *
   * @param status the HTTP status, or 0 when unknown
   */
  static RemoteException signInFailure(
      String tenant, int status, String description, String error, String firstCode) {
    String code = null;
    String text = null;
    if (description != null) {
      // error_description is "AADSTS7000215: Invalid client secret ...\r\nTrace ID: ...": the
      // first line holds what a technician needs; ids and timestamps follow on later lines.
      String firstLine = description.strip().split("\\R", 2)[0];
      Matcher matcher = AADSTS.matcher(firstLine);
      if (matcher.lookingAt()) {
        code = matcher.group();
        text = firstLine.substring(matcher.end()).replaceFirst("^\\s*:\\s*", "");
      } else {
        text = firstLine;
      }
    }
    if (code == null && firstCode != null && firstCode.matches("\\d+")) {
      code = "AADSTS" + firstCode;
    }
    StringBuilder message =
        new StringBuilder("Microsoft 365 sign-in failed for tenant ").append(tenant).append(": ");
    if (code != null) {
      message.append(code);
    } else if (error != null) {
      message.append(error);
    } else {
      message.append("HTTP ").append(status);
    }
    if (text != null && !text.isBlank()) {
      message.append(' ').append(quote(text));
    }
    Kind kind = status == 429 || status >= 500 ? kindOf(status) : RemoteException.Kind.UNAUTHORIZED;
    return new SignInRefused(kind, SIGN_IN, message.toString(), code);
  }

  /**
   * No usable answer even after retries: interrupted, an answer over the size cap or one that did
   * not end within the deadline (a bad response), else {@link #unreachable}.
   */
  static RemoteException failure(
      String system, String tenant, String method, URI url, HttpFailure failure) {
    if (failure.interrupted()) {
      return interrupted(system, tenant);
    }
    if (failure.kind() == HttpFailure.Kind.DEADLINE) {
      return new RemoteException(
          Kind.BAD_RESPONSE,
          system,
          system
              + " did not finish its answer to "
              + method
              + " "
              + url
              + " for tenant "
              + tenant
              + ": "
              + failure.getMessage());
    }
    if (failure.kind() == HttpFailure.Kind.TOO_LARGE) {
      return new RemoteException(
          Kind.BAD_RESPONSE,
          system,
          system
              + " answered "
              + method
              + " "
              + url
              + " for tenant "
              + tenant
              + " with "
              + failure.getMessage());
    }
    return unreachable(
        system,
        tenant,
        method,
        url,
        failure.getCause() instanceof IOException cause ? cause : failure);
  }

  /** Connection refused, reset, timed out: nothing came back even after retries. */
  static RemoteException unreachable(
      String system, String tenant, String method, URI url, IOException cause) {
    String why =
        cause instanceof HttpTimeoutException
            ? "timed out"
            : cause.getMessage() == null || cause.getMessage().isBlank()
                ? quote(Causes.describe(cause))
                : cause.getClass().getSimpleName() + " " + quote(cause.getMessage());
    return new RemoteException(
        Kind.UNAVAILABLE,
        system,
        system
            + " could not be reached for tenant "
            + tenant
            + " ("
            + method
            + " "
            + url
            + "): "
            + why
            + " - gave up after retries",
        null,
        cause);
  }

  /** An answer that is not what Graph documents: malformed JSON or a required field missing. */
  static RemoteException badResponse(String tenant, URI url, String problem) {
    return new RemoteException(
        Kind.BAD_RESPONSE,
        GRAPH,
        GRAPH + " answered GET " + url + " for tenant " + tenant + " with " + quote(problem));
  }

  /** The thread was interrupted while waiting: stop reading, and say so. */
  static RemoteException interrupted(String system, String tenant) {
    return new RemoteException(
        Kind.UNAVAILABLE,
        system,
        "Reading " + system + " for tenant " + tenant + " was interrupted");
  }

  /** One line, bounded: remote text is quoted, never trusted to be short or single-line. */
  static String quote(String text) {
    String line = text.replaceAll("[\\r\\n\\t]+", " ").replaceAll(" {2,}", " ").strip();
    return line.length() <= MAX_QUOTE ? line : line.substring(0, MAX_QUOTE) + "...";
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  /** Graph's error body: {@code {"error":{"code","message","innerError":{...}}}}. */
  private record GraphError(String code, String message) {
    static GraphError parse(String body) {
      try {
        JsonNode error = JSON.readTree(body == null ? "" : body);
        error = error == null ? null : error.get("error");
        if (error != null && error.isObject()) {
          return new GraphError(text(error.get("code")), text(error.get("message")));
        }
      } catch (IOException notJson) {
        // Gateways sometimes answer with HTML; the status line is then all there is.
      }
      return new GraphError(null, null);
    }
  }
}
