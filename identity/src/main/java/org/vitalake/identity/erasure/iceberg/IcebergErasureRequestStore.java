package org.vitalake.identity.erasure.iceberg;

import java.util.List;
import org.vitalake.identity.erasure.ErasureRequest;
import org.vitalake.identity.erasure.ErasureRequestStore;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;

/** Appends erasure requests to {@code bronze.erasure_requests}. */
public class IcebergErasureRequestStore implements ErasureRequestStore {

  private final TableAppender appender;

  public IcebergErasureRequestStore(TableAppender appender) {
    this.appender = appender;
  }

  @Override
  public void append(ErasureRequest request) {
    appender.append(
        LakehouseTables.ERASURE_REQUESTS,
        List.of(
            BronzeRecords.erasureRequest(
                request.userId(), request.requestedAt(), request.requestId())));
  }
}
