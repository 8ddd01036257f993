package io.kb4sync.graph;

import java.net.URI;

/**
 * What the Graph clients ask of an endpoint URL that {@link io.kb4sync.http.Urls} has already
 * checked.
 */
final class EndpointUrls {
  private EndpointUrls() {}

  /** Plain http: a loopback simulator, signed into with a form POST instead of msal4j. */
  static boolean isHttp(URI url) {
    return "http".equalsIgnoreCase(url.getScheme());
  }
}
