package org.vitalake.ingest.commit;

import java.util.List;

/**
 * Where a {@link GroupCommitter} writes a gathered batch: one call must be one atomic commit (all
 * items stored, or none and an exception).
 */
@FunctionalInterface
public interface BatchSink<T> {

  void append(List<T> items);
}
