package org.vitalake.batch.pipeline;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link PipelineContext} of each running job execution of this JVM. */
public final class PipelineContexts {

  private final Map<Long, PipelineContext> byExecution = new ConcurrentHashMap<>();

  void put(long jobExecutionId, PipelineContext context) {
    byExecution.put(jobExecutionId, context);
  }

  /**
   * The context of a running execution.
   *
   * @throws IllegalStateException when the execution was not started by this JVM's job
   */
  public PipelineContext find(long jobExecutionId) {
    PipelineContext context = byExecution.get(jobExecutionId);
    if (context == null) {
      throw new IllegalStateException(
          "no pipeline context for job execution "
              + jobExecutionId
              + ": was the job started here?");
    }
    return context;
  }

  void remove(long jobExecutionId) {
    PipelineContext context = byExecution.remove(jobExecutionId);
    if (context != null) {
      context.close();
    }
  }
}
