package io.kb4sync.core.notify;

/**
 * A PSA (ConnectWise Manage, Autotask, HaloPSA). Opens a ticket, or adds a note to the open kb4sync
 * ticket of the same company and kind instead of opening another. Failures throw {@link
 * io.kb4sync.core.remote.RemoteException}; they never fail a sync.
 */
public interface Ticketing {
  String name();

  TicketResult raise(TicketRequest request);
}
