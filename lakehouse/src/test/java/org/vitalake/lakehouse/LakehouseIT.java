package org.vitalake.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.core.sample.Sample;
import org.vitalake.lakehouse.local.LocalLakehouse;

class LakehouseIT {

  private static LocalLakehouse local;
  private static Lakehouse lakehouse;
  private static TableAppender appender;
  private static TableScanner scanner;

  @BeforeAll
  static void startLakehouse() {
    local = LocalLakehouse.shared();
    lakehouse = local.lakehouse();
    appender = new TableAppender(lakehouse);
    scanner = new TableScanner(lakehouse);
  }

  @Test
  void createsEveryTableWithItsSchemaSpecAndProperties() {
    // when: LocalLakehouse ran ensureTables() on an empty catalog

    // then
    for (Namespace ns : LakehouseTables.NAMESPACES) {
      assertThat(lakehouse.namespaces().namespaceExists(ns)).isTrue();
    }
    Set<TableIdentifier> listed = new HashSet<>();
    for (Namespace ns : LakehouseTables.NAMESPACES) {
      listed.addAll(lakehouse.catalog().listTables(ns));
    }
    assertThat(listed).containsAll(LakehouseTables.ALL.stream().map(TableDefinition::id).toList());
    for (TableDefinition definition : LakehouseTables.ALL) {
      Table table = lakehouse.table(definition.id());
      assertThat(table.schema().sameSchema(definition.schema()))
          .as("schema of %s:\n%s", definition.id(), table.schema())
          .isTrue();
      assertThat(table.spec().compatibleWith(definition.spec()))
          .as("spec of %s", definition.id())
          .isTrue();
      assertThat(((HasTableOperations) table).operations().current().formatVersion()).isEqualTo(2);
      Map<String, String> expected = new java.util.HashMap<>(definition.properties());
      expected.remove(TableProperties.FORMAT_VERSION);
      assertThat(table.properties()).containsAllEntriesOf(expected);
      assertThat(table.properties()).containsEntry("comment", definition.description());
      assertThat(table.location()).startsWith(local.properties().warehouse());
    }
  }

  @Test
  void ensureTablesIsIdempotent() {
    // when
    EnsureTablesResult again = lakehouse.ensureTables();

    // then
    assertThat(again.changedNothing()).isTrue();
    assertThat(again.unchangedTables())
        .containsExactlyElementsOf(LakehouseTables.ALL.stream().map(TableDefinition::id).toList());
  }

