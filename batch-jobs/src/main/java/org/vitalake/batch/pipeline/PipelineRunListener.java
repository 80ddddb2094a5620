package org.vitalake.batch.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Fixes a run's {@link PipelineScope} when it starts (kept as is when Spring Batch restarts a
 * failed run, whose execution context it inherits) and opens the {@link PipelineContext} its steps
 * share.
 */
public final class PipelineRunListener implements JobExecutionListener {

  public static final String PARAM_FULL = "full";
  public static final String PARAM_DATE = "date";
  public static final String PARAM_RUN_ID = "run.id";

  private final ObjectProvider<SparkSession> spark;
  private final String catalogName;
  private final Duration arrivalMargin;
  private final JobRepository jobRepository;
  private final PipelineRuns runs;
  private final PipelineContexts contexts;
  private final PrintStream out;
  private final Runnable ensureTables;

  /**
   * @param ensureTables creates the lakehouse tables a newer version added (e.g. after an upgrade)
   *     before a run reads or writes them
   */
  public PipelineRunListener(
      Runnable ensureTables,
      ObjectProvider<SparkSession> spark,
      String catalogName,
      Duration arrivalMargin,
      JobRepository jobRepository,
      PipelineRuns runs,
      PipelineContexts contexts,
      PrintStream out) {
    this.spark = spark;
    this.catalogName = catalogName;
    this.arrivalMargin = arrivalMargin;
    this.jobRepository = jobRepository;
    this.runs = runs;
    this.contexts = contexts;
    this.out = out;
    this.ensureTables = ensureTables;
  }

  @Override
  public void beforeJob(JobExecution execution) {
    ensureTables.run();
    PipelineScope scope = PipelineRuns.scopeOf(execution.getExecutionContext());
    SparkSession session = spark.getObject();
    if (scope == null) {
      JobParameters params = execution.getJobParameters();
      boolean full = Boolean.parseBoolean(params.getString(PARAM_FULL, "false"));
      String date = params.getString(PARAM_DATE, "");
      try {
        scope =
            new PipelineScopeResolver(session, catalogName, arrivalMargin)
                .resolve(
                    full,
                    date == null || date.isBlank() ? null : LocalDate.parse(date),
                    runs.findLastCompletedScope().orElse(null));
      } catch (Exception e) {
        throw new IllegalStateException("cannot read the bronze snapshots: " + e.getMessage(), e);
      }
      scope.toContext().forEach(execution.getExecutionContext()::putString);
      jobRepository.updateExecutionContext(execution);
    } else {
      out.println("restarting with the scope of the failed run");
    }
    out.println("scope: " + scope.reason());
    contexts.put(execution.getId(), new PipelineContext(session, catalogName, scope));
  }

  @Override
  public void afterJob(JobExecution execution) {
    contexts.remove(execution.getId());
  }
}
