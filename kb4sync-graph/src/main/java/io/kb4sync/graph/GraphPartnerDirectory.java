package io.kb4sync.graph;

import io.kb4sync.core.onboard.PartnerCustomer;
import io.kb4sync.core.onboard.PartnerDirectory;
import java.util.List;

/**
 * The MSP's own tenant (the configuration's top-level {@code partner:} section) as a {@link
 * PartnerDirectory}: its GDAP customers through the same sign-in, token cache, retry rule and
 * paging as every Graph read.
 */
public final class GraphPartnerDirectory implements PartnerDirectory {
  private final GraphDirectorySource partner;

  public GraphPartnerDirectory(GraphSettings partner) {
    this(partner, GraphOptions.defaults());
  }

  public GraphPartnerDirectory(GraphSettings partner, GraphOptions options) {
    this.partner = new GraphDirectorySource(partner, options, null);
  }

  @Override
  public List<PartnerCustomer> customers() {
    return partner.partnerCustomers();
  }
}
