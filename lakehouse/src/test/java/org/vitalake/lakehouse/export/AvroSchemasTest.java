package org.vitalake.lakehouse.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableDefinition;

class AvroSchemasTest {

  private static final org.apache.iceberg.Schema EVERY_TYPE =
      new org.apache.iceberg.Schema(
          NestedField.required(1, "id", Types.StringType.get(), "row id"),
          NestedField.optional(2, "flag", Types.BooleanType.get()),
          NestedField.optional(3, "count", Types.IntegerType.get()),
          NestedField.optional(4, "total", Types.LongType.get()),
          NestedField.optional(5, "ratio", Types.FloatType.get()),
          NestedField.required(6, "value", Types.DoubleType.get()),
          NestedField.optional(7, "day", Types.DateType.get()),
          NestedField.optional(8, "clock", Types.TimeType.get()),
          NestedField.required(9, "at", Types.TimestampType.withZone(), "an instant"),
          NestedField.optional(10, "wall", Types.TimestampType.withoutZone()),
          NestedField.optional(11, "key", Types.UUIDType.get()),
          NestedField.optional(12, "digest", Types.FixedType.ofLength(4)),
          NestedField.optional(13, "blob", Types.BinaryType.get()),
          NestedField.optional(14, "amount", Types.DecimalType.of(9, 2)),
          NestedField.optional(15, "tags", Types.ListType.ofRequired(20, Types.StringType.get())),
          NestedField.optional(
              16, "readings", Types.ListType.ofOptional(21, Types.DoubleType.get())),
          NestedField.optional(
              17,
              "place",
              Types.StructType.of(
                  NestedField.required(22, "name", Types.StringType.get()),
                  NestedField.optional(23, "since", Types.DateType.get()))),
          NestedField.optional(
              18,
              "labels",
              Types.MapType.ofRequired(24, 25, Types.StringType.get(), Types.LongType.get())),
          NestedField.optional(
              19,
              "by_hour",
              Types.MapType.ofOptional(26, 27, Types.IntegerType.get(), Types.DoubleType.get())));

  @Test
  void mapsTimestampsWithZoneToTimestampMicrosAndWithoutZoneToLocalTimestampMicros() {
    // when
    Schema avro = AvroSchemas.fromIceberg(EVERY_TYPE, "every_type", "vitalake.test");

    // then
    assertThat(avro.getField("at").schema().getLogicalType())
        .isEqualTo(LogicalTypes.timestampMicros());
    assertThat(valueType(avro, "wall").getLogicalType())
        .isEqualTo(LogicalTypes.localTimestampMicros());
    assertThat(valueType(avro, "day").getLogicalType()).isEqualTo(LogicalTypes.date());
    assertThat(valueType(avro, "clock").getLogicalType()).isEqualTo(LogicalTypes.timeMicros());
    assertThat(valueType(avro, "key").getLogicalType()).isEqualTo(LogicalTypes.uuid());
    assertThat(valueType(avro, "amount").getLogicalType()).isEqualTo(LogicalTypes.decimal(9, 2));
    assertThat(valueType(avro, "digest").getFixedSize()).isEqualTo(4);
  }

