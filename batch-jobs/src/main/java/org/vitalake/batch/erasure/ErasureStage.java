package org.vitalake.batch.erasure;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.vitalake.batch.pipeline.PipelineContext;
import org.vitalake.batch.pipeline.PipelineStage;
import org.vitalake.batch.pipeline.StageResult;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableDefinition;

/**
 * Step {@code erasure}: carries out {@code bronze.erasure_requests} by deleting the users' rows
 * from every bronze, silver and gold table.
 *
 * <p>Every request is applied on every run, so rows that arrived after a request (a late upload of
 * an erased user) are deleted too. Deleted rows stay readable in older snapshots until snapshot
 * expiry (the {@code maintenance} step, {@code VITALAKE_SNAPSHOT_RETENTION_HOURS}) removes them,
 * which bounds how long erased data survives.
 */
public final class ErasureStage implements PipelineStage {

  @Override
  public String name() {
    return "erasure";
  }

  @Override
  public int order() {
    return ERASURE;
  }

  @Override
  public StageResult run(PipelineContext context) {
    SparkSession spark = context.spark();
    List<String> users =
        spark
            .table(context.tableName(LakehouseTables.ERASURE_REQUESTS))
            .select("user_id")
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .sorted()
            .toList();
    if (users.isEmpty()) {
      return StageResult.skipped("no erasure requests");
    }
    long deleted = 0;
    int tables = 0;
    for (TableDefinition table : LakehouseTables.ALL) {
      if (table.equals(LakehouseTables.ERASURE_REQUESTS)
          || table.schema().findField("user_id") == null) {
        continue;
      }
      String name = context.tableName(table);
      long present = spark.table(name).where(col("user_id").isin(users.toArray())).count();
      if (present == 0) {
        continue; // no empty delete commits
      }
      spark.sql("DELETE FROM " + name + " WHERE user_id IN (" + quoted(users) + ")");
      deleted += present;
      tables++;
    }
    return new StageResult(
        users.size(),
        deleted,
        deleted + " rows of " + users.size() + " users from " + tables + " tables");
  }

  private static String quoted(List<String> users) {
    return users.stream()
        .map(u -> "'" + u.replace("'", "''") + "'")
        .collect(Collectors.joining(", "));
  }
}
