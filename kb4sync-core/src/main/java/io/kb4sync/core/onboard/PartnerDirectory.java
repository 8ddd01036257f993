package io.kb4sync.core.onboard;

import java.util.List;

/** The MSP's customer tenants as Microsoft lists them (GDAP); read only. */
public interface PartnerDirectory {
  /**
   * Every customer, all pages.
   *
   * @throws io.kb4sync.core.remote.RemoteException when the read fails (nothing partial is
   *     returned)
   */
  List<PartnerCustomer> customers();
}