  @Test
  void makesOptionalColumnsNullableWithNullDefaultAndKeepsRequiredOnesPlain() {
    // when
    Schema avro = AvroSchemas.fromIceberg(EVERY_TYPE, "every_type", "vitalake.test");

    // then
    Schema.Field optional = avro.getField("flag");
    assertThat(optional.schema().getType()).isEqualTo(Schema.Type.UNION);
    assertThat(optional.schema().getTypes().get(0).getType()).isEqualTo(Schema.Type.NULL);
    assertThat(optional.hasDefaultValue()).isTrue();
    assertThat(optional.defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
    assertThat(avro.getField("id").schema().getType()).isEqualTo(Schema.Type.STRING);
    assertThat(avro.getField("value").schema().getType()).isEqualTo(Schema.Type.DOUBLE);
    assertThat(avro.getField("id").doc()).isEqualTo("row id");
    assertThat(avro.getFullName()).isEqualTo("vitalake.test.every_type");
  }

  @Test
  void mapsListsStructsAndMaps() {
    // when
    Schema avro = AvroSchemas.fromIceberg(EVERY_TYPE, "every_type", "vitalake.test");

    // then
    Schema tags = valueType(avro, "tags");
    assertThat(tags.getType()).isEqualTo(Schema.Type.ARRAY);
    assertThat(tags.getElementType().getType()).isEqualTo(Schema.Type.STRING);
    Schema readings = valueType(avro, "readings");
    assertThat(readings.getElementType().getType()).isEqualTo(Schema.Type.UNION);
    Schema place = valueType(avro, "place");
    assertThat(place.getType()).isEqualTo(Schema.Type.RECORD);
    assertThat(place.getFields()).extracting(Schema.Field::name).containsExactly("name", "since");
    assertThat(place.getFullName()).isNotEqualTo(avro.getFullName());
    assertThat(valueType(avro, "labels").getType()).isEqualTo(Schema.Type.MAP);
    Schema byHour = valueType(avro, "by_hour");
    assertThat(byHour.getType()).isEqualTo(Schema.Type.ARRAY);
    assertThat(byHour.getElementType().getFields())
        .extracting(Schema.Field::name)
        .containsExactly("key", "value");
    // and the whole schema survives its own JSON form
    assertThat(new Schema.Parser().parse(avro.toString())).isEqualTo(avro);
  }

  @Test
  void everyLakehouseTableConvertsToAParquetSchemaWithItsColumnsInOrder() {
    PlainParquetConfiguration conf =
        new PlainParquetConfiguration(Map.of(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, "false"));
    for (TableDefinition table : LakehouseTables.ALL) {
      // when
      Schema avro = AvroSchemas.fromIceberg(table.schema(), table.id().name(), "vitalake.test");
      MessageType parquet = new AvroSchemaConverter(conf).convert(avro);

      // then
      List<String> columns = table.schema().columns().stream().map(NestedField::name).toList();
      assertThat(avro.getFields()).extracting(Schema.Field::name).isEqualTo(columns);
      for (NestedField column : table.schema().columns()) {
        LogicalTypeAnnotation annotation =
            parquet.getType(column.name()).getLogicalTypeAnnotation();
        switch (column.type().typeId()) {
          case TIMESTAMP ->
              assertThat(annotation)
                  .as("%s.%s", table.id(), column.name())
                  .isEqualTo(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS));
          case DATE ->
              assertThat(annotation)
                  .as("%s.%s", table.id(), column.name())
                  .isEqualTo(LogicalTypeAnnotation.dateType());
          case STRING ->
              assertThat(annotation)
                  .as("%s.%s", table.id(), column.name())
                  .isEqualTo(LogicalTypeAnnotation.stringType());
          case LIST ->
              assertThat(annotation)
                  .as("%s.%s", table.id(), column.name())
                  .isEqualTo(LogicalTypeAnnotation.listType());
          default -> assertThat(annotation).as("%s.%s", table.id(), column.name()).isNull();
        }
      }
    }
  }

