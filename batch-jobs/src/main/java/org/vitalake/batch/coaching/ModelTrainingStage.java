package org.vitalake.batch.coaching;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.vitalake.batch.pipeline.PipelineContext;
import org.vitalake.batch.pipeline.PipelineScopeResolver;
import org.vitalake.batch.pipeline.PipelineStage;
import org.vitalake.batch.pipeline.StageResult;
import org.vitalake.coaching.evaluation.AnomalyEvaluation;
import org.vitalake.coaching.evaluation.ReadinessEvaluation;
import org.vitalake.coaching.features.DayObservation;
import org.vitalake.coaching.features.DayObservations;
import org.vitalake.coaching.registry.ModelRegistry;
import org.vitalake.coaching.registry.RegistryEntry;
import org.vitalake.coaching.training.CoachingModelTrainer;
import org.vitalake.coaching.training.ReadinessExamples;
import org.vitalake.coaching.training.ReadinessTrainingConfig;
import org.vitalake.core.daily.DailyMetrics;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableDefinition;

/**
 * Step {@code trainModels}: trains the readiness regression and the vitals anomaly detector on
 * every user with self-reported readiness ({@code silver.wellness}) and their {@code
 * gold.daily_metrics}, except users with an erasure request (erasure runs later) and users who
 * withdrew consent to research ({@link ConsentFilter}), evaluates them leave-users-out and
 * registers both with the snapshot ids they were trained on (seeded: the same snapshots give the
 * same models).
 *
 * <p>Tribuo trains in one JVM, so the labelled users' days are brought to the driver (a few hundred
 * bytes per user-day). The previous registered models stay current when there are too few labelled
 * users, and no new version is registered when the current one was trained on exactly these rows
 * ({@link #rowsId}), so reruns leave the registry and the plans unchanged.
 */
public final class ModelTrainingStage implements PipelineStage {

  public static final int ORDER = 450;

  /** Users needed, each with {@link #MIN_LABELLED_DAYS}: a leave-users-out split needs two. */
  public static final int MIN_USERS = 2;

  /**
   * Self-reported days a user needs to count: the readiness features need 7 earlier reports, so 14
   * gives at least 7 training rows per user.
   */
  public static final int MIN_LABELLED_DAYS = 14;

  /** Folds of the leave-users-out evaluation when there are enough users (as the model card). */
  public static final int MAX_FOLDS = ReadinessEvaluation.DEFAULT_FOLDS;

  public static final long SEED = ReadinessTrainingConfig.DEFAULT_SEED;

  private final Map<String, String> modelStorageEnv;

  /**
   * @param modelStorageEnv the {@code VITALAKE_*} variables of the model storage
   */
  public ModelTrainingStage(Map<String, String> modelStorageEnv) {
    this.modelStorageEnv = Map.copyOf(modelStorageEnv);
  }

  @Override
  public String name() {
    return "trainModels";
  }

  @Override
  public int order() {
    return ORDER;
  }

