package org.vitalake.serving.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * One measured phase of GET requests over keep-alive connections, either closed-loop (each
 * connection sends its next request when the previous answer arrives: the maximum throughput) or at
 * a fixed rate (requests scheduled at evenly spaced intended times whatever the answers do).
 *
 * <p>At a fixed rate, a request's latency is measured from its intended send time, not from when
 * the connection got round to sending it, so a stalled server is charged for the requests it kept
 * waiting (no coordinated omission): the percentiles are what clients arriving at that rate see.
 */
final class LoadPhase {

  /** Requests per second and latency percentiles of one phase. */
  record Result(
      String name,
      double targetRate,
      long requests,
      long errors,
      double seconds,
      double p50Ms,
      double p99Ms,
      double maxMs) {

    double rate() {
      return requests / seconds;
    }
  }

  private final URI base;
  private final int connections;
  private final double rate;

  /**
   * @param rate requests per second over all connections, or 0 for closed-loop
   */
  LoadPhase(URI base, int connections, double rate) {
    if (connections < 1) {
      throw new IllegalArgumentException("connections must be at least 1, got " + connections);
    }
    if (rate < 0) {
      throw new IllegalArgumentException("rate must not be negative, got " + rate);
    }
    this.base = base;
    this.connections = connections;
    this.rate = rate;
  }

  /**
   * Runs the phase.
   *
   * @param users round-robin over these users, each request with that user's token
   * @param path the request path for a user
   * @param token the user's token, or null to send none
   */
  <U> Result run(
      String name,
      List<U> users,
      Function<U, String> path,
      Function<U, String> token,
      Duration length)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(connections);
    AtomicLong errors = new AtomicLong();
    long[][] latencies = new long[connections][];
    int[] counts = new int[connections];
    // every connection's first intended time is a little in the future, so all start together
    long start = System.nanoTime() + 20_000_000L;
    long end = start + length.toNanos();
    long interval = rate == 0 ? 0 : Math.round(connections * 1e9 / rate);
    for (int c = 0; c < connections; c++) {
      int id = c;
      Thread thread =
          new Thread(
              () -> {
                long[] samples = new long[1 << 14];
                int n = 0;
                int next = id;
                // connection c sends at start + (k + c / connections) * interval
                long intended = start + (interval * id) / connections;
                try (RawHttpConnection connection = new RawHttpConnection(base)) {
                  while (true) {
                    long now = System.nanoTime();
                    if (interval == 0) {
                      intended = Math.max(now, start);
                    }
                    if (intended >= end) {
                      break;
                    }
                    while ((now = System.nanoTime()) < intended) {
                      LockSupport.parkNanos(intended - now);
                    }
                    U user = users.get(next % users.size());
                    next += connections;
                    try {
                      RawHttpConnection.Response r =
                          connection.get(path.apply(user), token.apply(user));
                      if (r.status() != 200) {
                        errors.incrementAndGet();
                      }
                    } catch (IOException e) {
                      errors.incrementAndGet();
                    }
                    if (n == samples.length) {
                      samples = Arrays.copyOf(samples, n * 2);
                    }
                    samples[n++] = System.nanoTime() - intended;
                    intended += interval;
                  }
                } finally {
                  latencies[id] = samples;
                  counts[id] = n;
                  done.countDown();
                }
              },
              "load-" + c);
      thread.setDaemon(true);
      thread.start();
    }
    done.await();
    double seconds = Math.max(end, System.nanoTime()) - start;
    int total = 0;
    for (int count : counts) {
      total += count;
    }
    long[] all = new long[total];
    int at = 0;
    for (int c = 0; c < connections; c++) {
      System.arraycopy(latencies[c], 0, all, at, counts[c]);
      at += counts[c];
    }
    Arrays.sort(all);
    return new Result(
        name,
        rate,
        total,
        errors.get(),
        seconds / 1e9,
        percentile(all, 0.50),
        percentile(all, 0.99),
        all.length == 0 ? 0 : all[all.length - 1] / 1e6);
  }

  /** The p-quantile of sorted nanosecond samples, in milliseconds (nearest rank). */
  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }
}
