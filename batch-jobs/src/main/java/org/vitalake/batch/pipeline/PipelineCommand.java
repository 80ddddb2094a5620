package org.vitalake.batch.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.vitalake.batch.TextTable;

/**
 * {@code pipeline run [--date D] [--full]} and {@code pipeline status}: starts the job (restarting
 * the last run first when it failed or its JVM died), prints a summary per step, and lists past
 * runs.
 */
public final class PipelineCommand {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final JobLauncher launcher;
  private final JobRepository repository;
  private final Job job;
  private final PipelineRuns runs;
  private final PrintStream out;

  public PipelineCommand(
      JobLauncher launcher, JobRepository repository, Job job, PipelineRuns runs, PrintStream out) {
    this.launcher = launcher;
    this.repository = repository;
    this.job = job;
    this.runs = runs;
    this.out = out;
  }

  /**
   * Runs the pipeline. When the last run did not complete, it is restarted first (same scope); a
   * new run follows only when the request differs from the restarted one.
   *
   * @return the last execution
   */
  public JobExecution run(boolean full, LocalDate date) throws Exception {
    JobExecution last = runs.findLast().orElse(null);
    if (last != null && needsRestart(last)) {
      abandonIfDead(last);
      out.println(
          "restarting run "
              + last.getJobParameters().getLong(PipelineRunListener.PARAM_RUN_ID)
              + ", which ended "
              + last.getStatus());
      JobExecution restarted = launchAndReport(last.getJobParameters());
      boolean sameRequest =
          Objects.equals(
                  last.getJobParameters().getString(PipelineRunListener.PARAM_FULL),
                  String.valueOf(full))
              && Objects.equals(
                  last.getJobParameters().getString(PipelineRunListener.PARAM_DATE),
                  date == null ? "" : date.toString());
      if (restarted.getStatus() != BatchStatus.COMPLETED || sameRequest) {
        return restarted;
      }
    }
    long runId =
        runs.findLast()
                .map(e -> e.getJobParameters().getLong(PipelineRunListener.PARAM_RUN_ID, 0L))
                .orElse(0L)
            + 1;
    JobParameters params =
        new JobParametersBuilder()
            .addLong(PipelineRunListener.PARAM_RUN_ID, runId)
            .addString(PipelineRunListener.PARAM_FULL, String.valueOf(full))
            .addString(PipelineRunListener.PARAM_DATE, date == null ? "" : date.toString())
            .toJobParameters();
    out.println(
        "pipeline run " + runId + (full ? " (full)" : "") + (date == null ? "" : " date " + date));
    return launchAndReport(params);
  }

  /**
   * Gives up the last run when it did not complete, so that the next {@code pipeline run} starts a
   * new one instead of restarting it: for a run that fails the same way on every restart (bad data
   * a step refuses, a bug), which would otherwise hold back every later run. Nothing is lost: a new
   * run reads the bronze snapshots committed since the last completed run, the abandoned run's
   * included.
   *
   * @return whether a run was abandoned
   */
  public boolean abandon() {
    JobExecution last = runs.findLast().orElse(null);
    if (last == null || !needsRestart(last)) {
      out.println(
          last == null
              ? "no pipeline runs yet: nothing to abandon"
              : "nothing to abandon: run "
                  + last.getJobParameters().getLong(PipelineRunListener.PARAM_RUN_ID)
                  + " ended "
                  + last.getStatus());
      return false;
    }
    abandonIfDead(last);
    LocalDateTime now = LocalDateTime.now();
    for (StepExecution step : last.getStepExecutions()) {
      if (step.getStatus() != BatchStatus.COMPLETED) {
        step.setStatus(BatchStatus.ABANDONED);
        repository.update(step);
      }
    }
    last.setStatus(BatchStatus.ABANDONED);
    last.setExitStatus(
        last.getExitStatus().addExitDescription("abandoned by the operator at " + now.withNano(0)));
    repository.update(last);
    out.println(
        "run "
            + last.getJobParameters().getLong(PipelineRunListener.PARAM_RUN_ID)
            + " abandoned; the next 'pipeline run' starts a new run over the days touched since the"
            + " last completed run");
    return true;
  }