  @Override
  public StageResult run(PipelineContext context) throws Exception {
    if (!context.hasWork()) {
      return StageResult.skipped("no new bronze rows");
    }
    List<String> snapshotIds = snapshotIds(context);
    ModelRegistry registry =
        new ModelRegistry(
            CoachingModelSource.storage(modelStorageEnv),
            Clock.fixed(context.scope().dataAsOf(), ZoneOffset.UTC));
    var current = registry.findCurrent(ModelRegistry.READINESS_MODEL_ID);
    // training is research: not on users who withdrew consent to it or asked to be erased
    Dataset<Row> labels =
        ConsentFilter.forResearch(
                context, context.spark().table(context.tableName(LakehouseTables.WELLNESS)))
            .where(col("readiness").between(0, 10).and(col("local_date").isNotNull()))
            .select(col("user_id"), col("local_date"), col("readiness").cast("double"));
    Dataset<Row> labelledUsers =
        labels
            .groupBy(col("user_id").as("l_user"))
            .agg(count(lit(1)).as("labelled_days"))
            .where(col("labelled_days").geq(MIN_LABELLED_DAYS));
    Map<String, List<DailyMetrics>> history = new TreeMap<>();
    Map<String, Map<LocalDate, Double>> reports = new TreeMap<>();
    for (Row r :
        labels
            .join(labelledUsers, col("user_id").equalTo(col("l_user")), "left_semi")
            .collectAsList()) {
      reports
          .computeIfAbsent(r.getString(0), u -> new TreeMap<>())
          .put(r.getDate(1).toLocalDate(), r.getDouble(2));
    }
    Dataset<Row> daily =
        context
            .spark()
            .table(context.tableName(LakehouseTables.DAILY_METRICS))
            .join(labelledUsers, col("user_id").equalTo(col("l_user")), "left_semi");
    long rowsIn = 0;
    for (Row r : daily.collectAsList()) {
      String user = r.getString(r.fieldIndex("user_id"));
      history
          .computeIfAbsent(user, u -> new ArrayList<>())
          .add(CoachingTransforms.dailyMetrics(UserId.of(user), r));
      rowsIn++;
    }
    Map<String, List<DayObservation>> users = new TreeMap<>();
    int withExamples = 0;
    int withVitals = 0;
    ReadinessExamples examples = new ReadinessExamples();
    AnomalyEvaluation vitals = new AnomalyEvaluation(MIN_USERS, SEED);
    for (Map.Entry<String, Map<LocalDate, Double>> user : reports.entrySet()) {
      List<DayObservation> days =
          DayObservations.from(history.getOrDefault(user.getKey(), List.of()), user.getValue());
      users.put(user.getKey(), days);
      withExamples += examples.create(user.getKey(), days).isEmpty() ? 0 : 1;
      withVitals += vitals.scorable(days).isEmpty() ? 0 : 1;
    }
    rowsIn += reports.values().stream().mapToLong(Map::size).sum();
    int usable = Math.min(withExamples, withVitals);
    if (usable < MIN_USERS) {
      return new StageResult(
          rowsIn,
          0,
          "not trained: "
              + withExamples
              + " users with at least "
              + MIN_LABELLED_DAYS
              + " self-reported readiness days and "
              + withVitals
              + " with vitals baselines; training needs "
              + MIN_USERS
              + " of each"
              + current.map(e -> ", kept " + e.modelId() + " " + e.versionLabel()).orElse(""));
    }
    String rows = rowsId(users);
    if (current.isPresent() && current.get().trainingSnapshotIds().contains(rows)) {
      return new StageResult(
          rowsIn,
          0,
          "kept "
              + current.get().modelId()
              + " "
              + current.get().versionLabel()
              + ": trained on exactly these "
              + users.size()
              + " users' rows");
    }
    List<String> trainedOn = new ArrayList<>(snapshotIds);
    trainedOn.add(rows);
    CoachingModelTrainer.Trained trained =
        new CoachingModelTrainer(registry, Math.min(MAX_FOLDS, usable), SEED)
            .trainAndRegister(users, trainedOn);
    RegistryEntry readiness = trained.readiness();
    return new StageResult(
        rowsIn,
        2,
        String.format(
            java.util.Locale.ROOT,
            "registered %s %s (MAE %.3f, user mean %.3f) and %s %s on %d users",
            readiness.modelId(),
            readiness.versionLabel(),
            readiness.metrics().getOrDefault("mae_model", Double.NaN),
            readiness.metrics().getOrDefault("mae_user_mean", Double.NaN),
            trained.anomaly().modelId(),
            trained.anomaly().versionLabel(),
            users.size()));
  }

  /**
   * {@code <table>@<snapshot id>} of the bronze snapshots the run read and of the current gold and
   * silver inputs.
   */
  static List<String> snapshotIds(PipelineContext context) throws Exception {
    List<String> ids = new ArrayList<>();
    for (TableDefinition table : PipelineScopeResolver.BRONZE_INPUTS) {
      Long id = context.dataSnapshotId(table);
      if (id != null) {
        ids.add(table.qualifiedName() + "@" + id);
      }
    }
    for (TableDefinition table : List.of(LakehouseTables.DAILY_METRICS, LakehouseTables.WELLNESS)) {
      Snapshot snapshot =
          Spark3Util.loadIcebergTable(context.spark(), context.tableName(table)).currentSnapshot();
      if (snapshot != null) {
        ids.add(table.qualifiedName() + "@" + snapshot.snapshotId());
      }
    }
    return ids;
  }

  /**
   * {@code rows@sha256:<hex>} of the training rows. Training is seeded, so the same rows give the
   * same models: a run whose rows the current version was trained on (a rerun, {@code --full}, new
   * data of unlabelled users) keeps it, and reruns leave the registry and the plans unchanged.
   * Snapshot ids cannot decide this: compaction commits new bronze snapshots of the same rows.
   */
  static String rowsId(Map<String, List<DayObservation>> users) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, List<DayObservation>> user : new TreeMap<>(users).entrySet()) {
        digest.update((user.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
        for (DayObservation day : user.getValue()) {
          digest.update((day + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      return "rows@sha256:" + HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
