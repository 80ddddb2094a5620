package org.vitalake.ingest.importer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceWorkTest {

  private static String metrics(double cpuNanos, double youngPause, double compileMillis) {
    return String.join(
        "\n",
        "# HELP process_cpu_time_ns_total The \"cpu time\" used by the Java Virtual Machine process",
        "# TYPE process_cpu_time_ns_total counter",
        "process_cpu_time_ns_total " + cpuNanos,
        "jvm_gc_pause_seconds_sum{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\","
            + "gc=\"G1 Young Generation\"} "
            + youngPause,
        "jvm_gc_pause_seconds_sum{action=\"end of major GC\",cause=\"System.gc()\","
            + "gc=\"G1 Old Generation\"} 0.5",
        "jvm_gc_pause_seconds_count{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\","
            + "gc=\"G1 Young Generation\"} 812.0",
        "jvm_compilation_time_ms_total{compiler=\"HotSpot 64-Bit Tiered Compilers\"} "
            + compileMillis,
        "process_cpu_usage 0.09",
        "http_server_requests_seconds_bucket{le=\"+Inf\"} +Inf",
        "");
  }

  @Test
  void reportsTheServicesWorkBetweenTwoReadingsAlsoPerGigabyte() {
    // given
    ImportBenchmark.ServiceWork before =
        ImportBenchmark.ServiceWork.parse(metrics(7.5e10, 2.0, 40_000));
    ImportBenchmark.ServiceWork after =
        ImportBenchmark.ServiceWork.parse(metrics(1.05e11, 3.5, 45_500));

    // when
    String report = after.since(before, 2_000_000_000L);

    // then: the pause sums of every collector and cause add up; the counts are not sums
    assertThat(before.gcPauseSeconds()).isEqualTo(2.5);
    assertThat(report)
        .isEqualTo(
            "CPU 30.0 s (15.0 s per GB), garbage-collection pauses 1.5 s, JIT compiling 5.5 s"
                + " (elapsed in its threads)");
  }

  @Test
  void saysNotMeasuredWithoutTheCounters() {
    // given: a service without metrics, and an answer that is not Prometheus text
    ImportBenchmark.ServiceWork none = ImportBenchmark.ServiceWork.parse("");
    ImportBenchmark.ServiceWork garbage =
        ImportBenchmark.ServiceWork.parse("process_cpu_time_ns_total <html>oops</html>");
    ImportBenchmark.ServiceWork some = ImportBenchmark.ServiceWork.parse(metrics(1e9, 0, 1));

    // then
    assertThat(none.measured()).isFalse();
    assertThat(garbage.measured()).isFalse();
    assertThat(some.since(none, 1_000_000_000L)).startsWith("not measured");
    assertThat(none.since(some, 1_000_000_000L)).startsWith("not measured");
  }
}
