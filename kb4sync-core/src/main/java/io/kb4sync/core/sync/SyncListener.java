package io.kb4sync.core.sync;

/** Told about the phases of a run, for progress lines on stderr. Never told a secret. */
public interface SyncListener {
  void phase(String companyId, String phase, String detail);

  static SyncListener none() {
    return (companyId, phase, detail) -> {};
  }
}
