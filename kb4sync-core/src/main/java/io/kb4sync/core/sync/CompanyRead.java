package io.kb4sync.core.sync;

import io.kb4sync.core.directory.DirectorySnapshot;
import io.kb4sync.core.directory.DirectorySource;
import io.kb4sync.core.remote.RemoteException;
import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.CompanyLockedException;
import io.kb4sync.core.state.CompanyState;
import io.kb4sync.core.state.StateStore;
import io.kb4sync.core.training.TrainingPlatform;
import io.kb4sync.core.training.TrainingSnapshot;
import java.util.function.Function;

/**
 * How every run of a company starts, sync or audit: take the company's lock, read the whole tenant,
 * read the whole KnowBe4 account, load what the state store remembers. A read that fails or comes
 * back incomplete ends the run before anything is planned or written.
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

  private final StateStore store;
  private final SyncListener listener;

  public CompanyRead(StateStore store, SyncListener listener) {
    this.store = store;
    this.listener = listener;
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
    DirectorySnapshot tenant;
    TrainingSnapshot account;
    try {
      listener.phase(companyId, "read Microsoft 365", "");
      tenant = directory.read();
      if (!tenant.complete()) {
        return failed.apply(
            new Failure("read Microsoft 365", "the Microsoft 365 read came back incomplete"));
      }
      listener.phase(
          companyId, "read KnowBe4", tenant.users().size() + " Microsoft 365 users read");
      account = platform.read();
    } catch (RemoteException e) {
      return failed.apply(new Failure("read " + e.system(), e.getMessage()));
    }
    CompanyState state;
    try {
      state = store.load(companyId);
    } catch (RuntimeException e) {
      return failed.apply(new Failure("read the state store", oneLine(e)));
    }
    return with.apply(new Snapshots(tenant, account, state, lock));
  }

  /** A failure's message on one line, with its type when it has no message of its own. */
  static String oneLine(RuntimeException e) {
    String message = e.getMessage();
    return (message == null || message.isBlank() ? e.getClass().getSimpleName() : message)
        .replaceAll("\\s+", " ")
        .trim();
  }
}
