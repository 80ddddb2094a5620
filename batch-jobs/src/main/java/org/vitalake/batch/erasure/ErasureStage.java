package org.vitalake.batch.erasure;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.vitalake.batch.pipeline.PipelineContext;
import org.vitalake.batch.pipeline.PipelineStage;
import org.vitalake.batch.pipeline.StageResult;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.RawArchive;
import org.vitalake.lakehouse.TableDefinition;

/**
 * Step {@code erasure}: carries out {@code bronze.erasure_requests} by deleting the users' archived
 * raw payloads and their rows from every bronze, silver and gold table.
 *
 * <p>Raw payloads go first, while bronze still says which uploads hold the users' data: everything
 * under each user's own prefix, and every upload outside it (a multi-person dataset imported by a
 * service account) that no other user's rows come from. An upload that also holds other people's
 * data is kept and counted in the step's summary, since deleting it would lose their raw record.
 *
 * <p>Every request is applied on every run, so rows that arrived after a request (a late upload of
 * an erased user) are deleted too. Deleted rows stay readable in older snapshots until snapshot
 * expiry (the {@code maintenance} step, {@code VITALAKE_SNAPSHOT_RETENTION_HOURS}) removes them,
 * which bounds how long erased data survives.
 */
public final class ErasureStage implements PipelineStage {

  /** The bronze tables whose rows name the raw payload they came from. */
  static final List<TableDefinition> WITH_RAW_REF =
      List.of(LakehouseTables.WEARABLE_SAMPLES, LakehouseTables.JOURNAL_ENTRIES);

  private final Supplier<RawArchive> rawArchive;

  /**
   * @param rawArchive opens the raw bucket for one run (closed by the step)
   */
  public ErasureStage(Supplier<RawArchive> rawArchive) {
    this.rawArchive = Objects.requireNonNull(rawArchive, "rawArchive");
  }

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
    RawErasure raw = eraseRawPayloads(context, users);
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
        deleted + raw.deleted(),
        deleted
            + " rows of "
            + users.size()
            + " users from "
            + tables
            + " tables, "
            + raw.deleted()
            + " raw payloads"
            + (raw.keptShared() == 0
                ? ""
                : ", " + raw.keptShared() + " shared uploads kept (other users' data too)"));
  }

  /** Raw payloads deleted, and shared uploads kept because other users' rows come from them. */
  record RawErasure(int deleted, int keptShared) {}

  private RawErasure eraseRawPayloads(PipelineContext context, List<String> users) {
    try (RawArchive archive = rawArchive.get()) {
      int deleted = 0;
      for (String user : users) {
        deleted += archive.deleteAll(UserId.of(user));
      }
      Set<String> outside = new TreeSet<>(refsOf(context, users));
      outside.removeIf(ref -> users.stream().anyMatch(u -> ownedBy(archive, ref, u)));
      outside.removeIf(ref -> !ref.startsWith("s3://" + archive.bucket() + "/"));
      if (outside.isEmpty()) {
        return new RawErasure(deleted, 0);
      }
      Set<String> shared = new TreeSet<>(sharedWithOthers(context, users, outside));
      for (String ref : outside) {
        if (!shared.contains(ref)) {
          archive.delete(ref);
          deleted++;
        }
      }
      return new RawErasure(deleted, shared.size());
    }
  }

  private static boolean ownedBy(RawArchive archive, String ref, String user) {
    return ref.startsWith(
        "s3://" + archive.bucket() + "/" + RawArchive.userPrefix(UserId.of(user)));
  }

  /** The distinct raw references of the users' bronze rows. */
  private static List<String> refsOf(PipelineContext context, List<String> users) {
    List<String> refs = new ArrayList<>();
    for (TableDefinition table : WITH_RAW_REF) {
      Dataset<Row> rows =
          context
              .spark()
              .table(context.tableName(table))
              .where(col("user_id").isin(users.toArray()))
              .where(col("raw_ref").isNotNull())
              .select("raw_ref")
              .distinct();
      rows.collectAsList().forEach(r -> refs.add(r.getString(0)));
    }
    return refs;
  }

  /** Which of {@code refs} other users' bronze rows come from too. */
  private static List<String> sharedWithOthers(
      PipelineContext context, List<String> users, Set<String> refs) {
    List<String> shared = new ArrayList<>();
    for (TableDefinition table : WITH_RAW_REF) {
      context
          .spark()
          .table(context.tableName(table))
          .where(col("raw_ref").isin(refs.toArray()))
          .where(col("user_id").isin(users.toArray()).equalTo(false))
          .select("raw_ref")
          .distinct()
          .collectAsList()
          .forEach(r -> shared.add(r.getString(0)));
    }
    return shared;
  }

  private static String quoted(List<String> users) {
    return users.stream()
        .map(u -> "'" + u.replace("'", "''") + "'")
        .collect(Collectors.joining(", "));
  }
}
