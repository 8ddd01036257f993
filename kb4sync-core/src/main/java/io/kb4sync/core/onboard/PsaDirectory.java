package io.kb4sync.core.onboard;

import java.util.List;

/** The MSP's PSA as a list of companies with their domains; read only. */
public interface PsaDirectory {
  /**
   * The PSA's active companies, all pages.
   *
   * @throws io.kb4sync.core.remote.RemoteException when the read fails (nothing partial)
   */
  List<PsaCompany> companies();
}
