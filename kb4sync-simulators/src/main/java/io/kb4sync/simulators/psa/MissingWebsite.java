package io.kb4sync.simulators.psa;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a PSA simulator writes a company that has no website. None of the three PSAs' API references
 * was read for kb4sync (docs/api psa-and-notifications.md): the domain fields ({@code webAddress},
 * {@code website}) are as third parties show them, so each simulator offers every shape a client
 * may meet for "no website", and the clients are tested against each.
 */
public enum MissingWebsite {
  /** {@code "website": null}. */
  NULL,
  /** The key is left out. */
  ABSENT,
  /** {@code "website": ""}. */
  EMPTY;

  /** Puts {@code field} on {@code company}: the website, or this variant of none. */
  void put(ObjectNode company, String field, String website) {
    if (website != null) {
      company.put(field, website);
      return;
    }
    switch (this) {
      case NULL -> company.putNull(field);
      case EMPTY -> company.put(field, "");
      case ABSENT -> {}
    }
  }
}
