package org.vitalake.batch.sql;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.vitalake.batch.TextTable;

/** {@code sql "<query>"}: runs Spark SQL on the lakehouse and prints the result as a table. */
public final class SqlCommand {

  private final SparkSession spark;
  private final PrintStream out;

  public SqlCommand(SparkSession spark, PrintStream out) {
    this.spark = spark;
    this.out = out;
  }

  /**
   * Runs {@code query} and prints at most {@code maxRows} rows.
   *
   * @return rows printed
   * @throws org.apache.spark.sql.AnalysisException with Spark's message for a bad query
   */
  public int run(String query, int maxRows) {
    Dataset<Row> result = spark.sql(query);
    List<Row> rows = result.limit(maxRows + 1).collectAsList();
    TextTable table = new TextTable(List.of(result.columns()));
    int shown = Math.min(rows.size(), maxRows);
    for (Row row : rows.subList(0, shown)) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        values.add(render(row.get(i)));
      }
      table.add(values);
    }
    if (result.columns().length > 0) {
      table.print(out);
    }
    if (rows.size() > maxRows) {
      out.printf("(first %d rows; --max-rows N or VITALAKE_SQL_MAX_ROWS shows more)%n", maxRows);
    } else {
      out.printf("(%d row%s)%n", shown, shown == 1 ? "" : "s");
    }
    return shown;
  }

  static Object render(Object value) {
    if (value instanceof scala.collection.Iterable<?> seq) {
      List<Object> items = new ArrayList<>();
      seq.foreach(
          item -> {
            items.add(render(item));
            return null;
          });
      return items.toString();
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toInstant().toString();
    }
    return value;
  }
}
