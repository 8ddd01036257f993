package io.kb4sync.core.onboard;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A company of the MSP's PSA: its id (the configuration's {@code company_id}), name, whether the
 * PSA calls it active, and the internet domains it gives for it (from a website or a domain field;
 * empty when the PSA has none).
 */
public record PsaCompany(String id, String name, boolean active, List<String> domains) {
  public PsaCompany {
    Objects.requireNonNull(id, "id");
    name = name == null ? "" : name;
    domains =
        domains == null
            ? List.of()
            : domains.stream()
                .map(PsaCompany::domainOf)
                .filter(d -> !d.isEmpty())
                .distinct()
                .toList();
  }

  /**
   * The host of a website as PSAs hold it ({@code https://www.acme.example/}, {@code
   * www.acme.example}, {@code acme.example}), lower case, without {@code www.}; empty when none.
   */
  public static String domainOf(String website) {
    if (website == null) {
      return "";
    }
    String host = website.trim().toLowerCase(Locale.ROOT);
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    int end = host.length();
    for (char stop : new char[] {'/', '?', '#', ':'}) {
      int at = host.indexOf(stop);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    host = host.substring(0, end);
    int userInfo = host.lastIndexOf('@');
    if (userInfo >= 0) {
      host = host.substring(userInfo + 1);
    }
    if (host.startsWith("www.")) {
      host = host.substring(4);
    }
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return host.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")
        ? host
        : "";
  }
}
