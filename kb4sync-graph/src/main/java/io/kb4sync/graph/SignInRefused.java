package io.kb4sync.graph;

import io.kb4sync.core.remote.RemoteException;
import java.util.Optional;
import java.util.Set;

/**
 * Microsoft Entra ID refused (or could not serve) a tenant's token request, with the AADSTS code it
 * gave. The codes change over time (Microsoft's error-code reference says so): only the few that
 * mean "the app is not consented in this tenant" are told apart, for {@code doctor}'s remedy.
 */
public final class SignInRefused extends RemoteException {
  private static final long serialVersionUID = 1L;

  /**
   * The app has no consent in the tenant: AADSTS65001 (consent not granted), AADSTS700016 (app not
   * found in the directory: never consented, or the wrong tenant), AADSTS7000229 (no service
   * principal in the tenant). The contract's list; Microsoft documents the codes, not this
   * grouping.
   */
  public static final Set<String> NOT_CONSENTED =
      Set.of("AADSTS65001", "AADSTS700016", "AADSTS7000229");

  private final String code;

  SignInRefused(Kind kind, String system, String message, String code) {
    super(kind, system, message);
    this.code = code;
  }

  /** The AADSTS code, e.g. {@code AADSTS65001}; empty when the answer had none. */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /** Whether the code says the app is not consented in the tenant. */
  public boolean notConsented() {
    return code != null && NOT_CONSENTED.contains(code);
  }
}
