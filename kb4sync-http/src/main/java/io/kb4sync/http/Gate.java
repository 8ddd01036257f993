package io.kb4sync.http;

/**
 * What every attempt passes before it goes on the wire, e.g. a system's client-side pacing. A
 * permit is held only while one attempt is in flight, never across a wait between attempts.
 */
@FunctionalInterface
public interface Gate {
  /** Lets every attempt through at once. */
  Gate OPEN = request -> Permit.NONE;

  /**
   * Waits until the attempt may go out.
   *
   * @throws RuntimeException (e.g. a {@code RemoteException}) to refuse it; the call ends with it
   */
  Permit enter(Request request) throws InterruptedException;

  /** Released when the attempt has been answered or has failed. */
  @FunctionalInterface
  interface Permit extends AutoCloseable {
    Permit NONE = () -> {};

    @Override
    void close();
  }
}
