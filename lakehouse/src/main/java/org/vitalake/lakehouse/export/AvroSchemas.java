package org.vitalake.lakehouse.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.iceberg.avro.AvroSchemaUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Derives the Avro schema of an export file from an Iceberg schema, with the logical types that
 * pandas, pyarrow, DuckDB and Spark read back as dates and instants.
 *
 * <p>Written here rather than taken from Iceberg's {@code AvroSchemaUtil.convert}, which is built
 * for Iceberg's own Avro files: it marks a timestamp without zone as {@code timestamp-micros} with
 * an {@code adjust-to-utc=false} property that parquet-avro ignores, so the Parquet column would
 * claim to be UTC. Here a {@code timestamptz} becomes {@code timestamp-micros} (Parquet {@code
 * TIMESTAMP(MICROS, isAdjustedToUTC=true)}) and a timestamp without zone {@code
 * local-timestamp-micros}. Optional columns are unions with {@code null} first and default {@code
 * null}; column docs are kept.
 */
public final class AvroSchemas {

  /**
   * Avro namespace of export records; the Iceberg namespace is appended ({@code vitalake.gold}).
   */
  public static final String NAMESPACE = "vitalake";

  private AvroSchemas() {}

  /**
   * The Avro record schema of rows of {@code schema}.
   *
   * @param name the record name, e.g. the table name {@code daily_metrics}
   * @param namespace the record namespace, e.g. {@code vitalake.gold}
   * @throws IllegalArgumentException naming the column whose type has no export mapping (variant,
   *     geometry, geography, unknown)
   */
  public static Schema fromIceberg(
      org.apache.iceberg.Schema schema, String name, String namespace) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    return struct(schema.asStruct(), AvroSchemaUtil.makeCompatibleName(name), namespace, "");
  }

  private static Schema struct(
      Types.StructType struct, String name, String namespace, String path) {
    List<Schema.Field> fields = new ArrayList<>();
    for (NestedField field : struct.fields()) {
      String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
      String fieldName = AvroSchemaUtil.makeCompatibleName(field.name());
      Schema type = type(field.type(), name + "_" + fieldName, namespace, fieldPath);
      if (field.isOptional()) {
        fields.add(
            new Schema.Field(fieldName, optional(type), field.doc(), JsonProperties.NULL_VALUE));
      } else {
        fields.add(new Schema.Field(fieldName, type, field.doc()));
      }
    }
    return Schema.createRecord(name, null, namespace, false, fields);
  }

  private static Schema type(Type type, String name, String namespace, String path) {
    return switch (type.typeId()) {
      case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
      case INTEGER -> Schema.create(Schema.Type.INT);
      case LONG -> Schema.create(Schema.Type.LONG);
      case FLOAT -> Schema.create(Schema.Type.FLOAT);
      case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
      case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
      case TIME -> LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG));
      case TIMESTAMP ->
          (((Types.TimestampType) type).shouldAdjustToUTC()
                  ? LogicalTypes.timestampMicros()
                  : LogicalTypes.localTimestampMicros())
              .addToSchema(Schema.create(Schema.Type.LONG));
      case TIMESTAMP_NANO ->
          (((Types.TimestampNanoType) type).shouldAdjustToUTC()
                  ? LogicalTypes.timestampNanos()
                  : LogicalTypes.localTimestampNanos())
              .addToSchema(Schema.create(Schema.Type.LONG));
      case STRING -> Schema.create(Schema.Type.STRING);
      case UUID -> LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
      case FIXED -> Schema.createFixed(name, null, namespace, ((Types.FixedType) type).length());
      case BINARY -> Schema.create(Schema.Type.BYTES);
      case DECIMAL -> {
        Types.DecimalType decimal = (Types.DecimalType) type;
        yield LogicalTypes.decimal(decimal.precision(), decimal.scale())
            .addToSchema(Schema.create(Schema.Type.BYTES));
      }
      case STRUCT -> struct(type.asStructType(), name, namespace, path);
      case LIST -> {
        Types.ListType list = type.asListType();
        Schema element = type(list.elementType(), name + "_element", namespace, path + ".element");
        yield Schema.createArray(list.isElementOptional() ? optional(element) : element);
      }
      case MAP -> map(type.asMapType(), name, namespace, path);
      default ->
          throw new IllegalArgumentException(
              "column "
                  + path
                  + " has type "
                  + type
                  + ", which an export file cannot hold; supported are the primitive types,"
                  + " struct, list and map");
    };
  }

  /**
   * A map with string keys becomes an Avro map; any other key type an array of key/value records,
   * since Avro map keys are always strings.
   */
  private static Schema map(Types.MapType map, String name, String namespace, String path) {
    Schema value = type(map.valueType(), name + "_value", namespace, path + ".value");
    Schema nullableValue = map.isValueOptional() ? optional(value) : value;
    if (map.keyType().typeId() == Type.TypeID.STRING) {
      return Schema.createMap(nullableValue);
    }
    Schema key = type(map.keyType(), name + "_key", namespace, path + ".key");
    return SchemaBuilder.array()
        .items(
            Schema.createRecord(
                name + "_entry",
                null,
                namespace,
                false,
                List.of(
                    new Schema.Field("key", key),
                    map.isValueOptional()
                        ? new Schema.Field("value", nullableValue, null, JsonProperties.NULL_VALUE)
                        : new Schema.Field("value", nullableValue))));
  }

  private static Schema optional(Schema type) {
    return Schema.createUnion(Schema.create(Schema.Type.NULL), type);
  }
}
