package org.vitalake.lakehouse.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** The machine line benchmarks print before their numbers, so a result names where it ran. */
public final class BenchmarkMachine {

  private BenchmarkMachine() {}

  /**
   * e.g. {@code machine: Linux amd64, 2 cores, load average 2.4, Java 17.0.15, this JVM's max heap
   * 512 MB}.
   */
  public static String describe() {
    Runtime runtime = Runtime.getRuntime();
    return String.format(
        Locale.ROOT,
        "machine: %s %s, %d cores, load average %.1f, Java %s, this JVM's max heap %d MB",
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        runtime.availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        System.getProperty("java.version"),
        runtime.maxMemory() / (1024 * 1024));
  }
}
