package org.vitalake.batch.airflow;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.vitalake.batch.airflow.client.ApiClient;
import org.vitalake.batch.airflow.client.ApiException;
import org.vitalake.batch.airflow.client.api.AuthApi;
import org.vitalake.batch.airflow.client.api.DagApi;
import org.vitalake.batch.airflow.client.api.DagRunApi;
import org.vitalake.batch.airflow.client.model.DAGResponse;
import org.vitalake.batch.airflow.client.model.DAGRunResponse;
import org.vitalake.batch.airflow.client.model.DagRunState;
import org.vitalake.batch.airflow.client.model.LoginBody;
import org.vitalake.batch.airflow.client.model.TriggerDAGRunPostBody;

/**
 * Triggers the production pipeline DAG through Airflow's REST API (the generated Airflow client)
 * and optionally follows the run to its end, so operators start a recompute the same way from a
 * laptop as the scheduler does at night.
 */
public final class AirflowPipelineTrigger {

  private final AirflowProperties properties;
  private final ApiClient client;

  public AirflowPipelineTrigger(AirflowProperties properties) {
    this.properties = properties;
    this.client = new ApiClient();
    client.updateBaseUri(properties.baseUrl().toString());
  }

  /** Queues a run for {@code date} and returns it; {@code full} recomputes every day. */
  public DAGRunResponse trigger(LocalDate date, boolean full) {
    authenticate();
    try {
      DAGResponse dag = new DagApi(client).getDag(properties.dagId());
      if (Boolean.TRUE.equals(dag.getIsPaused())) {
        throw new AirflowException(
            "DAG " + properties.dagId() + " is paused in Airflow; unpause it before triggering");
      }
      Map<String, Object> conf = new LinkedHashMap<>();
      conf.put("full", full);
      TriggerDAGRunPostBody body =
          new TriggerDAGRunPostBody()
              .dagRunId(
                  "vitalake__" + date + (full ? "__full" : "") + "__" + System.currentTimeMillis())
              .logicalDate(date.atStartOfDay().atOffset(ZoneOffset.UTC))
              .conf(conf)
              .note("triggered by vitalake pipeline trigger");
      return new DagRunApi(client).triggerDagRun(properties.dagId(), body);
    } catch (ApiException e) {
      throw AirflowException.from("trigger " + properties.dagId(), e);
    }
  }

  /** Polls the run until it succeeds or fails, reporting each state change. */
  public DAGRunResponse await(DAGRunResponse run, Consumer<DAGRunResponse> onChange)
      throws InterruptedException {
    DagRunState last = run.getState();
    DAGRunResponse current = run;
    while (current.getState() != DagRunState.SUCCESS && current.getState() != DagRunState.FAILED) {
      Thread.sleep(properties.pollInterval().toMillis());
      try {
        current = new DagRunApi(client).getDagRun(properties.dagId(), run.getDagRunId());
      } catch (ApiException e) {
        throw AirflowException.from("read run " + run.getDagRunId(), e);
      }
      if (current.getState() != last) {
        onChange.accept(current);
        last = current.getState();
      }
    }
    return current;
  }

  private void authenticate() {
    try {
      String token =
          new AuthApi(client)
              .createToken(
                  new LoginBody().username(properties.username()).password(properties.password()))
              .getAccessToken();
      client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
    } catch (ApiException e) {
      throw AirflowException.from("log in to Airflow as " + properties.username(), e);
    }
  }

  /** Airflow refused or failed a request; the message says which and why. */
  public static final class AirflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AirflowException(String message) {
      super(message);
    }

    static AirflowException from(String action, ApiException e) {
      String detail = e.getResponseBody() == null ? e.getMessage() : e.getResponseBody();
      return new AirflowException(
          "could not " + action + ": HTTP " + e.getCode() + (detail == null ? "" : " " + detail));
    }
  }
}
