package org.vitalake.batch.pipeline;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vitalake.batch.BatchProperties;
import org.vitalake.batch.daily.DailyMetricsStage;
import org.vitalake.batch.erasure.ErasureStage;
import org.vitalake.batch.maintenance.MaintenanceStage;
import org.vitalake.batch.normalize.NormalizeJournalStage;
import org.vitalake.batch.normalize.NormalizeSamplesStage;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseProperties;
import org.vitalake.lakehouse.RawArchive;

/**
 * The {@code nightlyPipeline} job: {@code normalizeSamples}, {@code normalizeJournal}, {@code
 * dailyMetrics}, then every {@link PipelineStage} bean with an order between {@link
 * PipelineStage#EXTENSIONS_FIRST} and {@link PipelineStage#EXTENSIONS_LAST} (the coaching steps),
 * then {@code erasure} and {@code maintenance}.
 */
@Configuration(proxyBeanMethods = false)
public class NightlyPipelineJobConfiguration {

  public static final String JOB_NAME = "nightlyPipeline";

  private static final Set<Integer> BUILT_IN_ORDERS =
      Set.of(
          PipelineStage.NORMALIZE_SAMPLES,
          PipelineStage.NORMALIZE_JOURNAL,
          PipelineStage.DAILY_METRICS,
          PipelineStage.ERASURE,
          PipelineStage.MAINTENANCE);

  @Bean
  NormalizeSamplesStage normalizeSamplesStage() {
    return new NormalizeSamplesStage();
  }

  @Bean
  NormalizeJournalStage normalizeJournalStage() {
    return new NormalizeJournalStage();
  }

  @Bean
  DailyMetricsStage dailyMetricsStage() {
    return new DailyMetricsStage();
  }

  @Bean
  ErasureStage erasureStage(LakehouseProperties lakehouse) {
    return new ErasureStage(() -> new RawArchive(lakehouse));
  }

  @Bean
  MaintenanceStage maintenanceStage(BatchProperties batch) {
    return new MaintenanceStage(Duration.ofHours(batch.snapshotRetentionHours()));
  }

  @Bean
  PipelineContexts pipelineContexts() {
    return new PipelineContexts();
  }

  @Bean
  PipelineRuns pipelineRuns(JobExplorer explorer) {
    return new PipelineRuns(explorer, JOB_NAME);
  }

  @Bean
  Job nightlyPipeline(
      JobRepository jobRepository,
      List<PipelineStage> stages,
      PipelineContexts contexts,
      PipelineRuns runs,
      ObjectProvider<SparkSession> spark,
      LakehouseProperties lakehouse,
      BatchProperties batch,
      PrintStream pipelineOutput) {
    List<PipelineStage> ordered = orderStages(stages);
    PipelineRunListener listener =
        new PipelineRunListener(
            () -> {
              try (Lakehouse tables = Lakehouse.open(lakehouse)) {
                tables.ensureTables();
              }
            },
            spark,
            lakehouse.catalogName(),
            Duration.ofMinutes(batch.arrivalMarginMinutes()),
            jobRepository,
            runs,
            contexts,
            pipelineOutput);
    // the steps run Spark, not database work: no transaction is held open while they run
    ResourcelessTransactionManager noTransaction = new ResourcelessTransactionManager();
    SimpleJobBuilder job = null;
    for (int i = 0; i < ordered.size(); i++) {
      PipelineStage stage = ordered.get(i);
      StageTasklet tasklet =
          new StageTasklet(stage, contexts, pipelineOutput, i + 1, ordered.size());
      Step step =
          new StepBuilder(stage.name(), jobRepository)
              .tasklet(tasklet, noTransaction)
              .listener(tasklet)
              .build();
      job =
          job == null
              ? new JobBuilder(JOB_NAME, jobRepository).listener(listener).start(step)
              : job.next(step);
    }
    return job.build();
  }

  /**
   * Sorts stages by order and checks that extensions stay between {@code dailyMetrics} and {@code
   * erasure} and that step names are unique.
   *
   * @throws IllegalStateException naming the offending stage and the allowed range
   */
  static List<PipelineStage> orderStages(List<PipelineStage> stages) {
    Set<String> names = new HashSet<>();
    for (PipelineStage stage : stages) {
      if (!names.add(stage.name())) {
        throw new IllegalStateException("two pipeline stages are named '" + stage.name() + "'");
      }
      boolean builtIn = BUILT_IN_ORDERS.contains(stage.order());
      boolean extension =
          stage.order() >= PipelineStage.EXTENSIONS_FIRST
              && stage.order() <= PipelineStage.EXTENSIONS_LAST;
      if (!builtIn && !extension) {
        throw new IllegalStateException(
            "pipeline stage '"
                + stage.name()
                + "' has order "
                + stage.order()
                + "; stages added to the nightly pipeline must use "
                + PipelineStage.EXTENSIONS_FIRST
                + "-"
                + PipelineStage.EXTENSIONS_LAST
                + " (after dailyMetrics, before erasure)");
      }
    }
    return stages.stream()
        .sorted(Comparator.comparingInt(PipelineStage::order).thenComparing(PipelineStage::name))
        .toList();
  }
}
