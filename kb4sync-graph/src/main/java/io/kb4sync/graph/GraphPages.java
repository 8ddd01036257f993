package io.kb4sync.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Walks a Graph collection page by page, following {@code @odata.nextLink} verbatim until it is
 * absent. Every page must parse and carry a {@code value} array, or the whole walk fails: callers
 * never see part of a collection as if it were all of it. A chain longer than {@code maxPages}, or
 * one that comes back to a page already read, fails it too: an endless chain ends the read.
 */
final class GraphPages {
  private final String tenant;
  private final GraphReader reader;
  private final URI base;
  private final int maxPages;

  GraphPages(String tenant, GraphReader reader, URI base, int maxPages) {
    this.tenant = tenant;
    this.reader = reader;
    this.base = base;
    this.maxPages = maxPages;
  }

  /**
   * Hands each item, with the URL of its page, to {@code item}.
   *
   * @return the number of pages read
   */
  int forEach(URI first, String permission, BiConsumer<JsonNode, URI> item) {
    Set<URI> seen = new HashSet<>();
    int pages = 0;
    for (URI url = first; url != null; ) {
      if (!seen.add(url)) {
        throw GraphErrors.badResponse(
            tenant, url, "an @odata.nextLink that repeats an earlier page");
      }
      if (pages == maxPages) {
        throw GraphErrors.badResponse(
            tenant,
            first,
            "an @odata.nextLink chain longer than "
                + maxPages
                + " pages; no tenant has that many users, so the listing is taken as endless");
      }
      JsonNode page = reader.get(url, permission);
      pages++;
      JsonNode value = page.get("value");
      if (value == null || !value.isArray()) {
        throw GraphErrors.badResponse(tenant, url, "no value array");
      }
      for (JsonNode node : value) {
        item.accept(node, url);
      }
      url = nextLink(page, url);
    }
    return pages;
  }

  /**
   * The next page's URL, or null on the last page. It must point back at the Graph host we were
   * configured with: the bearer token goes wherever the link says.
   */
  private URI nextLink(JsonNode page, URI current) {
    JsonNode next = page.get("@odata.nextLink");
    if (next == null || next.isNull()) {
      return null;
    }
    URI url;
    try {
      url = next.isTextual() ? new URI(next.asText()) : null;
    } catch (URISyntaxException e) {
      url = null;
    }
    if (url == null || !url.isAbsolute()) {
      throw GraphErrors.badResponse(
          tenant, current, "an @odata.nextLink that is not an absolute URL");
    }
    if (!sameOrigin(url, base)) {
      throw GraphErrors.badResponse(
          tenant,
          current,
          "an @odata.nextLink to another host ("
              + url.getScheme()
              + "://"
              + url.getAuthority()
              + "); the token is not sent there");
    }
    return url;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI url) {
    if (url.getPort() != -1) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }
}
