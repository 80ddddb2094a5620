package org.vitalake.lakehouse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.util.Utf8;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.vitalake.core.consent.ConsentDecision;
import org.vitalake.core.consent.Purpose;
import org.vitalake.core.id.EntryId;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;
import org.vitalake.core.journal.EntryType;
import org.vitalake.core.journal.JournalContent;
import org.vitalake.core.journal.JournalEntry;
import org.vitalake.core.journal.RecordedJournalEntry;
import org.vitalake.core.metric.IncompatibleUnitException;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.UnknownUnitException;
import org.vitalake.core.profile.Sex;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.RecordedSample;
import org.vitalake.core.sample.Sample;

/**
 * Maps core domain values to rows of the bronze tables and back, so every writer and reader of
 * bronze uses the same column mapping.
 */
public final class BronzeRecords {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private BronzeRecords() {}

  /** A {@code bronze.wearable_samples} row. */
  public static Record sample(RecordedSample recorded) {
    StructRow row = sampleRow(recorded);
    Record r = SampleColumns.TEMPLATE.copy();
    for (int i = 0; i < row.size(); i++) {
      Object value = row.get(i, Object.class);
      // generic records hold strings as String
      r.set(i, value instanceof Utf8 utf8 ? utf8.toString() : value);
    }
    // the instants as given (a Parquet file keeps microseconds), as generic records hold them
    r.set(SampleColumns.RECEIVED_AT, utc(recorded.receivedAt()));
    r.set(SampleColumns.START_TIME, utc(recorded.sample().start()));
    r.set(SampleColumns.END_TIME, utc(recorded.sample().end()));
    return r;
  }

  /**
   * A {@code bronze.wearable_samples} row in Iceberg's internal representation, for {@link
   * TableAppender#writeRowDataFiles}: the form ingest-api's group commit and imports write. Its
   * strings are UTF-8 already ({@link Utf8}), which Iceberg's Parquet writer takes as they are: the
   * labels and ids that repeat from row to row are encoded once per run of equal values instead of
   * once per row.
   */
  public static StructRow sampleRow(RecordedSample recorded) {
    Sample s = recorded.sample();
    RepeatedStrings strings = RepeatedStrings.PER_THREAD.get();
    // on the ingest hot path: set by position, no per-field name lookups or java.time conversions
    StructRow r = new StructRow(SampleColumns.COUNT);
    r.set(
        SampleColumns.INGEST_ID,
        strings.utf8(SampleColumns.INGEST_ID, recorded.ingestId().value()));
    r.set(SampleColumns.RECEIVED_AT, micros(recorded.receivedAt()));
    r.set(SampleColumns.USER_ID, strings.utf8(SampleColumns.USER_ID, s.userId().value()));
    r.set(SampleColumns.SOURCE, strings.utf8(SampleColumns.SOURCE, s.source()));
    r.set(SampleColumns.DEVICE, strings.utf8(SampleColumns.DEVICE, s.device()));
    r.set(SampleColumns.DEVICE_TYPE, SampleColumns.DEVICE_TYPE_CODES[s.deviceType().ordinal()]);
    r.set(SampleColumns.METRIC, SampleColumns.METRIC_CODES[s.metric().ordinal()]);
    r.set(SampleColumns.VALUE, s.value());
    r.set(SampleColumns.UNIT, strings.utf8(SampleColumns.UNIT, s.unitAsSent()));
    r.set(SampleColumns.VALUE_AS_SENT, valueAsSent(s));
    r.set(SampleColumns.START_TIME, micros(s.start()));
    r.set(SampleColumns.END_TIME, micros(s.end()));
    r.set(SampleColumns.ZONE_OFFSET_SECONDS, offsetSeconds(s.zoneOffset()));
    r.set(SampleColumns.SAMPLE_KEY, new Utf8(s.sampleKeyAscii()));
    r.set(SampleColumns.RAW_REF, strings.utf8(SampleColumns.RAW_REF, recorded.rawRef()));
    return r;
  }

  /**
   * The {@link Utf8} of the string each column held in the previous row built on this thread, kept
   * for the next row: the rows of one request or import batch share their ingest id, raw reference
   * and user, and mostly their source, device and unit.
   */
  private static final class RepeatedStrings {
    static final ThreadLocal<RepeatedStrings> PER_THREAD =
        ThreadLocal.withInitial(RepeatedStrings::new);

    private final String[] strings = new String[SampleColumns.COUNT];
    private final Utf8[] encoded = new Utf8[SampleColumns.COUNT];

