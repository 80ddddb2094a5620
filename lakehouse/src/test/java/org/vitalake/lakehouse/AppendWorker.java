package org.vitalake.lakehouse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A separate writer process for the multi-process append test: appends batches to
 * bronze.wearable_samples of the lakehouse in its environment and prints each snapshot id.
 */
public final class AppendWorker {

  private AppendWorker() {}

  /** Arguments: user id, number of batches, rows per batch. */
  public static void main(String[] args) {
    String user = args[0];
    int batches = Integer.parseInt(args[1]);
    int rows = Integer.parseInt(args[2]);
    int status = 0;
    try (Lakehouse lakehouse = Lakehouse.openFromEnvironment()) {
      TableAppender appender = new TableAppender(lakehouse);
      Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
      for (int b = 0; b < batches; b++) {
        long snapshot =
            appender.append(
                LakehouseTables.WEARABLE_SAMPLES,
                TestRows.samples(user, user + "-" + b, receivedAt, rows));
        System.out.println("snapshot " + snapshot);
      }
    } catch (RuntimeException e) {
      e.printStackTrace();
      status = 1;
    }
    System.out.flush();
    System.exit(status);
  }
}
