package org.vitalake.lakehouse.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types.NestedField;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.RawArchive;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.TableDefinition;
import org.vitalake.lakehouse.cli.LakehouseCommand;
import org.vitalake.lakehouse.local.LocalLakehouse;

/**
 * Exports one of two people from a lakehouse of its own (catalog and buckets) on the shared S3
 * server, and reads the files back with parquet-avro.
 */
class UserDataExportIT {

  private static final String PERSON = "export-a";
  private static final String OTHER = "export-b";
  private static final Instant EXPORTED_AT = Instant.parse("2024-05-01T10:15:30.123Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path home;

  private static Map<String, String> env;
  private static Lakehouse lakehouse;
  private static RawArchive archive;
  private static UserDataExporter exporter;

  /** The rows appended per table, everyone's. */
  private static final Map<TableDefinition, List<Record>> appended = new LinkedHashMap<>();

  /** The snapshot each append committed. */
  private static final Map<TableDefinition, Long> snapshots = new HashMap<>();

  /** Raw payloads archived, by reference. */
  private static final Map<String, byte[]> payloads = new LinkedHashMap<>();

  private static String ownSyncRef;
  private static String ownLaterRef;
  private static String ownStatusRef;
  private static String missingOwnRef;
  private static String sharedRef;
  private static String othersRef;

  @BeforeAll
  static void fillLakehouse() {
    env = new HashMap<>(LocalLakehouse.shared().properties().toEnvironment());
    String suffix = Long.toHexString(System.nanoTime());
    env.put("VITALAKE_CATALOG_URI", "jdbc:sqlite:" + home.resolve("catalog.db"));
    env.put("VITALAKE_WAREHOUSE", "s3://export-warehouse-" + suffix + "/warehouse");
    env.put("VITALAKE_RAW_BUCKET", "export-raw-" + suffix);
    env.put("VITALAKE_MODELS_BUCKET", "export-models-" + suffix);
    LakehouseProperties properties = LakehouseProperties.fromMap(env);
    lakehouse = Lakehouse.open(properties);
    lakehouse.ensureBuckets();
    lakehouse.ensureTables();
    archive = new RawArchive(properties);
    exporter = new UserDataExporter(lakehouse, Clock.fixed(EXPORTED_AT, ZoneOffset.UTC));

    String bucket = properties.rawBucket();
    ownSyncRef =
        archivePayload("raw/" + PERSON + "/sync/2024-03-01/ing-1.json", "{\"hr\":[61,62]}");
    ownLaterRef = archivePayload("raw/" + PERSON + "/sync/2024-03-03/ing-2.json", "{\"steps\":9}");
    ownStatusRef =
        archivePayload("raw/" + PERSON + "/imports/status/imp-1.json", "{\"importId\":\"imp-1\"}");
    othersRef = archivePayload("raw/" + OTHER + "/sync/2024-03-01/ing-9.json", "{\"hr\":[80]}");
    sharedRef =
        archivePayload("raw/service-importer/fitabase/2024-03-01/imp-7.csv", "Id,Steps\n1,2\n");
    missingOwnRef = "s3://" + bucket + "/raw/" + PERSON + "/sync/2024-02-29/ing-gone.json";

    // the local days of the samples are 2, 1, 2, 2, 3 and 1 March
    append(
        LakehouseTables.WEARABLE_SAMPLES,
        List.of(
            sample(PERSON, "2024-03-01T23:30:00.123456Z", 3600, 0.1 + 0.2, ownSyncRef),
            sample(PERSON, "2024-03-01T23:30:00.000001Z", -3600, Math.PI, ownSyncRef),
            sample(PERSON, "2024-03-02T12:00:00Z", null, Double.MIN_VALUE, sharedRef),
            sample(PERSON, "2024-03-03T00:30:00Z", -7200, -1.5e300, ownSyncRef),
            sample(PERSON, "2024-03-03T12:00:00Z", 0, 72.0, ownLaterRef),
            sample(PERSON, "2024-02-29T23:00:00Z", 14 * 3600, -0.0, missingOwnRef),
            sample(OTHER, "2024-03-02T08:00:00Z", 0, 99.0, othersRef),
            sample(OTHER, "2024-03-02T09:00:00Z", 0, 98.0, othersRef)));
    append(
        LakehouseTables.USER_PROFILES,
        List.of(
            profile(PERSON, List.of("sleep_more", "walk_10k"), "2024-03-02T06:00:00Z"),
            profile(OTHER, List.of(), "2024-03-02T07:00:00Z")));
    List<Record> daily = new ArrayList<>();
    for (int day = 1; day <= 4; day++) {
      daily.add(dailyMetrics(PERSON, LocalDate.of(2024, 3, day), 1000L * day, day % 2 == 0));
    }
    daily.add(dailyMetrics(OTHER, LocalDate.of(2024, 3, 2), 5L, false));
    daily.add(dailyMetrics(OTHER, LocalDate.of(2024, 3, 3), 6L, true));
    append(LakehouseTables.DAILY_METRICS, daily);
    append(
        LakehouseTables.COACHING_PLANS,
        List.of(
            plan(PERSON, LocalDate.of(2024, 3, 2), List.of(Long.MAX_VALUE, 1L)),
            plan(OTHER, LocalDate.of(2024, 3, 2), List.of(3L))));
    append(
        LakehouseTables.ANOMALIES,
        List.of(
            anomaly(PERSON, LocalDate.of(2024, 3, 3), true),
            anomaly(OTHER, LocalDate.of(2024, 3, 3), false)));
    // only the other person has journal entries
    append(LakehouseTables.JOURNAL_ENTRIES, List.of(journalEntry(OTHER)));
  }

  @AfterAll
  static void close() {
    if (archive != null) {
      archive.close();
    }
    if (lakehouse != null) {
      lakehouse.close();
    }
  }

  @Test
  void writesOnlyThePersonsRowsWithEveryValueIntact(@TempDir Path dir) throws IOException {
    // given
    Path out = dir.resolve("export");

    // when
    ExportResult result = exporter.export(request(out, DayRange.ALL), ExportListener.NONE);

    // then
    for (TableDefinition table : appended.keySet()) {
      List<Map<String, Object>> expected = expectedRows(table, DayRange.ALL);
      TableExport exported = find(result, table.id());
      assertThat(exported.rows()).as("%s", table.id()).isEqualTo(expected.size());
      if (expected.isEmpty()) {
        assertThat(exported.file()).isNull();
        assertThat(out.resolve(UserDataExporter.fileName(table.id()))).doesNotExist();
        continue;
      }
      List<Map<String, Object>> read = readBack(out.resolve(exported.file()));
      assertThat(read)
          .as("%s", table.id())
          .allSatisfy(row -> assertThat(row.get("user_id")).isEqualTo(PERSON))
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(exported.bytes()).isEqualTo(Files.size(out.resolve(exported.file())));
    }
    assertThat(result.rows())
        .isEqualTo(
            appended.keySet().stream().mapToLong(t -> expectedRows(t, DayRange.ALL).size()).sum());
  }

  @Test
  void writesParquetWithLogicalTypesStandardListsAndZstd(@TempDir Path dir) throws IOException {
    // when
    Path out = dir.resolve("export");
    exporter.export(request(out, DayRange.ALL), ExportListener.NONE);

    // then
    Path file = out.resolve(UserDataExporter.fileName(LakehouseTables.DAILY_METRICS.id()));
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      ParquetMetadata footer = reader.getFooter();
      MessageType schema = footer.getFileMetaData().getSchema();
      assertThat(schema.getType("local_date").getLogicalTypeAnnotation())
          .isEqualTo(LogicalTypeAnnotation.dateType());
      assertThat(schema.getType("computed_at").getLogicalTypeAnnotation())
          .isEqualTo(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS));
      assertThat(schema.getType("user_id").getLogicalTypeAnnotation())
          .isEqualTo(LogicalTypeAnnotation.stringType());
      // the three-level list: <list> (LIST) -> repeated group list -> element
      GroupType sources = schema.getType("sources").asGroupType();
      assertThat(sources.getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.listType());
      assertThat(sources.getType(0).getName()).isEqualTo("list");
      assertThat(sources.getType(0).asGroupType().getType(0).getName()).isEqualTo("element");
      for (ColumnChunkMetaData column : footer.getBlocks().get(0).getColumns()) {
        assertThat(column.getCodec()).isEqualTo(CompressionCodecName.ZSTD);
      }
      assertThat(footer.getFileMetaData().getKeyValueMetaData())
          .containsEntry("vitalake.table", "gold.daily_metrics")
          .containsEntry(
              "vitalake.snapshot-id", snapshots.get(LakehouseTables.DAILY_METRICS).toString());
    }
  }

  @Test
  void describesEveryTableInTheManifest(@TempDir Path dir) throws IOException {
    // when
    Path out = dir.resolve("export");
    exporter.export(request(out, DayRange.ALL), ExportListener.NONE);

    // then
    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.get("user_id").asText()).isEqualTo(PERSON);
    assertThat(manifest.get("exported_at").asText()).isEqualTo(EXPORTED_AT.toString());
    assertThat(manifest.get("days").get("from").isNull()).isTrue();
    List<TableDefinition> personal =
        LakehouseTables.ALL.stream().filter(t -> t.schema().findField("user_id") != null).toList();
    JsonNode tables = manifest.get("tables");
    assertThat(tables).hasSize(personal.size());
    Set<String> expectedFiles = new TreeSet<>(Set.of("manifest.json", "raw"));
    for (int i = 0; i < personal.size(); i++) {
      TableDefinition table = personal.get(i);
      JsonNode node = tables.get(i);
      int rows = appended.containsKey(table) ? expectedRows(table, DayRange.ALL).size() : 0;
      assertThat(node.get("table").asText()).isEqualTo(table.id().toString());
      assertThat(node.get("rows").asLong()).as("%s", table.id()).isEqualTo(rows);
      List<String> columns = new ArrayList<>();
      node.get("columns").forEach(c -> columns.add(c.asText()));
      assertThat(columns)
          .isEqualTo(table.schema().columns().stream().map(NestedField::name).toList());
      if (snapshots.containsKey(table)) {
        assertThat(node.get("snapshot_id").asLong()).isEqualTo(snapshots.get(table));
      } else {
        assertThat(node.get("snapshot_id").isNull()).as("%s", table.id()).isTrue();
      }
      if (rows == 0) {
        assertThat(node.get("file").isNull()).as("%s", table.id()).isTrue();
      } else {
        assertThat(node.get("file").asText()).isEqualTo(table.id() + ".parquet");
        expectedFiles.add(table.id() + ".parquet");
      }
    }
    assertThat(tables.get(personal.indexOf(LakehouseTables.JOURNAL_ENTRIES)).get("rows").asLong())
        .isZero();
    try (Stream<Path> files = Files.list(out)) {
      Set<String> names =
          files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
      assertThat(names).isEqualTo(expectedFiles);
    }
  }

  @Test
  void copiesThePersonsOwnRawPayloadsAndListsSharedOnesWithoutCopying(@TempDir Path dir)
      throws IOException {
    // when
    Path out = dir.resolve("export");
    ExportResult result = exporter.export(request(out, DayRange.ALL), ExportListener.NONE);

    // then
    RawPayloadExport raw = result.rawPayloads().orElseThrow();
    assertThat(raw.copied())
        .extracting(RawPayloadExport.CopiedPayload::ref)
        .containsExactlyInAnyOrder(ownSyncRef, ownLaterRef, ownStatusRef);
    for (RawPayloadExport.CopiedPayload copied : raw.copied()) {
      assertThat(out.resolve(copied.file())).hasBinaryContent(payloads.get(copied.ref()));
    }
    assertThat(out.resolve("raw/sync/2024-03-01/ing-1.json")).exists();
    assertThat(raw.skipped())
        .extracting(RawPayloadExport.SkippedPayload::ref)
        .containsExactlyInAnyOrder(sharedRef, missingOwnRef);
    assertThat(raw.skipped())
        .filteredOn(s -> s.ref().equals(sharedRef))
        .singleElement()
        .satisfies(s -> assertThat(s.reason()).contains("other people's data"));
    try (Stream<Path> all = Files.walk(out)) {
      assertThat(all.filter(Files::isRegularFile).map(Path::toString))
          .noneMatch(p -> p.contains("ing-9") || p.contains("imp-7"));
    }
    JsonNode manifestRaw = JSON.readTree(out.resolve("manifest.json").toFile()).get("raw_payloads");
    assertThat(manifestRaw.get("included").asBoolean()).isTrue();
    assertThat(manifestRaw.get("files")).hasSize(3);
    assertThat(manifestRaw.get("not_copied")).hasSize(2);
  }

  @Test
  void selectsRowsAndRawPayloadsByTheLocalDayOfTheRange(@TempDir Path dir) throws IOException {
    // given
    DayRange secondOfMarch = new DayRange(LocalDate.of(2024, 3, 2), LocalDate.of(2024, 3, 2));
    Path out = dir.resolve("export");

    // when
    ExportResult result = exporter.export(request(out, secondOfMarch), ExportListener.NONE);

    // then
    for (TableDefinition table : appended.keySet()) {
      List<Map<String, Object>> expected = expectedRows(table, secondOfMarch);
      TableExport exported = find(result, table.id());
      assertThat(exported.rows()).as("%s", table.id()).isEqualTo(expected.size());
      if (!expected.isEmpty()) {
        assertThat(readBack(out.resolve(exported.file())))
            .as("%s", table.id())
            .containsExactlyInAnyOrderElementsOf(expected);
      }
    }
    // three samples fall on 2 March locally, one of them at 23:30 UTC on 1 March
    assertThat(find(result, LakehouseTables.WEARABLE_SAMPLES.id()).rows()).isEqualTo(3);
    assertThat(find(result, LakehouseTables.DAILY_METRICS.id()).rows()).isEqualTo(1);
    RawPayloadExport raw = result.rawPayloads().orElseThrow();
    assertThat(raw.copied())
        .extracting(RawPayloadExport.CopiedPayload::ref)
        .containsExactly(ownSyncRef);
    assertThat(raw.skipped())
        .extracting(RawPayloadExport.SkippedPayload::ref)
        .containsExactly(sharedRef);
    JsonNode days = JSON.readTree(out.resolve("manifest.json").toFile()).get("days");
    assertThat(days.get("from").asText()).isEqualTo("2024-03-02");
    assertThat(days.get("to").asText()).isEqualTo("2024-03-02");
  }

  @Test
  void theCommandExportsWithProgressAndASummary(@TempDir Path dir) throws IOException {
    // given
    Path out = dir.resolve("cli-export");
    Cli cli = new Cli();

    // when
    int status =
        cli.run(
            "export",
            "--user",
            PERSON,
            "--out",
            out.toString(),
            "--tables",
            "gold.daily_metrics,bronze.journal_entries,raw");

    // then
    assertThat(status).as(cli.err()).isZero();
    int dailyRows = expectedRows(LakehouseTables.DAILY_METRICS, DayRange.ALL).size();
    assertThat(cli.out())
        .contains("Exporting the data of user " + PERSON)
        .containsPattern(
            "gold\\.daily_metrics +" + dailyRows + " rows .*gold\\.daily_metrics\\.parquet")
        .containsPattern("bronze\\.journal_entries +0 rows")
        .containsPattern("raw payloads +3 files")
        .contains("Exported 2 tables (1 with rows), " + dailyRows + " rows");
    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.get("tables")).hasSize(2);
    assertThat(out.resolve("gold.daily_metrics.parquet")).exists();
  }

  @Test
  void theCommandSaysSoWhenNoTableHoldsRowsOfTheUser(@TempDir Path dir) throws IOException {
    // given
    Path out = dir.resolve("nobody");
    Cli cli = new Cli();

    // when
    int status = cli.run("export", "--user", "Export-A", "--out", out.toString());

    // then: ids are case-sensitive, so this is nobody
    assertThat(status).as(cli.err()).isZero();
    assertThat(cli.out()).contains("No table holds rows of user Export-A");
    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.get("tables")).allSatisfy(t -> assertThat(t.get("rows").asLong()).isZero());
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).containsExactly(out.resolve("manifest.json"));
    }
  }

  @Test
  void theCommandRefusesANonEmptyDirectoryAndLeavesItAlone(@TempDir Path dir) throws IOException {
    // given
    Files.writeString(dir.resolve("notes.txt"), "keep me");
    Cli cli = new Cli();

    // when
    int status = cli.run("export", "--user", PERSON, "--out", dir.toString());

    // then
    assertThat(status).isEqualTo(2);
    assertThat(cli.err()).contains("--out " + dir + " exists and is not empty");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(dir.resolve("notes.txt"));
    }
  }

  @Test
  void theCommandRefusesAnUnknownTableReversedDatesAndABlankUser(@TempDir Path dir) {
    Path out = dir.resolve("never-written");
    Cli cli = new Cli();

    assertThat(
            cli.run(
                "export",
                "--user",
                PERSON,
                "--out",
                out.toString(),
                "--tables",
                "gold.daly_metrics"))
        .isEqualTo(2);
    assertThat(cli.err()).contains("unknown table 'gold.daly_metrics'");

    assertThat(
            cli.run(
                "export",
                "--user",
                PERSON,
                "--out",
                out.toString(),
                "--from",
                "2024-03-10",
                "--to",
                "2024-03-01"))
        .isEqualTo(2);
    assertThat(cli.err()).contains("--from 2024-03-10 is after --to 2024-03-01");

    assertThat(cli.run("export", "--user", " ", "--out", out.toString())).isEqualTo(2);
    assertThat(cli.err()).contains("--user is blank");

    assertThat(cli.run("export", "--user", PERSON, "--out", out.toString(), "--from", "2024-02-30"))
        .isEqualTo(2);
    assertThat(cli.err()).contains("--from '2024-02-30' is not a date");
    assertThat(out).doesNotExist();
  }

  // ------------------------------------------------------------------ fixtures and expectations

  private static ExportRequest request(Path out, DayRange days) {
    return new ExportRequest(UserId.of(PERSON), out, ExportRequest.personalTables(), true, days);
  }

  /** The person's appended rows of {@code table} in {@code days}, as plain Java values. */
  private static List<Map<String, Object>> expectedRows(TableDefinition table, DayRange days) {
    DayColumn dayColumn = DayColumn.find(table.schema()).orElseThrow();
    return appended.getOrDefault(table, List.of()).stream()
        .filter(r -> PERSON.equals(r.getField("user_id")))
        .filter(r -> days.unbounded() || days.contains(localDay(r, dayColumn)))
        .map(r -> plain(r, table))
        .toList();
  }

  /** The local day of a row, worked out here from its columns. */
  private static LocalDate localDay(Record row, DayColumn dayColumn) {
    Object value = row.getField(dayColumn.name());
    if (value instanceof LocalDate date) {
      return date;
    }
    OffsetDateTime at = (OffsetDateTime) value;
    Integer offset =
        dayColumn.offsetColumn() == null ? null : (Integer) row.getField(dayColumn.offsetColumn());
    return at.withOffsetSameInstant(ZoneOffset.ofTotalSeconds(offset == null ? 0 : offset))
        .toLocalDate();
  }

  private static Map<String, Object> plain(Record row, TableDefinition table) {
    Map<String, Object> values = new HashMap<>();
    for (NestedField column : table.schema().columns()) {
      Object value = row.getField(column.name());
      values.put(column.name(), value instanceof OffsetDateTime odt ? odt.toInstant() : value);
    }
    return values;
  }

  /** Every row of an export file as plain Java values, decoded by the file's own logical types. */
  private static List<Map<String, Object>> readBack(Path file) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
            .withDataModel(GenericData.get())
            .build()) {
      for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
        Map<String, Object> values = new HashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
          values.put(field.name(), decode(record.get(field.name()), field.schema()));
        }
        rows.add(values);
      }
    }
    return rows;
  }

  private static Object decode(Object value, Schema schema) {
    if (value == null) {
      return null;
    }
    Schema type = AvroSchemaConverter.getNonNull(schema);
    LogicalType logical = type.getLogicalType();
    if (logical instanceof LogicalTypes.TimestampMicros) {
      return Instant.EPOCH.plus((Long) value, ChronoUnit.MICROS);
    }
    if (logical instanceof LogicalTypes.Date) {
      return LocalDate.EPOCH.plusDays((Integer) value);
    }
    return switch (type.getType()) {
      case STRING -> value.toString();
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (Object element : (List<?>) value) {
          list.add(decode(element, type.getElementType()));
        }
        yield list;
      }
      default -> value;
    };
  }

  private static TableExport find(ExportResult result, TableIdentifier id) {
    return result.tables().stream().filter(t -> t.table().equals(id)).findFirst().orElseThrow();
  }

  private static void append(TableDefinition table, List<Record> rows) {
    appended.put(table, rows);
    snapshots.put(table, new TableAppender(lakehouse).append(table, rows));
  }

  private static String archivePayload(String key, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String ref = archive.put(key, bytes, "application/json");
    payloads.put(ref, bytes);
    return ref;
  }

  private static Record sample(
      String user, String start, Integer offset, double value, String rawRef) {
    Record r =
        org.apache.iceberg.data.GenericRecord.create(LakehouseTables.WEARABLE_SAMPLES.schema());
    OffsetDateTime startTime = OffsetDateTime.parse(start);
    r.setField("ingest_id", "ing-" + user);
    r.setField("received_at", startTime.plusMinutes(5));
    r.setField("user_id", user);
    r.setField("source", "Zürich – 心拍 app");
    r.setField("device", null);
    r.setField("device_type", "watch");
    r.setField("metric", "heart_rate");
    r.setField("value", value);
    r.setField("unit", "bpm");
    r.setField("value_as_sent", value);
    r.setField("start_time", startTime);
    r.setField("end_time", startTime.plusSeconds(59).plusNanos(999_999_000));
    r.setField("zone_offset_seconds", offset);
    r.setField("sample_key", user + "/" + start);
    r.setField("raw_ref", rawRef);
    return r;
  }

  private static Record profile(String user, List<String> goals, String updatedAt) {
    Record r = org.apache.iceberg.data.GenericRecord.create(LakehouseTables.USER_PROFILES.schema());
    r.setField("user_id", user);
    r.setField("birth_year", 1987);
    r.setField("sex", "female");
    r.setField("height_cm", 171.3);
    r.setField("weight_kg", null);
    r.setField("time_zone", "Europe/Oslo");
    r.setField("goals", goals);
    r.setField("updated_at", OffsetDateTime.parse(updatedAt));
    return r;
  }

  private static Record dailyMetrics(String user, LocalDate day, long steps, boolean withSleep) {
    Record r = org.apache.iceberg.data.GenericRecord.create(LakehouseTables.DAILY_METRICS.schema());
    r.setField("user_id", user);
    r.setField("local_date", day);
    r.setField("steps", steps);
    r.setField("active_minutes", 1.0 / 3.0);
    r.setField("resting_hr", 52.25);
    r.setField("sleep_minutes", withSleep ? 431.5 : null);
    r.setField("coverage", 0.958333);
    r.setField("sources", withSleep ? List.of("oura", "fitbit") : List.of());
    r.setField("computed_at", OffsetDateTime.of(2024, 3, 5, 2, 0, 0, 123_000, ZoneOffset.UTC));
    return r;
  }

  private static Record plan(String user, LocalDate day, List<Long> snapshotIds) {
    Record r =
        org.apache.iceberg.data.GenericRecord.create(LakehouseTables.COACHING_PLANS.schema());
    r.setField("user_id", user);
    r.setField("plan_date", day);
    r.setField("plan_json", "{\"title\":\"Rest – \\u00e9t\\u00e9\"}");
    r.setField("model_id", "readiness");
    r.setField("model_version", "7");
    r.setField("input_snapshot_ids", snapshotIds);
    r.setField("created_at", OffsetDateTime.parse("2024-03-02T03:00:00.000007Z"));
    return r;
  }

  private static Record anomaly(String user, LocalDate day, boolean flagged) {
    Record r = org.apache.iceberg.data.GenericRecord.create(LakehouseTables.ANOMALIES.schema());
    r.setField("user_id", user);
    r.setField("local_date", day);
    r.setField("score", flagged ? 3.75 : 0.5);
    r.setField("flagged", flagged);
    return r;
  }

  private static Record journalEntry(String user) {
    Record r =
        org.apache.iceberg.data.GenericRecord.create(LakehouseTables.JOURNAL_ENTRIES.schema());
    r.setField("entry_id", "e-1");
    r.setField("ingest_id", "ing-j");
    r.setField("user_id", user);
    r.setField("entry_type", "meal");
    r.setField("occurred_at", OffsetDateTime.parse("2024-03-02T12:00:00Z"));
    r.setField("zone_offset_seconds", 3600);
    r.setField("content", "{\"name\":\"soup\"}");
    r.setField("received_at", OffsetDateTime.parse("2024-03-02T12:01:00Z"));
    r.setField("raw_ref", othersRef);
    return r;
  }

  /** The real command line, with captured output. */
  private static final class Cli {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
      out.reset();
      err.reset();
      return new LakehouseCommand(
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8))
          .run(List.of(args), env);
    }

    String out() {
      return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
      return err.toString(StandardCharsets.UTF_8);
    }
  }
}
