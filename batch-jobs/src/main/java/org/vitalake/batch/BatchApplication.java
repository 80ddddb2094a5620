package org.vitalake.batch;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.vitalake.batch.airflow.AirflowPipelineTrigger;
import org.vitalake.batch.airflow.AirflowProperties;
import org.vitalake.batch.airflow.AirflowTriggerCommand;
import org.vitalake.batch.pipeline.PipelineCommand;
import org.vitalake.batch.pipeline.PipelineRuns;
import org.vitalake.batch.spark.LakehouseSparkSession;
import org.vitalake.batch.sql.SqlCommand;
import org.vitalake.lakehouse.LakehouseProperties;

/**
 * The batch JVM: {@code pipeline run [--date YYYY-MM-DD] [--full]}, {@code pipeline status}, {@code
 * pipeline abandon} (gives up a failed run instead of restarting it), {@code pipeline trigger}
 * (queues the production DAG on Airflow) and {@code sql "<query>" [--max-rows N]}. Configuration
 * comes from the {@code VITALAKE_*} environment only, so the same jar runs locally and against a
 * cluster.
 */
@SpringBootApplication
public class BatchApplication {

  static final String USAGE =
      """
      usage: pipeline run [--date YYYY-MM-DD] [--full]   run the nightly pipeline
             pipeline status [--last N]                  the last runs and their state
             pipeline abandon                            give up the last run if it failed, so the
                                                         next run starts anew instead of restarting it
             pipeline trigger [--date D] [--full] [--wait]
                                                         queue the pipeline DAG on Airflow
             sql "<query>" [--max-rows N]                Spark SQL on the lakehouse""";

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command; returns the process exit code (0 ok, 1 failed, 2 bad usage). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      out.println(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    try {
      return switch (args[0]) {
        case "pipeline" -> pipeline(rest(args), out);
        case "sql" -> sql(rest(args), out);
        default -> throw new UsageException("unknown command '" + args[0] + "'");
      };
    } catch (UsageException e) {
      err.println("vitalake: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("vitalake: " + e.getMessage());
      return 2;
    } catch (org.apache.spark.sql.AnalysisException e) {
      err.println("vitalake sql: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("vitalake: " + e);
      return 1;
    }
  }

  private static int pipeline(List<String> args, PrintStream out) throws Exception {
    if (args.isEmpty()) {
      throw new UsageException("pipeline needs 'run', 'status', 'abandon' or 'trigger'");
    }
    String action = args.get(0);
    Map<String, String> options =
        options(args.subList(1, args.size()), List.of("--full", "--wait"));
    if (action.equals("trigger")) {
      requireOnly(options, "--date", "--full", "--wait");
      LocalDate date =
          options.containsKey("--date") ? parseDate(options.get("--date")) : LocalDate.now();
      return new AirflowTriggerCommand(
              new AirflowPipelineTrigger(AirflowProperties.fromEnvironment(System.getenv())), out)
          .run(date, options.containsKey("--full"), options.containsKey("--wait"));
    }
    LakehouseProperties lakehouse = LakehouseProperties.fromEnvironment();
    BatchProperties batch = BatchProperties.fromEnvironment();
    switch (action) {
      case "run" -> {
        requireOnly(options, "--date", "--full");
        LocalDate date = options.containsKey("--date") ? parseDate(options.get("--date")) : null;
        try (ConfigurableApplicationContext context = start(lakehouse, batch, null, out)) {
          JobExecution execution =
              context.getBean(PipelineCommand.class).run(options.containsKey("--full"), date);
          return execution.getStatus() == BatchStatus.COMPLETED ? 0 : 1;
        }
      }
      case "status" -> {
        requireOnly(options, "--last");
        int last = options.containsKey("--last") ? parseCount("--last", options.get("--last")) : 10;
        try (ConfigurableApplicationContext context = start(lakehouse, batch, null, out)) {
          context.getBean(PipelineCommand.class).status(last);
          return 0;
        }
      }
      case "abandon" -> {
        requireOnly(options);
        try (ConfigurableApplicationContext context = start(lakehouse, batch, null, out)) {
          context.getBean(PipelineCommand.class).abandon();
          return 0;
        }
      }
      default -> throw new UsageException("unknown pipeline action '" + action + "'");
    }
  }

  private static int sql(List<String> args, PrintStream out) {
    if (args.isEmpty() || args.get(0).isBlank()) {
      throw new UsageException("sql needs a query, e.g. sql \"SELECT * FROM gold.daily_metrics\"");
    }
    Map<String, String> options = options(args.subList(1, args.size()), List.of());
    requireOnly(options, "--max-rows");
    BatchProperties batch = BatchProperties.fromEnvironment();
    int maxRows =
        options.containsKey("--max-rows")
            ? parseCount("--max-rows", options.get("--max-rows"))
            : batch.sqlMaxRows();
    SparkSession spark =
        LakehouseSparkSession.create(LakehouseProperties.fromEnvironment(), batch, "vitalake-sql");
    try {
      new SqlCommand(spark, out).run(args.get(0), maxRows);
      return 0;
    } finally {
      spark.stop();
    }
  }

  /**
   * Starts the Spring context of the pipeline: the job repository ({@code batch.jobRepositoryUrl}),
   * the job and its steps. The Spark session is created on first use unless {@code spark} is given
   * (tests share theirs).
   */
  public static ConfigurableApplicationContext start(
      LakehouseProperties lakehouse, BatchProperties batch, SparkSession spark, PrintStream out) {
    SpringApplication app = new SpringApplication(BatchApplication.class);
    app.setWebApplicationType(WebApplicationType.NONE);
    app.setBannerMode(Banner.Mode.OFF);
    app.setLogStartupInfo(false);
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("spring.datasource.url", batch.jobRepositoryUrl());
    if (batch.jobRepositoryUser() != null) {
      defaults.put("spring.datasource.username", batch.jobRepositoryUser());
    }
    if (batch.jobRepositoryPassword() != null) {
      defaults.put("spring.datasource.password", batch.jobRepositoryPassword());
    }
    defaults.put("spring.datasource.hikari.maximum-pool-size", "4");
    defaults.put("spring.batch.jdbc.initialize-schema", "always");
    defaults.put("spring.batch.job.enabled", "false");
    app.setDefaultProperties(defaults);
    app.addInitializers(
        context -> {
          var beans = context.getBeanFactory();
          beans.registerSingleton("lakehouseProperties", lakehouse);
          beans.registerSingleton("vitalakeBatchProperties", batch);
          beans.registerSingleton("pipelineOutput", out);
          if (spark != null) {
            beans.registerSingleton("providedSparkSession", new ProvidedSparkSession(spark));
          }
        });
    return app.run();
  }

  /** A Spark session the caller of {@link #start} owns and keeps running after the context. */
  record ProvidedSparkSession(SparkSession session) {}

  @Bean(destroyMethod = "")
  @Lazy
  SparkSession sparkSession(
      LakehouseProperties lakehouse,
      BatchProperties batch,
      ObjectProvider<ProvidedSparkSession> provided) {
    ProvidedSparkSession given = provided.getIfAvailable();
    return given != null
        ? given.session()
        : LakehouseSparkSession.create(lakehouse, batch, "vitalake-pipeline");
  }

  @Bean
  PipelineCommand pipelineCommand(
      JobLauncher launcher,
      JobRepository repository,
      Job nightlyPipeline,
      PipelineRuns runs,
      PrintStream pipelineOutput) {
    return new PipelineCommand(launcher, repository, nightlyPipeline, runs, pipelineOutput);
  }

  private static List<String> rest(String[] args) {
    List<String> rest = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      rest.add(args[i]);
    }
    return rest;
  }

  /** Parses {@code --name value} pairs; {@code flags} take no value. */
  static Map<String, String> options(List<String> args, List<String> flags) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String name = args.get(i);
      if (!name.startsWith("--")) {
        throw new UsageException("unexpected argument '" + name + "'");
      }
      if (flags.contains(name)) {
        options.put(name, "true");
      } else if (i + 1 < args.size()) {
        options.put(name, args.get(++i));
      } else {
        throw new UsageException(name + " needs a value");
      }
    }
    return options;
  }

  private static void requireOnly(Map<String, String> options, String... allowed) {
    for (String name : options.keySet()) {
      if (!List.of(allowed).contains(name)) {
        throw new UsageException("unknown option " + name);
      }
    }
  }

  static LocalDate parseDate(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UsageException("--date is '" + text + "' but must be a date like 2025-03-30");
    }
  }

  private static int parseCount(String option, String text) {
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= 1_000_000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(option + " is '" + text + "' but must be a number from 1 to 1000000");
  }

  /** A command line that cannot be run as typed. */
  static final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
