package io.kb4sync.psa;

import io.kb4sync.core.notify.TicketMemory;
import io.kb4sync.core.onboard.PsaDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The configured PSA as a {@link PsaDirectory} for {@code kb4sync companies discover}: its company
 * listing only, through the same settings, sign-in and HTTP limits as its tickets. Nothing is
 * written to the PSA.
 */
public final class PsaDirectories {
  private PsaDirectories() {}

  /**
   * The PSA of {@code psa.type}, or empty when none is configured.
   *
   * @param deadline the configuration's {@code http_deadline}
   * @throws IllegalArgumentException when the settings are invalid (one line naming the key)
   */
  public static Optional<PsaDirectory> create(PsaSettings settings, Duration deadline) {
    return TicketingFactory.create(settings, Forgetful.INSTANCE, Clock.systemUTC(), deadline)
        .map(ticketing -> (PsaDirectory) ticketing);
  }

  /** Listing companies opens no ticket, so there is nothing to remember. */
  private enum Forgetful implements TicketMemory {
    INSTANCE;

    @Override
    public Optional<String> openTicket(String companyId, String kind) {
      return Optional.empty();
    }

    @Override
    public void rememberTicket(String companyId, String kind, String system, String ticketId) {}

    @Override
    public void forgetTicket(String companyId, String kind) {}
  }
}
