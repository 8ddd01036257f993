package io.kb4sync.simulators.graph;

import java.util.Objects;

/**
 * A subscribed SKU of a simulated tenant, as {@code GET /v1.0/subscribedSkus} lists it.
 *
 * @param capabilityStatus {@code Enabled}, {@code Suspended}, {@code Warning}, ...
 */
public record GraphSku(
    String skuPartNumber,
    String skuId,
    String capabilityStatus,
    int prepaidUnits,
    int consumedUnits) {

  public GraphSku {
    Objects.requireNonNull(skuPartNumber, "skuPartNumber");
    Objects.requireNonNull(skuId, "skuId");
    Objects.requireNonNull(capabilityStatus, "capabilityStatus");
  }

  public static GraphSku enabled(String skuPartNumber, String skuId) {
    return new GraphSku(skuPartNumber, skuId, "Enabled", 25, 0);
  }

  public static GraphSku suspended(String skuPartNumber, String skuId) {
    return new GraphSku(skuPartNumber, skuId, "Suspended", 25, 0);
  }
}
