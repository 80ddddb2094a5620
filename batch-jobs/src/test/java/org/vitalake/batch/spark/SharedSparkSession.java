package org.vitalake.batch.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one {@code local[2]} Spark session of the test JVM (UI off, UTC session time
 * zone, few shuffle partitions); it is created on first use and stopped when the JVM exits.
 */
public final class SharedSparkSession implements ParameterResolver {

  private static SparkSession session;

  /** The shared session. */
  public static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("vitalake-batch-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.sql.session.timeZone", "UTC")
              // tiny inputs: compiling whole-stage code and re-planning per stage cost more than
              // they save
              .config("spark.sql.codegen.wholeStage", "false")
              .config("spark.sql.adaptive.enabled", "false")
              .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop, "spark-stop"));
    }
    return session;
  }

  /** Registers a session created elsewhere (an integration test's lakehouse session). */
  public static synchronized void use(SparkSession existing) {
    session = existing;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return session();
  }
}
