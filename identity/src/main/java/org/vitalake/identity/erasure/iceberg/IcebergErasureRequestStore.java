package org.vitalake.identity.erasure.iceberg;

import java.time.ZoneOffset;
import java.util.List;
import org.apache.iceberg.data.GenericRecord;
import org.vitalake.identity.erasure.ErasureRequest;
import org.vitalake.identity.erasure.ErasureRequestStore;
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
    GenericRecord row = GenericRecord.create(LakehouseTables.ERASURE_REQUESTS.schema());
    row.setField("user_id", request.userId().value());
    row.setField("requested_at", request.requestedAt().atOffset(ZoneOffset.UTC));
    row.setField("request_id", request.requestId());
    appender.append(LakehouseTables.ERASURE_REQUESTS, List.of(row));
  }
}