    Utf8 utf8(int column, String value) {
      if (value == null) {
        return null;
      }
      String previous = strings[column];
      if (value != previous && !value.equals(previous)) {
        strings[column] = value;
        encoded[column] = new Utf8(value);
      }
      return encoded[column];
    }
  }

  /** Positions of the {@code bronze.wearable_samples} columns, resolved once from the schema. */
  private static final class SampleColumns {
    static final Schema SCHEMA = LakehouseTables.WEARABLE_SAMPLES.schema();
    static final GenericRecord TEMPLATE = GenericRecord.create(SCHEMA);
    static final int COUNT = SCHEMA.columns().size();
    static final int INGEST_ID = position("ingest_id");
    static final int RECEIVED_AT = position("received_at");
    static final int USER_ID = position("user_id");
    static final int SOURCE = position("source");
    static final int DEVICE = position("device");
    static final int DEVICE_TYPE = position("device_type");
    static final int METRIC = position("metric");
    static final int VALUE = position("value");
    static final int UNIT = position("unit");
    static final int VALUE_AS_SENT = position("value_as_sent");
    static final int START_TIME = position("start_time");
    static final int END_TIME = position("end_time");
    static final int ZONE_OFFSET_SECONDS = position("zone_offset_seconds");
    static final int SAMPLE_KEY = position("sample_key");
    static final int RAW_REF = position("raw_ref");
    static final Utf8[] METRIC_CODES =
        Arrays.stream(Metric.values()).map(m -> new Utf8(m.code())).toArray(Utf8[]::new);
    static final Utf8[] DEVICE_TYPE_CODES =
        Arrays.stream(DeviceType.values()).map(d -> new Utf8(d.code())).toArray(Utf8[]::new);

