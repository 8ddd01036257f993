package io.kb4sync.psa;

import com.fasterxml.jackson.databind.JsonNode;
import io.kb4sync.core.notify.TicketMemory;
import io.kb4sync.core.notify.TicketRequest;
import io.kb4sync.core.notify.TicketResult;
import io.kb4sync.core.notify.Ticketing;
import io.kb4sync.core.remote.RemoteException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The de-duplication every PSA shares (CIPP #5862: a recurring job must not open a new ticket while
 * one is open): the ticket remembered for (company, kind), when still open, gets a note; else an
 * open ticket found by the stable key gets a note (and is remembered); only then is a ticket
 * created.
 */
abstract class DedupingTicketing implements Ticketing {
  private static final Logger LOG = LoggerFactory.getLogger(DedupingTicketing.class);

  private final TicketMemory memory;

  DedupingTicketing(TicketMemory memory) {
    this.memory = Objects.requireNonNull(memory, "memory");
  }

  /** What this PSA knows about a ticket. */
  enum State {
    OPEN,
    CLOSED,
    MISSING
  }

  @Override
  public final TicketResult raise(TicketRequest request) {
    long company = companyNumber(request.companyId());
    Optional<String> remembered = memory.openTicket(request.companyId(), request.kind());
    if (remembered.isPresent()) {
      String id = remembered.get();
      State state = isNumeric(id) ? state(id) : State.MISSING;
      if (state == State.OPEN) {
        addNote(id, request);
        LOG.info(
            "{}: added a note to open ticket {} ({}, company {})",
            name(),
            id,
            request.kind(),
            request.companyId());
        return new TicketResult(name(), id, false);
      }
      LOG.info("{}: remembered ticket {} is {}; looking for another", name(), id, state);
      memory.forgetTicket(request.companyId(), request.kind());
    }
    Optional<String> found = findOpen(company, request);
    if (found.isPresent()) {
      String id = found.get();
      memory.rememberTicket(request.companyId(), request.kind(), name(), id);
      addNote(id, request);
      LOG.info(
          "{}: found open ticket {} ({}, company {}); added a note",
          name(),
          id,
          request.kind(),
          request.companyId());
      return new TicketResult(name(), id, false);
    }
    String id = create(company, request);
    memory.rememberTicket(request.companyId(), request.kind(), name(), id);
    LOG.info(
        "{}: opened ticket {} ({}, company {})", name(), id, request.kind(), request.companyId());
    return new TicketResult(name(), id, true);
  }

  /** The ticket's state; MISSING when the PSA does not know it (deleted, or another PSA's id). */
  abstract State state(String ticketId);

  /** An open kb4sync ticket of this company and kind, found by the stable key. */
  abstract Optional<String> findOpen(long company, TicketRequest request);

  abstract void addNote(String ticketId, TicketRequest request);

  /** Opens a ticket; returns its id. */
  abstract String create(long company, TicketRequest request);

  /**
   * The PSA's company id: the company's {@code company_id}, which must be the PSA's numeric id.
   *
   * @throws RemoteException (BAD_REQUEST) with one line saying so, before any request is sent
   */
  final long companyNumber(String companyId) {
    String trimmed = companyId == null ? "" : companyId.trim();
    if (isNumeric(trimmed)) {
      try {
        long value = Long.parseLong(trimmed);
        if (value > 0) {
          return value;
        }
      } catch (NumberFormatException e) {
        // Too long for a long: fall through to the error below.
      }
    }
    throw new RemoteException(
        RemoteException.Kind.BAD_REQUEST,
        name(),
        name()
            + ": company_id '"
            + companyId
            + "' is not a numeric "
            + name()
            + " "
            + companyWord()
            + " id; set the company's company_id to it to get tickets");
  }

  /**
   * The id of the first of {@code tickets} (a search's answer) that {@code matches} and has a
   * numeric id: the PSA's own filter is not trusted alone.
   */
  static Optional<String> firstId(Iterable<JsonNode> tickets, Predicate<JsonNode> matches) {
    for (JsonNode ticket : tickets) {
      if (matches.test(ticket) && ticket.path("id").canConvertToLong()) {
        return Optional.of(ticket.path("id").asText());
      }
    }
    return Optional.empty();
  }

  /** How this PSA calls a customer ({@code company}, {@code client}). */
  String companyWord() {
    return "company";
  }

  static boolean isNumeric(String text) {
    return text != null && !text.isEmpty() && text.length() <= 18 && text.matches("\\d+");
  }
}
