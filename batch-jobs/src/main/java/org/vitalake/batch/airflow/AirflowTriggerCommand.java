package org.vitalake.batch.airflow;

import java.io.PrintStream;
import java.time.LocalDate;
import org.vitalake.batch.airflow.client.model.DAGRunResponse;
import org.vitalake.batch.airflow.client.model.DagRunState;

/** {@code pipeline trigger}: queues the pipeline DAG on Airflow and, with --wait, follows it. */
public final class AirflowTriggerCommand {

  private final AirflowPipelineTrigger trigger;
  private final PrintStream out;

  public AirflowTriggerCommand(AirflowPipelineTrigger trigger, PrintStream out) {
    this.trigger = trigger;
    this.out = out;
  }

  /** Returns the exit code: 0 queued (or succeeded when waiting), 1 failed. */
  public int run(LocalDate date, boolean full, boolean wait) throws InterruptedException {
    DAGRunResponse run = trigger.trigger(date, full);
    out.printf(
        "queued %s run %s for %s%s: %s%n",
        run.getDagId(), run.getDagRunId(), date, full ? " (full)" : "", state(run));
    if (!wait) {
      return 0;
    }
    DAGRunResponse last =
        trigger.await(
            run, changed -> out.printf("  %s: %s%n", changed.getDagRunId(), state(changed)));
    out.printf("%s %s%n", last.getDagRunId(), state(last));
    return last.getState() == DagRunState.SUCCESS ? 0 : 1;
  }

  private static String state(DAGRunResponse run) {
    return run.getState() == null ? "unknown" : run.getState().getValue();
  }
}