  /** Prints the last {@code count} executions with state, start, end and exit message. */
  public void status(int count) {
    List<JobExecution> executions = runs.findRecent(count);
    if (executions.isEmpty()) {
      out.println("no pipeline runs yet: ./vitalake pipeline run");
      return;
    }
    TextTable table =
        new TextTable(List.of("run>", "execution>", "state", "started", "ended", "exit message"));
    for (JobExecution e : executions) {
      table.add(
          List.of(
              e.getJobParameters().getLong(PipelineRunListener.PARAM_RUN_ID, 0L),
              e.getId(),
              e.getStatus(),
              format(e.getStartTime()),
              format(e.getEndTime()),
              shorten(exitMessage(e.getExitStatus()))));
    }
    table.print(out);
  }

  private JobExecution launchAndReport(JobParameters params) throws Exception {
    JobExecution execution = launcher.run(job, params);
    TextTable table =
        new TextTable(List.of("step", "state", "rows in>", "rows out>", "duration>", "note"));
    for (StepExecution step : execution.getStepExecutions()) {
      table.add(
          List.of(
              step.getStepName(),
              step.getStatus(),
              count(step.getExecutionContext().getLong(StageTasklet.ROWS_IN, -1)),
              count(step.getExecutionContext().getLong(StageTasklet.ROWS_OUT, -1)),
              seconds(step.getStartTime(), step.getEndTime()),
              shorten(
                  step.getExecutionContext()
                      .getString(StageTasklet.NOTE, exitMessage(step.getExitStatus())))));
    }
    out.println();
    table.print(out);
    out.println();
    out.println(
        "run "
            + params.getLong(PipelineRunListener.PARAM_RUN_ID)
            + " "
            + execution.getStatus()
            + " in "
            + seconds(execution.getStartTime(), execution.getEndTime())
            + (execution.getStatus() == BatchStatus.COMPLETED
                ? ""
                : ": " + shorten(exitMessage(execution.getExitStatus()))));
    return execution;
  }

  private static boolean needsRestart(JobExecution last) {
    BatchStatus status = last.getStatus();
    return status == BatchStatus.FAILED
        || status == BatchStatus.STOPPED
        || status == BatchStatus.STARTED
        || status == BatchStatus.STARTING
        || status == BatchStatus.STOPPING
        || status == BatchStatus.UNKNOWN;
  }

  /**
   * A run still marked running was left so by a JVM that died (the job repository file admits one
   * process at a time): mark it failed so Spring Batch can restart it.
   */
  private void abandonIfDead(JobExecution last) {
    if (!last.getStatus().isRunning()) {
      return;
    }
    LocalDateTime now = LocalDateTime.now();
    for (StepExecution step : last.getStepExecutions()) {
      if (step.getStatus().isRunning()) {
        step.setStatus(BatchStatus.FAILED);
        step.setExitStatus(
            ExitStatus.FAILED.addExitDescription("the batch JVM stopped during this step"));
        step.setEndTime(now);
        repository.update(step);
      }
    }
    last.setStatus(BatchStatus.FAILED);
    last.setExitStatus(
        ExitStatus.FAILED.addExitDescription("the batch JVM stopped during this run"));
    last.setEndTime(now);
    repository.update(last);
  }

  private static String exitMessage(ExitStatus status) {
    if (status == null) {
      return "";
    }
    String description = status.getExitDescription();
    return description == null || description.isBlank()
        ? status.getExitCode()
        : status.getExitCode() + ": " + description;
  }

  private static String shorten(String text) {
    if (text == null) {
      return "";
    }
    String firstLine = text.lines().findFirst().orElse("");
    return firstLine.length() > 120 ? firstLine.substring(0, 117) + "..." : firstLine;
  }

  private static String count(long n) {
    return n < 0 ? "-" : String.format("%,d", n);
  }

  private static String seconds(LocalDateTime start, LocalDateTime end) {
    if (start == null) {
      return "-";
    }
    Duration d = Duration.between(start, end == null ? LocalDateTime.now() : end);
    return String.format("%.1f s", d.toMillis() / 1000.0);
  }

  private static String format(LocalDateTime time) {
    return time == null ? "" : TIME.format(time);
  }
}
