package org.vitalake.ingest;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Publishes the time the JIT compilers have spent ({@code jvm_compilation_time_ms_total}). A
 * service just started spends minutes of a core compiling under full load; operators see when it
 * has settled, and {@code ./vitalake bench ingest} waits for it before measuring.
 */
@Factory
final class JitMetricsFactory {

  @Singleton
  MeterBinder jvmCompilationMetrics() {
    return new JvmCompilationMetrics();
  }
}
