package org.vitalake.lakehouse.export;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Turns rows of Iceberg's generic reader into Avro records of the schema {@link AvroSchemas}
 * derives: dates become days since the epoch, timestamps microseconds (or nanoseconds) since the
 * epoch, so parquet-avro writes them with their logical types and no conversion registry is needed.
 */
public final class AvroRecordConverter {

  private final Schema schema;
  private final Conversion[] fields;

  private AvroRecordConverter(Schema schema, Conversion[] fields) {
    this.schema = schema;
    this.fields = fields;
  }

  /**
   * A converter from rows of {@code icebergSchema} to records of {@code avroSchema}, which must be
   * {@link AvroSchemas#fromIceberg} of the same schema.
   */
  public static AvroRecordConverter create(
      org.apache.iceberg.Schema icebergSchema, Schema avroSchema) {
    Objects.requireNonNull(icebergSchema, "icebergSchema");
    Objects.requireNonNull(avroSchema, "avroSchema");
    return new AvroRecordConverter(
        avroSchema, fieldConverters(icebergSchema.asStruct(), avroSchema));
  }

  /** The Avro schema of the records {@link #convert} returns. */
  public Schema schema() {
    return schema;
  }

  /** The Avro record of one row, its fields taken by position. */
  public GenericRecord convert(StructLike row) {
    return struct(row, schema, fields);
  }

  private static GenericRecord struct(StructLike row, Schema schema, Conversion[] fields) {
    GenericData.Record record = new GenericData.Record(schema);
    for (int i = 0; i < fields.length; i++) {
      Object value = row.get(i, Object.class);
      record.put(i, value == null ? null : fields[i].apply(value));
    }
    return record;
  }

  private static Conversion[] fieldConverters(Types.StructType struct, Schema avroRecord) {
    List<NestedField> icebergFields = struct.fields();
    List<Schema.Field> avroFields = avroRecord.getFields();
    if (icebergFields.size() != avroFields.size()) {
      throw new IllegalArgumentException(
          "Avro record "
              + avroRecord.getFullName()
              + " has "
              + avroFields.size()
              + " fields, the Iceberg struct "
              + icebergFields.size());
    }
    Conversion[] converters = new Conversion[icebergFields.size()];
    for (int i = 0; i < converters.length; i++) {
      converters[i] = converter(icebergFields.get(i).type(), nonNull(avroFields.get(i).schema()));
    }
    return converters;
  }

  private static Conversion converter(Type type, Schema avro) {
    return switch (type.typeId()) {
      case BOOLEAN, INTEGER, LONG, FLOAT, DOUBLE -> value -> value;
      case STRING -> value -> value.toString();
      case UUID -> value -> value.toString();
      case DATE -> value -> (int) ((LocalDate) value).toEpochDay();
      case TIME -> value -> ((LocalTime) value).toNanoOfDay() / 1_000L;
      case TIMESTAMP -> value -> ChronoUnit.MICROS.between(Instant.EPOCH, instant(value));
      case TIMESTAMP_NANO -> value -> ChronoUnit.NANOS.between(Instant.EPOCH, instant(value));
      case FIXED -> value -> new GenericData.Fixed(avro, bytes(value));
      case BINARY -> value -> ByteBuffer.wrap(bytes(value));
      case DECIMAL -> {
        int scale = ((Types.DecimalType) type).scale();
        yield value ->
            ByteBuffer.wrap(
                ((BigDecimal) value)
                    .setScale(scale, RoundingMode.UNNECESSARY)
                    .unscaledValue()
                    .toByteArray());
      }
      case STRUCT -> {
        Conversion[] nested = fieldConverters(type.asStructType(), avro);
        yield value -> struct((StructLike) value, avro, nested);
      }
      case LIST -> {
        Conversion element =
            nullSafe(converter(type.asListType().elementType(), nonNull(avro.getElementType())));
        yield value -> {
          List<?> list = (List<?>) value;
          List<Object> converted = new ArrayList<>(list.size());
          for (Object e : list) {
            converted.add(element.apply(e));
          }
          return converted;
        };
      }
      case MAP -> map(type.asMapType(), avro);
      default ->
          throw new IllegalArgumentException("no export conversion for Iceberg type " + type);
    };
  }

  private static Conversion map(Types.MapType type, Schema avro) {
    if (avro.getType() == Schema.Type.MAP) {
      Conversion value = nullSafe(converter(type.valueType(), nonNull(avro.getValueType())));
      return map -> {
        Map<String, Object> converted = new LinkedHashMap<>();
        ((Map<?, ?>) map).forEach((k, v) -> converted.put(k.toString(), value.apply(v)));
        return converted;
      };
    }
    Schema entry = avro.getElementType();
    Conversion key = converter(type.keyType(), entry.getField("key").schema());
    Conversion value =
        nullSafe(converter(type.valueType(), nonNull(entry.getField("value").schema())));
    return map -> {
      List<Object> entries = new ArrayList<>();
      ((Map<?, ?>) map)
          .forEach(
              (k, v) -> {
                GenericData.Record r = new GenericData.Record(entry);
                r.put(0, key.apply(k));
                r.put(1, value.apply(v));
                entries.add(r);
              });
      return entries;
    };
  }

  private static Conversion nullSafe(Conversion converter) {
    return value -> value == null ? null : converter.apply(value);
  }

  private static Instant instant(Object value) {
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof LocalDateTime ldt) {
      return ldt.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof Instant i) {
      return i;
    }
    throw new IllegalArgumentException(
        "expected a timestamp value, got " + value.getClass().getName());
  }

  private static byte[] bytes(Object value) {
    if (value instanceof byte[] array) {
      return array;
    }
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] array = new byte[buffer.remaining()];
    buffer.get(array);
    return array;
  }

  /** The non-null branch of an optional column's union. */
  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    return schema.getTypes().stream()
        .filter(s -> s.getType() != Schema.Type.NULL)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("union without a value type: " + schema));
  }

  /** Turns one non-null Iceberg value into its Avro representation. */
  @FunctionalInterface
  private interface Conversion {
    Object apply(Object value);
  }
}
