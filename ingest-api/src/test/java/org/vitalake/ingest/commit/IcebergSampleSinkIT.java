package org.vitalake.ingest.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.commit.iceberg.IcebergSampleSink;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.lakehouse.local.LocalLakehouse;

/** The bronze sample sink on a real lakehouse: struct rows staged, then committed. */
class IcebergSampleSinkIT {

  @Test
  void stagesStructRowsThatOnlyTheCommitMakesVisible() throws Exception {
    try (LocalLakehouse lake = LocalLakehouse.start()) {
      // given
      IcebergSampleSink sink =
          new IcebergSampleSink(lake.lakehouse(), new TableAppender(lake.lakehouse()));
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      Sample sample =
          new Sample(
              UserId.of("u-sink"),
              Metric.HEART_RATE,
              61,
              now.minusSeconds(60),
              null,
              null,
              "watch-app",
              null,
              DeviceType.WATCH,
              null);
      RecordedSample recorded = new RecordedSample(sample, IngestId.random(), now, "s3://r/x");
      TableScanner scanner = new TableScanner(lake.lakehouse());

      // when
      StagingBatchSink.Staged staged = sink.stage(List.of(BronzeRecords.sampleRow(recorded)));
      long beforeCommit = scanner.rowCount(LakehouseTables.WEARABLE_SAMPLES.id());
      staged.commit();

      // then
      assertThat(beforeCommit).isZero();
      assertThat(
              scanner.scan(LakehouseTables.WEARABLE_SAMPLES.id()).stream()
                  .map(BronzeRecords::parseSample)
                  .toList())
          .containsExactly(recorded);
    }
  }

  @Test
  void refusesToStartOnABronzeTableWhoseColumnsDifferFromThisBuilds() {
    try (LocalLakehouse lake = LocalLakehouse.start()) {
      // given a table another build evolved
      Table table = lake.lakehouse().table(LakehouseTables.WEARABLE_SAMPLES);
      table.updateSchema().addColumn("firmware", Types.StringType.get()).commit();

      // when / then
      assertThatThrownBy(
              () -> new IcebergSampleSink(lake.lakehouse(), new TableAppender(lake.lakehouse())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("firmware")
          .hasMessageContaining("evolve the table");
    }
  }
}
