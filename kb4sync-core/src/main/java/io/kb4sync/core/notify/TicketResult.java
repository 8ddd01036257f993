package io.kb4sync.core.notify;

/**
 * What the PSA did.
 *
 * @param created true when a ticket was opened; false when a note was added to an open one
 */
public record TicketResult(String system, String ticketId, boolean created) {}