  @Test
  void addsMissingColumnsAsOptionalAndKeepsExistingRows() {
    // given: a table created from an older definition, holding a row
    TableIdentifier id = TableIdentifier.of("evolution_test", "profiles");
    Schema v1 =
        new Schema(
            Types.NestedField.required(1, "user_id", Types.StringType.get()),
            Types.NestedField.optional(2, "height_cm", Types.DoubleType.get()));
    TableDefinition older = definition(id, v1);
    assertThat(lakehouse.ensureTables(List.of(older)).createdTables()).containsExactly(id);
    Record old = GenericRecord.create(v1);
    old.setField("user_id", "u-evolve");
    old.setField("height_cm", 180.0);
    appender.append(id, List.of(old));
    Schema v2 =
        new Schema(
            Types.NestedField.required(1, "user_id", Types.StringType.get()),
            Types.NestedField.optional(2, "height_cm", Types.DoubleType.get()),
            Types.NestedField.required(3, "time_zone", Types.StringType.get()),
            Types.NestedField.optional(
                4, "goals", Types.ListType.ofRequired(5, Types.StringType.get())));

    // when
    EnsureTablesResult result = lakehouse.ensureTables(List.of(definition(id, v2)));

    // then
    assertThat(result.addedColumns()).containsEntry(id, List.of("time_zone", "goals"));
    Table table = lakehouse.table(id);
    assertThat(table.schema().findField("time_zone").isOptional()).isTrue();
    assertThat(table.schema().findType("goals"))
        .isEqualTo(
            Types.ListType.ofRequired(
                table.schema().findField("goals.element").fieldId(), Types.StringType.get()));
    List<Record> rows = scanner.scan(id);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getField("height_cm")).isEqualTo(180.0);
    assertThat(rows.get(0).getField("time_zone")).isNull();
    // and running it again changes nothing, never dropping what is not in the definition
    assertThat(lakehouse.ensureTables(List.of(older)).changedNothing()).isTrue();
    assertThat(lakehouse.table(id).schema().columns()).hasSize(4);
  }

  @Test
  void appendsABatchInOneCommitAndScansItBack() {
    // given
    Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Record> batch = new ArrayList<>();
    batch.addAll(TestRows.samples("u-append", "ingest-a", receivedAt, 7));
    // a second day partition in the same batch
    batch.addAll(TestRows.samples("u-append", "ingest-b", receivedAt.minus(2, ChronoUnit.DAYS), 5));
    TableIdentifier id = LakehouseTables.WEARABLE_SAMPLES.id();

    // when
    long snapshotId = appender.append(id, batch);

    // then
    Table table = lakehouse.table(id);
    assertThat(table.snapshot(snapshotId).summary())
        .containsEntry("added-records", String.valueOf(batch.size()))
        .containsEntry("added-data-files", "2");
    List<Record> back = scanner.scan(id, Expressions.equal("user_id", "u-append"));
    assertThat(back).hasSize(batch.size());
    assertThat(keys(back)).isEqualTo(keys(batch));
    Record first =
        back.stream()
            .filter(r -> r.getField("sample_key").equals(batch.get(0).getField("sample_key")))
            .findFirst()
            .orElseThrow();
    for (Types.NestedField field : LakehouseTables.WEARABLE_SAMPLES.schema().columns()) {
      assertThat(first.getField(field.name()))
          .as(field.name())
          .isEqualTo(batch.get(0).getField(field.name()));
    }
    Schema schema = LakehouseTables.WEARABLE_SAMPLES.schema();
    for (DataFile file : table.snapshot(snapshotId).addedDataFiles(table.io())) {
      assertThat(file.location()).startsWith(local.properties().warehouse()).endsWith(".parquet");
      // statistics only where a filter can use them: not for the per-row keys, the ingest id
      // (looked up within a second of received_at) or the labels every group commit mixes
      assertThat(file.lowerBounds())
          .containsKeys(
              schema.findField("user_id").fieldId(),
              schema.findField("received_at").fieldId(),
              schema.findField("metric").fieldId())
          .doesNotContainKeys(
              schema.findField("sample_key").fieldId(),
              schema.findField("ingest_id").fieldId(),
              schema.findField("raw_ref").fieldId(),
              schema.findField("source").fieldId(),
              schema.findField("device").fieldId(),
              schema.findField("device_type").fieldId(),
              schema.findField("unit").fieldId());
    }
  }

  @Test
  void appendsStructRowsAsTheRowsAndPartitionsOfTheirGenericRecords() {
    // given the same samples as internal rows, one of them with an end time and no offset, one
    // timed to the nanosecond, received on two days in turn
    Instant receivedAt = Instant.parse("2026-03-14T23:59:59.123456Z");
    List<RecordedSample> samples = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Instant start =
          i == 6
              ? Instant.parse("2026-03-14T20:15:00.123456789Z")
              : receivedAt.minus(i, ChronoUnit.HOURS).plusNanos(789_000L * i);
      Sample sample =
          new Sample(
              UserId.of("u-rows"),
              i == 0 ? Metric.STEPS : Metric.HEART_RATE,
              60.0 + i,
              start,
              i == 0 ? start.plusSeconds(60) : null,
              i == 0 ? null : ZoneOffset.ofHours(-5),
              "rows-app",
              i == 0 ? null : "rows-watch",
              DeviceType.WATCH,
              i == 0 ? null : "count/min");
      Instant received = i % 2 == 0 ? receivedAt : receivedAt.plusSeconds(1);
      samples.add(new RecordedSample(sample, IngestId.random(), received, "s3://r"));
    }
    List<StructRow> rows = samples.stream().map(BronzeRecords::sampleRow).toList();
    TableIdentifier id = LakehouseTables.WEARABLE_SAMPLES.id();

    // when
    long snapshotId = appender.appendRows(id, rows);

    // then every column reads back as the generic record of the same sample holds it (Parquet
    // keeps microseconds)
    Table table = lakehouse.table(id);
    assertThat(table.snapshot(snapshotId).summary())
        .containsEntry("added-records", "7")
        .containsEntry("added-data-files", "2");
    List<Record> back = scanner.scan(id, Expressions.equal("user_id", "u-rows"));
    assertThat(back).hasSize(7);
    for (RecordedSample sample : samples) {
      Record expected = BronzeRecords.sample(sample);
      Record actual =
          back.stream()
              .filter(r -> r.getField("ingest_id").equals(sample.ingestId().value()))
              .findFirst()
              .orElseThrow();
      for (Types.NestedField field : LakehouseTables.WEARABLE_SAMPLES.schema().columns()) {
        Object value = expected.getField(field.name());
        assertThat(actual.getField(field.name()))
            .as(field.name())
            .isEqualTo(
                value instanceof OffsetDateTime time ? time.truncatedTo(ChronoUnit.MICROS) : value);
      }
      assertThat(BronzeRecords.parseSample(actual).sample().start())
          .isEqualTo(sample.sample().start().truncatedTo(ChronoUnit.MICROS));
    }
    // and each file holds exactly the rows received on its partition's day
    for (DataFile file : table.snapshot(snapshotId).addedDataFiles(table.io())) {
      int day = file.partition().get(0, Integer.class);
      long received =
          samples.stream()
              .filter(
                  r -> r.receivedAt().atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay() == day)
              .count();
      assertThat(file.recordCount()).as("rows in the file of day " + day).isEqualTo(received);
    }
    // and the table's per-column write settings hold for struct rows too
    Schema schema = LakehouseTables.WEARABLE_SAMPLES.schema();
    for (DataFile file : table.snapshot(snapshotId).addedDataFiles(table.io())) {
      assertThat(file.lowerBounds())
          .containsKey(schema.findField("user_id").fieldId())
          .doesNotContainKey(schema.findField("sample_key").fieldId());
    }
  }

  @Test
  void rejectsAnEmptyBatch() {
    assertThatThrownBy(() -> appender.append(LakehouseTables.WEARABLE_SAMPLES.id(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bronze.wearable_samples");
  }

  @Test
  void countsRowsFromTheSnapshotSummary() {
    // given
    TableIdentifier id = LakehouseTables.ERASURE_REQUESTS.id();
    long before = scanner.scan(id).size();
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Record r = GenericRecord.create(LakehouseTables.ERASURE_REQUESTS.schema());
      r.setField("user_id", "u-erase-" + i);
      r.setField("requested_at", TestRows.utc(Instant.now().truncatedTo(ChronoUnit.MICROS)));
      r.setField("request_id", "req-" + i);
      rows.add(r);
    }

    // when
    long snapshot = appender.append(id, rows);

    // then
    TableScanner.TableStatus status = scanner.status(id);
    assertThat(status.rowCount()).isEqualTo(before + 3).isEqualTo(scanner.scan(id).size());
    assertThat(status.snapshotId()).isEqualTo(snapshot);
    assertThat(status.lastCommitAt()).isNotNull();
  }

  @Test
  void concurrentWritersFromSeveralThreadsAllCommit() throws Exception {
    // given: two independently opened catalogs, as two processes would have, four threads each
    TableIdentifier id = LakehouseTables.WEARABLE_SAMPLES.id();
    int writers = 2;
    int threadsPerWriter = 3;
    int batchesPerThread = 2;
    int rowsPerBatch = 10;
    Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    try (Lakehouse second = Lakehouse.open(local.properties())) {
      List<TableAppender> appenders = List.of(appender, new TableAppender(second));
      ExecutorService pool = Executors.newFixedThreadPool(writers * threadsPerWriter);
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        for (int t = 0; t < threadsPerWriter; t++) {
          TableAppender writer = appenders.get(w);
          String user = "u-concurrent-" + w + "-" + t;
          Callable<List<Long>> task =
              () -> {
                List<Long> snapshots = new ArrayList<>();
                for (int b = 0; b < batchesPerThread; b++) {
                  snapshots.add(
                      writer.append(
                          id, TestRows.samples(user, user + "-" + b, receivedAt, rowsPerBatch)));
                }
                return snapshots;
              };
          futures.add(pool.submit(task));
        }
      }

      // when
      Set<Long> snapshots = new HashSet<>();
      for (Future<List<Long>> f : futures) {
        snapshots.addAll(f.get());
      }
      pool.shutdown();

      // then
      int expectedBatches = writers * threadsPerWriter * batchesPerThread;
      assertThat(snapshots).hasSize(expectedBatches);
      List<Record> rows = scanner.scan(id, Expressions.startsWith("user_id", "u-concurrent-"));
      assertThat(rows).hasSize(expectedBatches * rowsPerBatch);
      Map<Object, Long> perIngest =
          rows.stream()
              .collect(Collectors.groupingBy(r -> r.getField("ingest_id"), Collectors.counting()));
      assertThat(perIngest)
          .hasSize(expectedBatches)
          .allSatisfy((k, v) -> assertThat(v).isEqualTo((long) rowsPerBatch));
      Table table = lakehouse.table(id);
      for (long s : snapshots) {
        assertThat(table.snapshot(s).summary())
            .containsEntry("added-records", String.valueOf(rowsPerBatch));
      }
    }
  }

  @Test
  void writerProcessesAppendingAtOnceAllCommit() throws Exception {
    // given: two JVMs on the same SQLite catalog file, as ingest-api and a job would be
    int processes = 2;
    int batchesPerProcess = 4;
    int rowsPerBatch = 5;
    List<Process> workers = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-Xmx256m",
              "-cp",
              System.getProperty("java.class.path"),
              AppendWorker.class.getName(),
              "u-process-" + p,
              String.valueOf(batchesPerProcess),
              String.valueOf(rowsPerBatch));
      pb.environment().putAll(local.properties().toEnvironment());
      pb.redirectErrorStream(true);
      workers.add(pb.start());
    }

    // when
    Set<Long> snapshots = new HashSet<>();
    for (Process worker : workers) {
      String output = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(worker.waitFor()).as(output).isZero();
      output
          .lines()
          .filter(l -> l.startsWith("snapshot "))
          .forEach(l -> snapshots.add(Long.parseLong(l.substring("snapshot ".length()))));
    }

    // then
    assertThat(snapshots).hasSize(processes * batchesPerProcess);
    List<Record> rows =
        scanner.scan(
            LakehouseTables.WEARABLE_SAMPLES.id(), Expressions.startsWith("user_id", "u-process-"));
    assertThat(rows).hasSize(processes * batchesPerProcess * rowsPerBatch);
  }

  @Test
  void incrementalAppendScanReturnsExactlyTheRowsAfterASnapshot() {
    // given: a table of its own, so that no other test's appends interleave
    TableIdentifier id = TableIdentifier.of("incremental_test", "samples");
    lakehouse.ensureTables(List.of(definition(id, LakehouseTables.WEARABLE_SAMPLES.schema())));
    Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Record> first = TestRows.samples("u-inc", "first", t, 4);
    List<Record> second = TestRows.samples("u-inc", "second", t, 3);
    List<Record> third = TestRows.samples("u-inc", "third", t.plus(1, ChronoUnit.DAYS), 6);
    long s1 = appender.append(id, first);
    long s2 = appender.append(id, second);
    long s3 = appender.append(id, third);

    // when / then
    assertThat(keys(scanner.scanAppends(id, s1, s3))).isEqualTo(keys(second, third));
    assertThat(keys(scanner.scanAppends(id, s2, s3))).isEqualTo(keys(third));
    assertThat(keys(scanner.scanAppends(id, s1, s2))).isEqualTo(keys(second));
    assertThat(scanner.scanAppends(id, s3, s3)).isEmpty();
    assertThat(keys(scanner.scanAppends(id, null, s1))).isEqualTo(keys(first));
    assertThat(keys(scanner.scanAppends(id, null, s3))).isEqualTo(keys(first, second, third));
    assertThat(keys(scanner.scanAppends(id, s1, s3, Expressions.equal("ingest_id", "third"))))
        .isEqualTo(keys(third));
  }

  @Test
  void lazyAppendScanReadsOnlyTheSelectedColumns() throws Exception {
    // given
    TableIdentifier id = TableIdentifier.of("incremental_test", "projected");
    lakehouse.ensureTables(List.of(definition(id, LakehouseTables.WEARABLE_SAMPLES.schema())));
    Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Record> first = TestRows.samples("u-proj", "first", t, 4);
    List<Record> second = TestRows.samples("u-proj", "second", t, 3);
    long s1 = appender.append(id, first);
    long s2 = appender.append(id, second);
    List<String> columns = List.of("sample_key", "value");

    // when
    List<Record> fromStart = new ArrayList<>();
    List<Record> afterFirst = new ArrayList<>();
    try (CloseableIterable<Record> rows =
        scanner.openAppends(id, null, s2, Expressions.alwaysTrue(), columns)) {
      rows.forEach(fromStart::add);
    }
    try (CloseableIterable<Record> rows =
        scanner.openAppends(id, s1, s2, Expressions.alwaysTrue(), columns)) {
      rows.forEach(afterFirst::add);
    }

    // then
    assertThat(keys(fromStart)).isEqualTo(keys(first, second));
    assertThat(keys(afterFirst)).isEqualTo(keys(second));
    assertThat(afterFirst)
        .allSatisfy(
            row -> {
              assertThat(row.struct().fields())
                  .extracting(Types.NestedField::name)
                  .containsExactlyInAnyOrderElementsOf(columns);
              assertThat(row.getField("value")).isInstanceOf(Double.class);
            });
  }

  @Test
  void incrementalAppendScanSkipsDeletes() {
    // given
    TableIdentifier id = TableIdentifier.of("incremental_test", "with_delete");
    lakehouse.ensureTables(List.of(definition(id, LakehouseTables.WEARABLE_SAMPLES.schema())));
    Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Record> kept = TestRows.samples("u-keep", "a", t, 2);
    List<Record> erased = TestRows.samples("u-erase", "b", t.minus(3, ChronoUnit.DAYS), 2);
    long s1 = appender.append(id, kept);
    appender.append(id, erased);
    // erasing a whole partition is a metadata-only delete
    lakehouse
        .table(id)
        .newDelete()
        .deleteFromRowFilter(Expressions.equal("user_id", "u-erase"))
        .commit();
    List<Record> later = TestRows.samples("u-keep", "c", t, 3);
    long s4 = appender.append(id, later);

    // when
    List<Record> appended = scanner.scanAppends(id, s1, s4);

    // then: appends after s1 are 'erased' and 'later'; the delete snapshot adds nothing
    assertThat(keys(appended)).isEqualTo(keys(erased, later));
    assertThat(keys(scanner.scan(id))).isEqualTo(keys(kept, later));
  }

  @Test
  void snapshotExpiryKeepsTheCurrentAndTaggedSnapshotsAndEveryRow() {
    // given five appends, the second one tagged
    TableIdentifier id = TableIdentifier.of("expiry_test", "samples");
    lakehouse.ensureTables(List.of(definition(id, LakehouseTables.WEARABLE_SAMPLES.schema())));
    Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Long> snapshots = new ArrayList<>();
    List<List<Record>> batches = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      List<Record> batch = TestRows.samples("u-exp", "b" + i, t, 3);
      batches.add(batch);
      snapshots.add(appender.append(id, batch));
    }
    Table table = lakehouse.table(id);
    table.manageSnapshots().createTag("kept", snapshots.get(1)).commit();
    List<String> manifestLists = new ArrayList<>();
    for (long s : List.of(snapshots.get(0), snapshots.get(2), snapshots.get(3))) {
      manifestLists.add(table.snapshot(s).manifestListLocation());
    }

    // when
    SnapshotExpiry.Result result = SnapshotExpiry.expire(table, Instant.now().plusSeconds(1));
    SnapshotExpiry.Result again = SnapshotExpiry.expire(table, Instant.now().plusSeconds(1));

    // then
    assertThat(result).isEqualTo(new SnapshotExpiry.Result(3, 2));
    assertThat(again).isEqualTo(new SnapshotExpiry.Result(0, 2));
    Table reloaded = lakehouse.table(id);
    assertThat(reloaded.snapshot(snapshots.get(1))).isNotNull();
    assertThat(reloaded.currentSnapshot().snapshotId()).isEqualTo(snapshots.get(4));
    assertThat(manifestLists)
        .allSatisfy(loc -> assertThat(reloaded.io().newInputFile(loc).exists()).isFalse());
    assertThat(keys(scanner.scan(id)))
        .isEqualTo(keys(batches.stream().flatMap(List::stream).toList()));
  }

  @Test
  void rejectsAnIncrementalScanToAnUnknownSnapshot() {
    assertThatThrownBy(() -> scanner.scanAppends(LakehouseTables.MOODS.id(), null, 42L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("42");
  }

  private static TableDefinition definition(TableIdentifier id, Schema schema) {
    TableDefinition template = LakehouseTables.WEARABLE_SAMPLES;
    org.apache.iceberg.PartitionSpec spec =
        schema.findField("received_at") != null
            ? org.apache.iceberg.PartitionSpec.builderFor(schema).day("received_at").build()
            : org.apache.iceberg.PartitionSpec.builderFor(schema).build();
    return new TableDefinition(id, schema, spec, template.properties(), "test table " + id);
  }

  @SafeVarargs
  private static Set<String> keys(List<Record>... batches) {
    Set<String> keys = new HashSet<>();
    int total = 0;
    for (List<Record> batch : batches) {
      for (Record r : batch) {
        keys.add((String) r.getField("sample_key"));
        total++;
      }
    }
    assertThat(keys).as("sample keys are distinct").hasSize(total);
    return keys;
  }
}
