package org.vitalake.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.EntryId;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;
import org.vitalake.core.journal.EntryType;
import org.vitalake.core.journal.JournalEntry;
import org.vitalake.core.journal.MealContent;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.profile.Sex;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.core.sample.Sample;

class BronzeRecordsTest {

  private static final Instant T = Instant.parse("2026-03-01T07:30:00Z");
  private static final UserId USER = UserId.of("u-bronze");

  private static RecordedSample weight(double kg, String unitAsSent) {
    Sample s =
        new Sample(
            USER,
            Metric.WEIGHT,
            kg,
            T,
            null,
            ZoneOffset.ofHours(2),
            "withings",
            "Body+",
            DeviceType.SCALE,
            unitAsSent);
    return new RecordedSample(s, IngestId.random(), T.plusSeconds(5), "s3://raw/x.json");
  }

  @Test
  void keepsTheValueInTheUnitItWasSentIn() {
    // given 80 kg sent in pounds
    double pounds = 80 / 0.45359237;

    // when
    Record row = BronzeRecords.sample(weight(80.0, "lb"));

    // then
    assertThat(row.getField("value")).isEqualTo(80.0);
    assertThat(row.getField("unit")).isEqualTo("lb");
    assertThat((Double) row.getField("value_as_sent")).isCloseTo(pounds, within(1e-9));
    assertThat(row.getField("zone_offset_seconds")).isEqualTo(7200);
    assertThat(row.getField("device_type")).isEqualTo("scale");
    assertThat(row.getField("sample_key")).isEqualTo(weight(80.0, "lb").sample().sampleKey());
  }

  @Test
  void leavesValueAsSentEmptyForAnUnknownUnitSpelling() {
    assertThat(BronzeRecords.sample(weight(80.0, "stone-ish")).getField("value_as_sent")).isNull();
    assertThat(BronzeRecords.sample(weight(80.0, null)).getField("value_as_sent")).isNull();
  }

  @Test
  void rowsBuiltInTurnKeepTheirOwnStringsAsUtf8() {
    // given samples whose source, device, unit and ingest id change from row to row and back
    IngestId first = IngestId.random();
    IngestId second = IngestId.random();
    String[][] fields = {
      {"withings", "Body+", "kg"},
      {"apple_health", null, "lb"},
      {"withings", "Body+", "kg"},
      {"withings", "Body Scan", null},
    };
    List<RecordedSample> samples = new java.util.ArrayList<>();
    for (int i = 0; i < fields.length; i++) {
      Sample s =
          new Sample(
              USER,
              Metric.WEIGHT,
              70 + i,
              T.plusSeconds(i),
              null,
              null,
              // a fresh String each time, as a parser hands them over
              new String(fields[i][0]),
              fields[i][1] == null ? null : new String(fields[i][1]),
              DeviceType.SCALE,
              fields[i][2]);
      samples.add(new RecordedSample(s, i % 2 == 0 ? first : second, T, "s3://raw/" + i + ".json"));
    }

    // when
    List<StructRow> rows = samples.stream().map(BronzeRecords::sampleRow).toList();

    // then every row holds its own values, as UTF-8 the Parquet writer takes without encoding
    org.apache.iceberg.Schema schema = LakehouseTables.WEARABLE_SAMPLES.schema();
    for (int i = 0; i < rows.size(); i++) {
      StructRow row = rows.get(i);
      RecordedSample recorded = samples.get(i);
      assertThat(text(row, schema, "source")).isEqualTo(fields[i][0]);
      assertThat(text(row, schema, "device")).isEqualTo(fields[i][1]);
      assertThat(text(row, schema, "unit")).isEqualTo(fields[i][2]);
      assertThat(text(row, schema, "ingest_id")).isEqualTo(recorded.ingestId().value());
      assertThat(text(row, schema, "raw_ref")).isEqualTo(recorded.rawRef());
      assertThat(text(row, schema, "metric")).isEqualTo("weight");
      assertThat(text(row, schema, "device_type")).isEqualTo("scale");
      assertThat(text(row, schema, "sample_key")).isEqualTo(recorded.sample().sampleKey());
      assertThat(row.get(position(schema, "source"), Object.class))
          .isInstanceOf(org.apache.avro.util.Utf8.class);
    }
    // and generic records of the same samples hold Strings
    assertThat(BronzeRecords.sample(samples.get(1)).getField("source")).isEqualTo("apple_health");
  }

  private static String text(StructRow row, org.apache.iceberg.Schema schema, String column) {
    Object value = row.get(position(schema, column), Object.class);
    return value == null ? null : value.toString();
  }

  private static int position(org.apache.iceberg.Schema schema, String column) {
    return schema.columns().indexOf(schema.findField(column));
  }

  @Test
  void roundTripsASample() {
    RecordedSample recorded = weight(72.5, "kg");
    assertThat(BronzeRecords.parseSample(BronzeRecords.sample(recorded))).isEqualTo(recorded);
  }

  @Test
  void storesJournalContentAsSnakeCaseJson() {
    // given
    JournalEntry entry =
        new JournalEntry(
            EntryId.random(),
            USER,
            EntryType.MEAL,
            T,
            null,
            new MealContent("Oats", 350.0, 12.0, null, null));
    RecordedJournalEntry recorded = new RecordedJournalEntry(entry, IngestId.random(), T, null);

    // when
    Record row = BronzeRecords.journal(recorded);

    // then
    assertThat(row.getField("content"))
        .isEqualTo("{\"name\":\"Oats\",\"calories\":350.0,\"protein_g\":12.0}");
    assertThat(row.getField("entry_type")).isEqualTo("meal");
    assertThat(BronzeRecords.parseJournal(row)).isEqualTo(recorded);
  }

  @Test
  void roundTripsAProfileWithoutNameOrEmail() {
    // given
    UserProfile profile =
        new UserProfile(
            USER,
            1990,
            Sex.MALE,
            180.0,
            75.5,
            ZoneId.of("America/Denver"),
            List.of("sleep_better"),
            T);

    // when
    Record row = BronzeRecords.profile(profile);

    // then
    assertThat(row.struct().fields()).extracting(f -> f.name()).doesNotContain("name", "email");
    assertThat(row.getField("time_zone")).isEqualTo("America/Denver");
    assertThat(row.getField("goals")).isEqualTo(List.of("sleep_better"));
    assertThat(BronzeRecords.parseProfile(row)).isEqualTo(profile);
  }

  @Test
  void writesTimestampsInUtc() {
    Record row = BronzeRecords.erasureRequest(USER, T, "req-1");
    assertThat(row.getField("requested_at")).isEqualTo(T.atOffset(ZoneOffset.UTC));
    assertThat(row.getField("user_id")).isEqualTo("u-bronze");
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
