package org.vitalake.batch.cohort;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vitalake.batch.BatchProperties;

/** The {@code cohorts} step of {@code nightlyPipeline}, joining the job as a pipeline stage. */
@Configuration(proxyBeanMethods = false)
public class CohortStepConfiguration {

  @Bean
  CohortStage cohortStage(BatchProperties batch) {
    return new CohortStage(batch.cohortMinUsers());
  }
}
