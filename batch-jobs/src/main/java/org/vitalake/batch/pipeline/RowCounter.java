package org.vitalake.batch.pipeline;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;

/**
 * Counts the rows flowing through a dataset while another action (a table write) runs it, so the
 * pipeline reports rows in and out without reading anything twice.
 */
public final class RowCounter {

  private final Observation observation = new Observation("rows-" + UUID.randomUUID());
  private boolean observed;

  /** {@code rows}, counted when an action runs it; call at most once. */
  public Dataset<Row> observe(Dataset<Row> rows) {
    if (observed) {
      throw new IllegalStateException("a RowCounter observes one dataset");
    }
    observed = true;
    return rows.observe(observation, count(lit(1)).as("rows"));
  }

  /**
   * The count after the action finished; -1 when the plan never ran the observed part (Spark
   * delivers the metric asynchronously, so this waits up to 30 s).
   */
  public long rows() {
    if (!observed) {
      return 0;
    }
    try {
      Row row = Await.result(observation.future(), Duration.create(30, TimeUnit.SECONDS));
      return row.isNullAt(0) ? -1 : row.getLong(0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (Exception e) {
      // the observed part of the plan did not run (or the metric never arrived)
      return -1;
    }
  }
}
