package io.kb4sync.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Query strings of the pages' links. */
public final class Links {
  private Links() {}

  /** {@code a=1&b=2} from name, value pairs; empty values left out. */
  public static String query(String... pairs) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      String value = pairs[i + 1];
      if (value == null || value.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(pairs[i]).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  public static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
