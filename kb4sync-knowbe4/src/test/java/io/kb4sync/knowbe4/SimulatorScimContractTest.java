package io.kb4sync.knowbe4;

import io.kb4sync.simulators.knowbe4.KnowBe4Simulator;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;

/** The SCIM contract against our KnowBe4 simulator. */
class SimulatorScimContractTest extends ScimContract {
  private final KnowBe4Simulator simulator = KnowBe4Simulator.start().scimPageCap(25);

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Override
  protected URI scimUrl() {
    return simulator.scimUrl();
  }

  @Override
  protected String token() {
    return simulator.scimToken();
  }

  @Override
  protected int pageCap() {
    return 25;
  }
}
