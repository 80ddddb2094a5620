package org.vitalake.batch.coaching;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_seconds;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.vitalake.batch.pipeline.PipelineContext;
import org.vitalake.core.consent.Purpose;
import org.vitalake.lakehouse.LakehouseTables;

/**
 * Keeps the rows of users whose consent to a purpose is in effect, by the rule of core's {@code
 * Consents}: a purpose is withdrawn when the user's decision with the highest version about it says
 * so, and in effect otherwise (also for users who never decided). Decisions are read from {@code
 * bronze.user_consents} as they were when the run first asked ({@link
 * PipelineContext#consentDecisions}), so a withdrawal recorded before a run is applied by that run,
 * and every step of it applies the same decisions.
 *
 * <p>Two readings of "in effect": now ({@link #inEffect}), for what a run does with everything it
 * has (training a model), and on a day ({@link #inEffectOnDay}), for what a run computes about one
 * day (a plan): a decision counts from the UTC day it was recorded, so a rerun or a {@code --full}
 * run computes the same days a nightly run did, and the days before a withdrawal keep their plans.
 */
public final class ConsentFilter {

  private ConsentFilter() {}

  /**
   * The users ({@code withdrawn_user}) whose latest decision about {@code purpose} withdrew it.
   *
   * @param decisions rows of {@code bronze.user_consents}; a version may appear twice
   */
  public static Dataset<Row> withdrawn(Dataset<Row> decisions, Purpose purpose) {
    // a struct's maximum compares its first field first: the highest version wins
    return decisions
        .where(col("purpose").equalTo(purpose.code()))
        .groupBy(col("user_id").as("withdrawn_user"))
        .agg(max(struct(col("version"), col("granted"))).as("latest"))
        .where(not(col("latest.granted")))
        .select(col("withdrawn_user"));
  }

  /** {@code rows} without those of users who withdrew {@code purpose}. */
  public static Dataset<Row> inEffect(
      Dataset<Row> rows, String userColumn, Dataset<Row> decisions, Purpose purpose) {
    return rows.join(
        withdrawn(decisions, purpose),
        rows.col(userColumn).equalTo(col("withdrawn_user")),
        "left_anti");
  }

  /**
   * {@code rows} without those whose user had withdrawn {@code purpose} on the row's day: the
   * latest decision recorded on or before that day (UTC) withdrew it.
   */
  public static Dataset<Row> inEffectOnDay(
      Dataset<Row> rows,
      String userColumn,
      String dayColumn,
      Dataset<Row> decisions,
      Purpose purpose) {
    Dataset<Row> about =
        broadcast(
            decisions
                .where(col("purpose").equalTo(purpose.code()))
                .select(
                    col("user_id").as("c_user"),
                    // the UTC day, whatever the session's time zone
                    date_from_unix_date(
                            floor(unix_seconds(col("recorded_at")).divide(86_400)).cast("int"))
                        .as("c_day"),
                    col("version").as("c_version"),
                    col("granted").as("c_granted")));
    Dataset<Row> withdrawnDays =
        rows.select(col(userColumn).as("w_user"), col(dayColumn).as("w_day"))
            .distinct()
            .join(about, col("w_user").equalTo(col("c_user")).and(col("c_day").leq(col("w_day"))))
            .groupBy(col("w_user"), col("w_day"))
            .agg(max(struct(col("c_version"), col("c_granted"))).as("latest"))
            .where(not(col("latest.c_granted")));
    return rows.join(
        withdrawnDays,
        rows.col(userColumn).equalTo(col("w_user")).and(rows.col(dayColumn).equalTo(col("w_day"))),
        "left_anti");
  }

  /** {@code rows} without those of users who withdrew {@code purpose}, by the run's decisions. */
  public static Dataset<Row> inEffect(
      PipelineContext context, Dataset<Row> rows, String userColumn, Purpose purpose) {
    return inEffect(rows, userColumn, context.consentDecisions(), purpose);
  }

  /** {@link #inEffectOnDay} on the run's decisions ({@link PipelineContext#consentDecisions}). */
  public static Dataset<Row> inEffectOnDay(
      PipelineContext context,
      Dataset<Row> rows,
      String userColumn,
      String dayColumn,
      Purpose purpose) {
    return inEffectOnDay(rows, userColumn, dayColumn, context.consentDecisions(), purpose);
  }

  /**
   * {@code rows} (with a {@code user_id}) of the users research may use now: their research consent
   * is in effect and they have no erasure request (the {@code erasure} step runs after the steps
   * that use this, and a user who asked to be erased must not be learnt from meanwhile).
   */
  public static Dataset<Row> forResearch(PipelineContext context, Dataset<Row> rows) {
    Dataset<Row> erased =
        context
            .spark()
            .table(context.tableName(LakehouseTables.ERASURE_REQUESTS))
            .select(col("user_id").as("e_user"))
            .distinct();
    return inEffect(context, rows, "user_id", Purpose.RESEARCH)
        .join(erased, col("user_id").equalTo(col("e_user")), "left_anti");
  }
}