  @Test
  void refusesATypeWithoutAnExportMappingNamingTheColumn() {
    // given
    org.apache.iceberg.Schema schema =
        new org.apache.iceberg.Schema(NestedField.optional(1, "payload", Types.VariantType.get()));

    // then
    assertThatThrownBy(() -> AvroSchemas.fromIceberg(schema, "t", "vitalake.test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column payload")
        .hasMessageContaining("variant");
  }

  @Test
  void convertsRowsToTheEpochBasedValuesOfTheLogicalTypes() {
    // given
    Schema avro = AvroSchemas.fromIceberg(EVERY_TYPE, "every_type", "vitalake.test");
    AvroRecordConverter converter = AvroRecordConverter.create(EVERY_TYPE, avro);
    OffsetDateTime at = OffsetDateTime.parse("2024-03-01T23:30:00.123456+02:00");
    LocalDateTime wall = LocalDateTime.parse("2024-03-01T07:15:00.000001");
    LocalDate day = LocalDate.parse("2024-02-29");
    UUID key = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    Record row = org.apache.iceberg.data.GenericRecord.create(EVERY_TYPE);
    row.setField("id", "Zürich – 心拍");
    row.setField("flag", true);
    row.setField("count", -7);
    row.setField("total", Long.MAX_VALUE);
    row.setField("ratio", 0.25f);
    row.setField("value", 0.1 + 0.2);
    row.setField("day", day);
    row.setField("clock", LocalTime.parse("13:45:00.000250"));
    row.setField("at", at);
    row.setField("wall", wall);
    row.setField("key", key);
    row.setField("digest", new byte[] {1, 2, 3, 4});
    row.setField("blob", ByteBuffer.wrap(new byte[] {9, 8}));
    row.setField("amount", new BigDecimal("-1234.50"));
    row.setField("tags", List.of("sleep", "steps"));
    row.setField("readings", java.util.Arrays.asList(1.5, null));
    Record place =
        org.apache.iceberg.data.GenericRecord.create(EVERY_TYPE.findType("place").asStructType());
    place.setField("name", "home");
    place.setField("since", null);
    row.setField("place", place);
    row.setField("labels", Map.of("a", 1L));
    row.setField("by_hour", Map.of(7, 2.5));

    // when
    GenericRecord converted = converter.convert(row);

    // then
    assertThat(GenericData.get().validate(avro, converted)).isTrue();
    assertThat(converted.get("id")).isEqualTo("Zürich – 心拍");
    assertThat(converted.get("flag")).isEqualTo(true);
    assertThat(converted.get("count")).isEqualTo(-7);
    assertThat(converted.get("total")).isEqualTo(Long.MAX_VALUE);
    assertThat(converted.get("ratio")).isEqualTo(0.25f);
    assertThat(converted.get("value")).isEqualTo(0.1 + 0.2);
    // 2024-03-01T21:30:00.123456Z: whole seconds since the epoch, then the microseconds
    long atSeconds = Instant.parse("2024-03-01T21:30:00Z").getEpochSecond();
    assertThat(converted.get("at")).isEqualTo(atSeconds * 1_000_000L + 123_456L);
    long wallSeconds = Instant.parse("2024-03-01T07:15:00Z").getEpochSecond();
    assertThat(converted.get("wall")).isEqualTo(wallSeconds * 1_000_000L + 1L);
    assertThat(converted.get("day"))
        .isEqualTo((int) ChronoUnit.DAYS.between(LocalDate.of(1970, 1, 1), day));
    assertThat(converted.get("clock")).isEqualTo((13 * 3600L + 45 * 60L) * 1_000_000L + 250L);
    assertThat(converted.get("key")).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    assertThat(((GenericData.Fixed) converted.get("digest")).bytes()).containsExactly(1, 2, 3, 4);
    assertThat(((ByteBuffer) converted.get("blob")).array()).containsExactly(9, 8);
    assertThat(new BigInteger(((ByteBuffer) converted.get("amount")).array()))
        .isEqualTo(BigInteger.valueOf(-123450));
    assertThat(converted.get("tags")).isEqualTo(List.of("sleep", "steps"));
    assertThat(converted.get("readings")).isEqualTo(java.util.Arrays.asList(1.5, null));
    GenericRecord convertedPlace = (GenericRecord) converted.get("place");
    assertThat(convertedPlace.get("name")).isEqualTo("home");
    assertThat(convertedPlace.get("since")).isNull();
    assertThat(converted.get("labels")).isEqualTo(Map.of("a", 1L));
    GenericRecord entry = (GenericRecord) ((List<?>) converted.get("by_hour")).get(0);
    assertThat(entry.get("key")).isEqualTo(7);
    assertThat(entry.get("value")).isEqualTo(2.5);
  }

  @Test
  void leavesEmptyOptionalColumnsNull() {
    // given
    Schema avro = AvroSchemas.fromIceberg(EVERY_TYPE, "every_type", "vitalake.test");
    Record row = org.apache.iceberg.data.GenericRecord.create(EVERY_TYPE);
    row.setField("id", "only-required");
    row.setField("value", -0.0);
    row.setField("at", OffsetDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC));

    // when
    GenericRecord converted = AvroRecordConverter.create(EVERY_TYPE, avro).convert(row);

    // then
    assertThat(GenericData.get().validate(avro, converted)).isTrue();
    assertThat(converted.get("tags")).isNull();
    assertThat(converted.get("place")).isNull();
    assertThat(Double.doubleToRawLongBits((Double) converted.get("value")))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    // one microsecond before the epoch
    assertThat(converted.get("at")).isEqualTo(-1L);
  }

  private static Schema valueType(Schema record, String field) {
    return AvroSchemaConverter.getNonNull(record.getField(field).schema());
  }
}
