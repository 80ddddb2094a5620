package org.vitalake.batch.coaching;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vitalake.batch.BatchProperties;
import org.vitalake.coaching.registry.ModelStorages;
import org.vitalake.lakehouse.LakehouseProperties;

/**
 * The coaching steps of {@code nightlyPipeline}: {@code trainModels}, {@code readiness} and {@code
 * plans}, joining the job as {@link org.vitalake.batch.pipeline.PipelineStage} beans.
 */
@Configuration(proxyBeanMethods = false)
public class CoachingStepConfiguration {

  @Bean
  ModelTrainingStage modelTrainingStage(LakehouseProperties lakehouse, BatchProperties batch) {
    return new ModelTrainingStage(modelStorageEnv(lakehouse, batch));
  }

  @Bean
  ReadinessStage readinessStage(LakehouseProperties lakehouse, BatchProperties batch) {
    return new ReadinessStage(modelStorageEnv(lakehouse, batch));
  }

  @Bean
  PlanStage planStage(LakehouseProperties lakehouse, BatchProperties batch) {
    return new PlanStage(modelStorageEnv(lakehouse, batch));
  }

  /**
   * The model storage settings: the models bucket on the lakehouse's own S3 endpoint with its keys,
   * so the registry lives beside the tables it was trained on.
   */
  public static Map<String, String> modelStorageEnv(
      LakehouseProperties lakehouse, BatchProperties batch) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(ModelStorages.ENV_HOME, batch.home().toString());
    env.put(ModelStorages.ENV_S3_ENDPOINT, lakehouse.s3Endpoint());
    env.put(ModelStorages.ENV_S3_REGION, lakehouse.region());
    env.put(ModelStorages.ENV_S3_ACCESS_KEY, lakehouse.accessKey());
    env.put(ModelStorages.ENV_S3_SECRET_KEY, lakehouse.secretKey());
    env.put(ModelStorages.ENV_MODELS_BUCKET, lakehouse.modelsBucket());
    return env;
  }
}