    private static int position(String column) {
      List<Types.NestedField> columns = SCHEMA.columns();
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).name().equals(column)) {
          return i;
        }
      }
      throw new IllegalStateException("bronze.wearable_samples has no column " + column);
    }
  }

  /** The sample a {@code bronze.wearable_samples} row holds. */
  public static RecordedSample parseSample(Record r) {
    Sample sample =
        new Sample(
            UserId.of((String) r.getField("user_id")),
            Metric.parse((String) r.getField("metric")),
            (Double) r.getField("value"),
            instant(r.getField("start_time")),
            instant(r.getField("end_time")),
            offset(r.getField("zone_offset_seconds")),
            (String) r.getField("source"),
            (String) r.getField("device"),
            DeviceType.parse((String) r.getField("device_type")),
            (String) r.getField("unit"));
    return new RecordedSample(
        sample,
        IngestId.of((String) r.getField("ingest_id")),
        instant(r.getField("received_at")),
        (String) r.getField("raw_ref"));
  }

  /** A {@code bronze.journal_entries} row, its content serialized from the entry. */
  public static Record journal(RecordedJournalEntry recorded) {
    return journal(recorded, contentJson(recorded.entry().content()));
  }

  /**
   * A {@code bronze.journal_entries} row with {@code contentJson} as its content (for callers that
   * already hold the serialized content).
   */
  public static Record journal(RecordedJournalEntry recorded, String contentJson) {
    Objects.requireNonNull(contentJson, "contentJson");
    JournalEntry e = recorded.entry();
    Record r = GenericRecord.create(LakehouseTables.JOURNAL_ENTRIES.schema());
    r.setField("entry_id", e.entryId().value());
    r.setField("ingest_id", recorded.ingestId().value());
    r.setField("user_id", e.userId().value());
    r.setField("entry_type", e.type().code());
    r.setField("occurred_at", utc(e.occurredAt()));
    r.setField("zone_offset_seconds", offsetSeconds(e.zoneOffset()));
    r.setField("content", contentJson);
    r.setField("received_at", utc(recorded.receivedAt()));
    r.setField("raw_ref", recorded.rawRef());
    return r;
  }

  /** The entry a {@code bronze.journal_entries} row holds. */
  public static RecordedJournalEntry parseJournal(Record r) {
    EntryType type = EntryType.parse((String) r.getField("entry_type"));
    JournalEntry entry =
        new JournalEntry(
            EntryId.of((String) r.getField("entry_id")),
            UserId.of((String) r.getField("user_id")),
            type,
            instant(r.getField("occurred_at")),
            offset(r.getField("zone_offset_seconds")),
            JournalContent.parse(type, parseContent((String) r.getField("content"))));
    return new RecordedJournalEntry(
        entry,
        IngestId.of((String) r.getField("ingest_id")),
        instant(r.getField("received_at")),
        (String) r.getField("raw_ref"));
  }

  /** The JSON text stored in {@code content}: the content's canonical snake_case fields. */
  public static String contentJson(JournalContent content) {
    try {
      return JSON.writeValueAsString(content.toMap());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize " + content.type().code(), e);
    }
  }

  /** A {@code bronze.user_profiles} row. */
  public static Record profile(UserProfile p) {
    Record r = GenericRecord.create(LakehouseTables.USER_PROFILES.schema());
    r.setField("user_id", p.userId().value());
    r.setField("birth_year", p.birthYear());
    r.setField("sex", p.sex().code());
    r.setField("height_cm", p.heightCm());
    r.setField("weight_kg", p.weightKg());
    r.setField("time_zone", p.timeZone() == null ? null : p.timeZone().getId());
    r.setField("goals", List.copyOf(p.goals()));
    r.setField("updated_at", utc(p.updatedAt()));
    return r;
  }

  /** The profile a {@code bronze.user_profiles} row holds. */
  public static UserProfile parseProfile(Record r) {
    String zone = (String) r.getField("time_zone");
    @SuppressWarnings("unchecked")
    List<String> goals = (List<String>) r.getField("goals");
    return new UserProfile(
        UserId.of((String) r.getField("user_id")),
        (Integer) r.getField("birth_year"),
        Sex.parse((String) r.getField("sex")),
        (Double) r.getField("height_cm"),
        (Double) r.getField("weight_kg"),
        zone == null ? null : ZoneId.of(zone),
        goals,
        instant(r.getField("updated_at")));
  }

  /** A {@code bronze.user_consents} row. */
  public static Record consent(ConsentDecision d) {
    Record r = GenericRecord.create(LakehouseTables.USER_CONSENTS.schema());
    r.setField("user_id", d.userId().value());
    r.setField("purpose", d.purpose().code());
    r.setField("version", d.version());
    r.setField("granted", d.granted());
    r.setField("policy_version", d.policyVersion());
    r.setField("recorded_at", utc(d.recordedAt()));
    return r;
  }

  /** The decision a {@code bronze.user_consents} row holds. */
  public static ConsentDecision parseConsent(Record r) {
    return new ConsentDecision(
        UserId.of((String) r.getField("user_id")),
        Purpose.parse((String) r.getField("purpose")),
        (Integer) r.getField("version"),
        (Boolean) r.getField("granted"),
        (String) r.getField("policy_version"),
        instant(r.getField("recorded_at")));
  }

  /** A {@code bronze.erasure_requests} row. */
  public static Record erasureRequest(UserId user, Instant requestedAt, String requestId) {
    Record r = GenericRecord.create(LakehouseTables.ERASURE_REQUESTS.schema());
    r.setField("user_id", user.value());
    r.setField("requested_at", utc(requestedAt));
    r.setField("request_id", Objects.requireNonNull(requestId, "requestId"));
    return r;
  }

  /** An instant as the {@code OffsetDateTime} Iceberg's generic records use for timestamptz. */
  public static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** An instant as Iceberg's internal timestamptz value: microseconds since the epoch. */
  private static Long micros(Instant instant) {
    return instant == null
        ? null
        : Math.addExact(
            Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** The instant of a timestamptz value read by Iceberg's generic reader. */
  public static Instant instant(Object timestamptz) {
    return timestamptz == null ? null : ((OffsetDateTime) timestamptz).toInstant();
  }

  /** The sample's value in the unit the vendor sent, when that unit is known. */
  private static Double valueAsSent(Sample s) {
    if (s.unitAsSent() == null) {
      return null;
    }
    try {
      return s.metric().fromCanonical(s.value(), s.metric().parseUnit(s.unitAsSent()));
    } catch (UnknownUnitException | IncompatibleUnitException e) {
      return null; // kept as sent in 'unit'; the canonical value is what counts
    }
  }

  private static Map<String, Object> parseContent(String json) {
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("journal content is not a JSON object: " + json, e);
    }
  }

  private static Integer offsetSeconds(ZoneOffset offset) {
    return offset == null ? null : offset.getTotalSeconds();
  }

  private static ZoneOffset offset(Object seconds) {
    return seconds == null ? null : ZoneOffset.ofTotalSeconds((Integer) seconds);
  }
}
