package org.vitalake.batch.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;

/**
 * Runs one {@link PipelineStage} as a Spring Batch tasklet: records rows in and out in the step
 * execution and prints a progress line before and after.
 */
public final class StageTasklet implements Tasklet, StepExecutionListener {

  static final String ROWS_IN = "vitalake.rowsIn";
  static final String ROWS_OUT = "vitalake.rowsOut";
  static final String NOTE = "vitalake.note";

  private final PipelineStage stage;
  private final PipelineContexts contexts;
  private final PrintStream out;
  private final int position;
  private final int total;

  public StageTasklet(
      PipelineStage stage, PipelineContexts contexts, PrintStream out, int position, int total) {
    this.stage = stage;
    this.contexts = contexts;
    this.out = out;
    this.position = position;
    this.total = total;
  }

  @Override
  public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext)
      throws Exception {
    StepExecution step = chunkContext.getStepContext().getStepExecution();
    PipelineContext context = contexts.find(step.getJobExecutionId());
    StageResult result = stage.run(context);
    step.getExecutionContext().putLong(ROWS_IN, result.rowsIn());
    step.getExecutionContext().putLong(ROWS_OUT, result.rowsOut());
    step.getExecutionContext().putString(NOTE, result.note());
    contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(result.note()));
    return RepeatStatus.FINISHED;
  }

  @Override
  public void beforeStep(StepExecution step) {
    out.printf("[%d/%d] %s ...%n", position, total, stage.name());
    out.flush();
  }

  @Override
  public ExitStatus afterStep(StepExecution step) {
    long in = step.getExecutionContext().getLong(ROWS_IN, -1);
    long written = step.getExecutionContext().getLong(ROWS_OUT, -1);
    if (in >= 0) {
      step.setReadCount(in);
    }
    if (written >= 0) {
      step.setWriteCount(written);
    }
    LocalDateTime started = step.getStartTime();
    Duration took =
        started == null ? Duration.ZERO : Duration.between(started, LocalDateTime.now());
    String outcome =
        step.getFailureExceptions().isEmpty()
            ? step.getExecutionContext().getString(NOTE, "")
            : "FAILED: " + rootMessage(step.getFailureExceptions().get(0));
    out.printf(
        "[%d/%d] %s %s in %.1f s: %s%n",
        position,
        total,
        stage.name(),
        step.getFailureExceptions().isEmpty() ? "done" : "failed",
        took.toMillis() / 1000.0,
        outcome);
    out.flush();
    return null;
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
