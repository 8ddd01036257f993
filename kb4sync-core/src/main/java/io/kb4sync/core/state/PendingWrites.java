package io.kb4sync.core.state;

import java.util.List;

/**
 * The state store's memory of writes KnowBe4 accepted but a later run has not yet seen applied
 * ({@link PendingWrite}). Per company; replaced as a whole by each real run.
 */
public interface PendingWrites {

  /** The writes of earlier runs not yet seen applied; empty when none. */
  List<PendingWrite> pendingWrites(String companyId);

  /** Replaces the company's remembered writes with {@code writes} (one per {@code key()}). */
  void replacePendingWrites(String companyId, List<PendingWrite> writes);
}
