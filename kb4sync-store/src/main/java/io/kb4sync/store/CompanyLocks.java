package io.kb4sync.store;

import io.kb4sync.core.state.CompanyLock;
import io.kb4sync.core.state.CompanyLockedException;

/** Takes per-company locks that die with the process; one implementation per dialect. */
interface CompanyLocks {

  /**
   * @throws CompanyLockedException when another process, or another caller in this one, holds it
   */
  CompanyLock tryLock(String companyId);
}
