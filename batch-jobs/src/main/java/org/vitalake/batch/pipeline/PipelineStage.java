package org.vitalake.batch.pipeline;

/**
 * One step of the nightly pipeline. Every Spring bean of this type becomes a step of the {@code
 * nightlyPipeline} job, ordered by {@link #order()}; this is how the coaching steps (readiness,
 * training, plans) join the job without editing it: declare a bean with an order between {@link
 * #EXTENSIONS_FIRST} and {@link #EXTENSIONS_LAST}, and it runs after {@code dailyMetrics} and
 * before {@code erasure}.
 *
 * <p>A stage must be idempotent for its {@link PipelineContext#scope()}: write with {@link
 * PipelineContext#overwriteDays}, never blind-append, so a rerun or a restart after a failure
 * leaves the same tables.
 */
public interface PipelineStage {

  int NORMALIZE_SAMPLES = 100;
  int NORMALIZE_JOURNAL = 200;
  int DAILY_METRICS = 300;

  /** First order an extension stage (coaching) may use: after {@code dailyMetrics}. */
  int EXTENSIONS_FIRST = 400;

  /** Last order an extension stage may use: before {@code erasure}. */
  int EXTENSIONS_LAST = 799;

  int ERASURE = 800;
  int MAINTENANCE = 900;

  /** The step name, saying its role ({@code normalizeSamples}, {@code readiness}, ...). */
  String name();

  /** Position in the job; built-in stages use the constants of this interface. */
  int order();

  /** Runs the stage for the run's scope. */
  StageResult run(PipelineContext context) throws Exception;
}
