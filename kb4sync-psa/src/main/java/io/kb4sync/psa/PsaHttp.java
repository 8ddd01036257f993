package io.kb4sync.psa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.http.HttpOptions;
import io.kb4sync.http.Redactor;
import io.kb4sync.http.Request;
import io.kb4sync.http.RetryRule;
import io.kb4sync.http.RetryingSender;
import io.kb4sync.http.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is a PSA's own on the way to kb4sync-http's {@link RetryingSender}: its retry rule and the
 * reading of its JSON answers. Throttling (429, and Autotask's 409 "entity locked") is retried for
 * every request, and so is 503 (not handled); other 5xx and timeouts only for reads (idempotent
 * requests), since a create that failed with 500 may have happened. Every failure is a {@link
 * RemoteException} whose one-line message names the PSA, the method, the path and the host, never a
 * key, secret or token.
 */
final class PsaHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RetryingSender sender;
  private final RetryRule retry;

  /**
   * @param retryConflicts retry 409 like 429 (Autotask answers 409 while an entity is locked)
   */
  PsaHttp(
      String system,
      HttpOptions options,
      Sleeper sleeper,
      boolean retryConflicts,
      List<String> secrets) {
    this.sender =
        new RetryingSender(
            system, options, sleeper, new Redactor(secrets), RetryingSender.Naming.METHOD_AND_PATH);
    this.retry =
        options.rule(
            status -> throttled(status, retryConflicts) || status >= 500,
            status -> throttled(status, retryConflicts) || status == 503,
            true);
  }

  private static boolean throttled(int status, boolean retryConflicts) {
    return status == 429 || (retryConflicts && status == 409);
  }

  /** Adds a secret learnt later (a bearer token) to what messages never show. */
  void addSecret(String secret) {
    sender.addSecret(secret);
  }

  /**
   * Sends a request and returns the answer when it is 2xx or one of {@code alsoAccept}.
   *
   * @param read true when the request changes nothing (GET, or a query sent as POST): 5xx and
   *     timeouts are then retried
   * @param body null for none
   */
  RetryingSender.Response send(
      String method,
      URI uri,
      Map<String, String> headers,
      String body,
      boolean read,
      Set<Integer> alsoAccept) {
    return send(Request.of(method, uri).headers(headers).body(body).idempotent(read), alsoAccept);
  }

  /** As above, for a request built elsewhere (an OAuth token request). */
  RetryingSender.Response send(Request request, Set<Integer> alsoAccept) {
    return sender.send(request, r -> r.ok() || alsoAccept.contains(r.status()), retry);
  }

  /** A one-line failure of this PSA, e.g. for an answer that could not be understood. */
  RemoteException error(RemoteException.Kind kind, String message) {
    return sender.error(kind, message);
  }

  /** An answer's body as JSON; else a BAD_RESPONSE failure of this PSA. */
  JsonNode json(String body) {
    try {
      JsonNode node = JSON.readTree(body == null ? "" : body);
      if (node == null || node.isMissingNode()) {
        throw new IOException("empty");
      }
      return node;
    } catch (IOException e) {
      throw error(RemoteException.Kind.BAD_RESPONSE, "the answer is not JSON");
    }
  }
}
