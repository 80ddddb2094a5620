package org.vitalake.batch.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.item.ExecutionContext;

/** Reads past runs of the {@code nightlyPipeline} job from the Spring Batch job repository. */
public final class PipelineRuns {

  /** How many job instances are looked at when searching for the last completed run. */
  static final int SEARCH_DEPTH = 500;

  private final JobExplorer explorer;
  private final String jobName;

  public PipelineRuns(JobExplorer explorer, String jobName) {
    this.explorer = explorer;
    this.jobName = jobName;
  }

  /** Executions of the newest {@code count} runs, newest first (restarts included). */
  public List<JobExecution> findRecent(int count) {
    List<JobExecution> executions = new ArrayList<>();
    for (JobInstance instance : explorer.getJobInstances(jobName, 0, count)) {
      executions.addAll(explorer.getJobExecutions(instance));
    }
    executions.sort(Comparator.comparing(JobExecution::getId).reversed());
    return executions.size() > count ? executions.subList(0, count) : executions;
  }

  /** The newest execution of the job, if any. */
  public Optional<JobExecution> findLast() {
    return findRecent(1).stream().findFirst();
  }

  /** The scope of the newest completed run: where the next run starts reading. */
  public Optional<PipelineScope> findLastCompletedScope() {
    for (JobInstance instance : explorer.getJobInstances(jobName, 0, SEARCH_DEPTH)) {
      for (JobExecution execution : explorer.getJobExecutions(instance)) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
          PipelineScope scope = scopeOf(execution.getExecutionContext());
          if (scope != null) {
            return Optional.of(scope);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The scope stored in a job execution context; null when it holds none. */
  public static PipelineScope scopeOf(ExecutionContext context) {
    Map<String, Object> entries = new HashMap<>();
    context.entrySet().forEach(e -> entries.put(e.getKey(), e.getValue()));
    return PipelineScope.fromContext(entries);
  }
}
