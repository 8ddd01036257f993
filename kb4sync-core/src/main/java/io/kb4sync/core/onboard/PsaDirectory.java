package io.kb4sync.core.onboard;

import java.util.List;

/** The MSP's PSA as a list of companies with their domains; read only. */
public interface PsaDirectory {
  /**
   * The PSA's companies, all pages: inactive ones marked ({@link PsaCompany#active()}) when the PSA
   * lists them (Autotask is asked for the active ones only).
   *
   * @throws io.kb4sync.core.remote.RemoteException when the read fails (nothing partial)
   */
  List<PsaCompany> companies();
}
