package org.vitalake.ingest.sync;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Answer of {@code POST /sync} (202): every accepted point is committed to bronze.
 *
 * @param ingestId identifies the request; every bronze row it produced carries it
 * @param accepted number of points stored
 * @param rejected the points not stored, by index, with the reason naming the field
 */
@Serdeable
public record SyncResponse(String ingestId, int accepted, List<RejectedPoint> rejected) {

  /**
   * A data point that was not stored.
   *
   * @param index position in {@code dataPoints}
   * @param field the offending field, e.g. {@code value}
   * @param reason what was wrong and what is allowed
   */
  @Serdeable
  public record RejectedPoint(int index, String field, String reason) {}
}
