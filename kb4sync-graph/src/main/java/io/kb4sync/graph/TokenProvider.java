package io.kb4sync.graph;

import io.kb4sync.http.AccessToken;

/**
 * Gets app-only tokens for Microsoft Graph for one tenant (OAuth 2.0 client credentials against
 * {@code {login}/{tenant}/oauth2/v2.0/token}).
 */
@FunctionalInterface
public interface TokenProvider {

  /**
   * A token valid for a while yet.
   *
   * @throws io.kb4sync.core.remote.RemoteException UNAUTHORIZED with a one-line message naming the
   *     tenant and the AADSTS code when sign-in is refused; UNAVAILABLE or THROTTLED when the
   *     endpoint could not answer
   */
  AccessToken token();
}
