package org.vitalake.batch.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import org.vitalake.batch.TextTable;

/** Records every completed Spark stage, so a benchmark can show where a step's time goes. */
final class SparkStageTimes extends SparkListener {

  private record Stage(
      int id,
      String name,
      int tasks,
      double seconds,
      double taskSeconds,
      double cpuSeconds,
      long recordsIn,
      long shuffleReadBytes,
      long shuffleWriteBytes,
      long spillBytes,
      long recordsOut) {}

  private final List<Stage> stages = new ArrayList<>();

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted event) {
    StageInfo info = event.stageInfo();
    TaskMetrics m = info.taskMetrics();
    long submitted = info.submissionTime().isDefined() ? (Long) info.submissionTime().get() : 0;
    long completed = info.completionTime().isDefined() ? (Long) info.completionTime().get() : 0;
    stages.add(
        new Stage(
            info.stageId(),
            info.name(),
            info.numTasks(),
            (completed - submitted) / 1000.0,
            m == null ? 0 : m.executorRunTime() / 1000.0,
            m == null ? 0 : m.executorCpuTime() / 1e9,
            m == null ? 0 : m.inputMetrics().recordsRead() + m.shuffleReadMetrics().recordsRead(),
            m == null ? 0 : m.shuffleReadMetrics().totalBytesRead(),
            m == null ? 0 : m.shuffleWriteMetrics().bytesWritten(),
            m == null ? 0 : m.diskBytesSpilled(),
            m == null
                ? 0
                : m.outputMetrics().recordsWritten() + m.shuffleWriteMetrics().recordsWritten()));
  }

  /** Prints the stages that took at least {@code minSeconds}, in the order they ran. */
  synchronized void print(PrintStream out, double minSeconds) {
    TextTable table =
        new TextTable(
            List.of(
                "stage>",
                "call site",
                "tasks>",
                "seconds>",
                "task s>",
                "cpu s>",
                "records in>",
                "records out>",
                "shuffle read MB>",
                "shuffle write MB>",
                "spill MB>"));
    for (Stage s : stages) {
      if (s.seconds() < minSeconds) {
        continue;
      }
      table.add(
          List.of(
              String.valueOf(s.id()),
              s.name(),
              String.valueOf(s.tasks()),
              String.format("%.1f", s.seconds()),
              String.format("%.1f", s.taskSeconds()),
              String.format("%.1f", s.cpuSeconds()),
              String.format("%,d", s.recordsIn()),
              String.format("%,d", s.recordsOut()),
              String.format("%.0f", s.shuffleReadBytes() / 1e6),
              String.format("%.0f", s.shuffleWriteBytes() / 1e6),
              String.format("%.0f", s.spillBytes() / 1e6)));
    }
    out.println();
    out.println("Spark stages of the job taking at least " + minSeconds + " s:");
    table.print(out);
  }
}
