package io.kb4sync.core.directory;

/**
 * The Microsoft 365 directory of one company. Implemented by the Graph adapter.
 *
 * <p>A read either returns the whole tenant or throws {@link
 * io.kb4sync.core.remote.RemoteException}: a partial user list is never passed on as complete.
 */
public interface DirectorySource {

  /** Reads users (with licenses and manager ids), verified domains and subscribed SKUs. */
  DirectorySnapshot read();
}
