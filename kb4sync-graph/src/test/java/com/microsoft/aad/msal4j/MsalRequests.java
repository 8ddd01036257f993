package com.microsoft.aad.msal4j;

import java.util.Map;

/** msal4j's requests as msal4j makes them (its constructors are package-private), for tests. */
public final class MsalRequests {
  private MsalRequests() {}

  public static HttpRequest post(String url, Map<String, String> headers, String body) {
    return new HttpRequest(HttpMethod.POST, url, headers, body);
  }

  public static HttpRequest get(String url) {
    return new HttpRequest(HttpMethod.GET, url);
  }
}
