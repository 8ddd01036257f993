package io.kb4sync.core.sync;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.directory.DirectorySource;
import io.kb4sync.core.execute.WriteGate;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.CompanyLockedException;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.training.TrainingPlatform;
import io.kb4sync.core.training.TrainingSnapshot;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * How every run of a company starts, sync or audit: take the company's lock, read the whole tenant
 * and the whole KnowBe4 account at the same time, load what the state store remembers. A read that
 * fails or comes back incomplete ends the run before anything is planned or written.
 */
public final class CompanyRead {

  /** Everything a run works from, and the lock it holds while it works. */
  public record Snapshots(
      DirectorySnapshot tenant, TrainingSnapshot account, CompanyState state, CompanyLock lock) {}

  /** Why a run could not proceed: the operation and a one-line message (exit 1). */
  public record Failure(String operation, String message) {}

  /** What a run does with the snapshots, or with the reason it has none. */
  public interface Work<T> {
    T with(Snapshots snapshots);

    T failed(Failure failure);
  }

  /** The operation a run fails at when another run holds the company's lock. */
  public static final String LOCK = "lock";

  /** The operation a run fails at when it is told to stop before it has written anything. */
  public static final String STOP = "stop";

  /** How often a run waiting for its reads looks whether it was told to stop. */
  private static final long STOP_POLL_MILLIS = 100;

  private final StateStore store;
  private final SyncListener listener;
  private final WriteGate stop;

  public CompanyRead(StateStore store, SyncListener listener) {
    this(store, listener, WriteGate.OPEN);
  }

  /**
   * @param stop closes when the process is told to stop (SIGTERM): the reads still going on are
   *     abandoned at once (their requests interrupted, retries not waited for) and the run fails
   *     with {@link #STOP} before anything is planned or written
   */
  public CompanyRead(StateStore store, SyncListener listener, WriteGate stop) {
    this.store = store;
    this.listener = listener;
    this.stop = stop;
  }

  /** Runs {@code work} under the company's lock, with the snapshots or the reason for none. */
  public <T> T run(
      String companyId, DirectorySource directory, TrainingPlatform platform, Work<T> work) {
    CompanyLock lock;
    try {
      lock = store.lock(companyId);
    } catch (CompanyLockedException e) {
      return work.failed(new Failure(LOCK, e.getMessage()));
    }
    try {
      return read(companyId, lock, directory, platform, work::with, work::failed);
    } finally {
      lock.close();
    }
  }

  private <T> T read(
      String companyId,
      CompanyLock lock,
      DirectorySource directory,
      TrainingPlatform platform,
      Function<Snapshots, T> with,
      Function<Failure, T> failed) {
    // Both sides are read at once; the run waits for both, and a failure of either means no
    // write at all. Microsoft 365's failure is reported first, as when they were read in turn.
    listener.phase(companyId, "read Microsoft 365 and KnowBe4", "");
    FutureTask<DirectorySnapshot> m365 = new FutureTask<>(directory::read);
    FutureTask<TrainingSnapshot> knowbe4 = new FutureTask<>(platform::read);
    start(knowbe4, "kb4sync-read-" + companyId);
    start(m365, "kb4sync-read-m365-" + companyId);
    DirectorySnapshot tenant;
    TrainingSnapshot account;
    try {
      tenant = await(m365, "Microsoft 365");
      if (!tenant.complete()) {
        knowbe4.cancel(true);
        return failed.apply(
            new Failure("read Microsoft 365", "the Microsoft 365 read came back incomplete"));
      }
      account = await(knowbe4, "KnowBe4");
    } catch (Stopped e) {
      m365.cancel(true);
      knowbe4.cancel(true);
      return failed.apply(new Failure(e.operation, e.getMessage()));
    } catch (RemoteException e) {
      m365.cancel(true);
      knowbe4.cancel(true);
      return failed.apply(new Failure("read " + e.system(), e.getMessage()));
    } catch (RuntimeException e) {
      // Not a remote failure (a defect): the other read is abandoned too, not left running on.
      m365.cancel(true);
      knowbe4.cancel(true);
      throw e;
    }
    listener.phase(
        companyId,
        "read",
        tenant.users().size()
            + " Microsoft 365 users and "
            + account.users().size()
            + " KnowBe4 users read");
    CompanyState state;
    try {
      state = store.load(companyId);
    } catch (RuntimeException e) {
      return failed.apply(new Failure("read the state store", oneLine(e)));
    }
    String stopped = stop.closedBecause();
    if (stopped != null) {
      // Told to stop once the reads were done: still before any plan, store write or request.
      return failed.apply(new Failure(STOP, stopped + " after the reads; nothing was written"));
    }
    return with.apply(new Snapshots(tenant, account, state, lock));
  }

  private static void start(Runnable read, String name) {
    Thread reader = new Thread(read, name);
    reader.setDaemon(true);
    reader.start();
  }

  /** The read's result; waits for it, looking every 100 ms whether the run was told to stop. */
  private <S> S await(FutureTask<S> read, String side) {
    while (true) {
      String stopped = stop.closedBecause();
      if (stopped != null) {
        throw new Stopped(STOP, stopped + " while reading " + side + "; nothing was written");
      }
      try {
        return read.get(STOP_POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // still reading: look at the stop signal again
      } catch (InterruptedException e) {
        // Not the stop signal (that is asked above): a failure of the read, not a stop.
        Thread.currentThread().interrupt();
        throw new Stopped("read " + side, "interrupted while reading " + side);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException("the " + side + " read failed", e.getCause());
      }
    }
  }

  /** The run was told to stop ({@link #STOP}), or interrupted, while it read. */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String operation;

    Stopped(String operation, String message) {
      super(message, null, false, false);
      this.operation = operation;
    }
  }

  /** A failure's message on one line, with its type when it has no message of its own. */
  static String oneLine(RuntimeException e) {
    String message = e.getMessage();
    return (message == null || message.isBlank() ? e.getClass().getSimpleName() : message)
        .replaceAll("\\s+", " ")
        .trim();
  }
}
