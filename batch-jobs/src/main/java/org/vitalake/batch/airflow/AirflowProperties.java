package org.vitalake.batch.airflow;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where the production Airflow runs and how to authenticate to it, from the environment.
 *
 * @param baseUrl Airflow's API server, e.g. {@code http://airflow:8080}
 * @param username user for Airflow's token endpoint
 * @param password password for Airflow's token endpoint (never logged)
 * @param dagId the DAG that runs the nightly pipeline
 * @param pollInterval how often to poll a run's state while waiting
 */
public record AirflowProperties(
    URI baseUrl, String username, String password, String dagId, Duration pollInterval) {

  public static final String DEFAULT_DAG = "vitalake_backfill";

  public AirflowProperties {
    if (baseUrl == null) {
      throw new IllegalArgumentException("VITALAKE_AIRFLOW_URL is not set");
    }
    if (username == null || username.isBlank() || password == null || password.isBlank()) {
      throw new IllegalArgumentException(
          "VITALAKE_AIRFLOW_USERNAME and VITALAKE_AIRFLOW_PASSWORD must both be set");
    }
    if (dagId == null || dagId.isBlank()) {
      throw new IllegalArgumentException("the DAG id must not be blank");
    }
    if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive: " + pollInterval);
    }
  }

  /** Reads {@code VITALAKE_AIRFLOW_URL}, {@code _USERNAME}, {@code _PASSWORD} and {@code _DAG}. */
  public static AirflowProperties fromEnvironment(Map<String, String> env) {
    String url = env.get("VITALAKE_AIRFLOW_URL");
    return new AirflowProperties(
        url == null || url.isBlank() ? null : URI.create(url.replaceAll("/+$", "")),
        env.get("VITALAKE_AIRFLOW_USERNAME"),
        env.get("VITALAKE_AIRFLOW_PASSWORD"),
        env.getOrDefault("VITALAKE_AIRFLOW_DAG", DEFAULT_DAG),
        Duration.ofSeconds(
            Long.parseLong(env.getOrDefault("VITALAKE_AIRFLOW_POLL_SECONDS", "10"))));
  }

  @Override
  public String toString() {
    return "AirflowProperties[baseUrl="
        + baseUrl
        + ", username="
        + username
        + ", dagId="
        + dagId
        + "]";
  }
}
