package org.vitalake.lakehouse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.RawArchive;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.TableScanner;

class LocalLakehouseRestartIT {

  @Test
  void restartingTheS3ServerAndReopeningTheCatalogKeepsData() {
    LocalLakehouse local = LocalLakehouse.start();
    try {
      // given: rows in a table and a raw payload
      List<Record> rows = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Record r = GenericRecord.create(LakehouseTables.DAILY_METRICS.schema());
        r.setField("user_id", "u-restart");
        r.setField("local_date", LocalDate.of(2026, 1, 1).plusDays(i));
        r.setField("steps", 1000L * (i + 1));
        r.setField(
            "computed_at", Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
        rows.add(r);
      }
      long snapshot =
          new TableAppender(local.lakehouse()).append(LakehouseTables.DAILY_METRICS.id(), rows);
      String ref;
      try (RawArchive archive = new RawArchive(local.properties())) {
        ref =
            archive.put(
                RawArchive.rawKey(
                    "sync", UserId.of("u-restart"), LocalDate.of(2026, 1, 1), "p1", "json"),
                "{}".getBytes(StandardCharsets.UTF_8),
                "application/json");
      }
      long pidBefore = local.s3Server().pid();

      // when
      local.restart();

      // then
      assertThat(local.s3Server().pid()).isNotEqualTo(pidBefore);
      assertThat(ProcessHandle.of(pidBefore).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      TableScanner scanner = new TableScanner(local.lakehouse());
      assertThat(
              scanner
                  .currentSnapshot(LakehouseTables.DAILY_METRICS.id())
                  .orElseThrow()
                  .snapshotId())
          .isEqualTo(snapshot);
      List<Record> back = scanner.scan(LakehouseTables.DAILY_METRICS.id());
      assertThat(back).hasSize(rows.size());
      long expectedSteps = rows.stream().mapToLong(r -> (Long) r.getField("steps")).sum();
      assertThat(back.stream().mapToLong(r -> (Long) r.getField("steps")).sum())
          .isEqualTo(expectedSteps);
      assertThat(local.lakehouse().ensureTables().changedNothing()).isTrue();
      try (RawArchive archive = new RawArchive(local.properties())) {
        assertThat(archive.get(ref)).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
      }
    } finally {
      long pid = local.s3Server().pid();
      local.close();
      // and closing stops the server and deletes the throwaway folder
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(local.root()).doesNotExist();
    }
  }
}
