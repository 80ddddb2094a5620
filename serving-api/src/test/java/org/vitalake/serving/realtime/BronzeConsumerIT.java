package org.vitalake.serving.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.lakehouse.local.LocalLakehouse;
import org.vitalake.serving.BronzeRows;

/** The bronze consumer on a real lakehouse, driven directly (no HTTP). */
class BronzeConsumerIT {

  private static LocalLakehouse lake;

  @BeforeAll
  static void startLakehouse() {
    lake = LocalLakehouse.start();
  }

  @AfterAll
  static void stopLakehouse() {
    if (lake != null) {
      lake.close();
    }
  }

  @Test
  void keepsFollowingBronzeAfterAnErrorInsideAPollAndCountsEveryRowOnce(@TempDir Path dir) {
    // given a consumer whose totals throw an Error (not an exception) for the first row of one user
    String unlucky = "u-error-" + UUID.randomUUID();
    String other = "u-after-" + UUID.randomUUID();
    AtomicBoolean thrown = new AtomicBoolean();
    TodayAggregates aggregates =
        new TodayAggregates(
            100,
            3,
            1000,
            user -> {
              if (user.value().equals(unlucky) && thrown.compareAndSet(false, true)) {
                throw new StackOverflowError("injected into the home time zone lookup");
              }
              return Optional.empty();
            });
    RealtimeProperties properties =
        new RealtimeProperties(
            true,
            Duration.ofMillis(100),
            Duration.ofSeconds(2),
            Duration.ofHours(72),
            100,
            3,
            1000,
            dir.toString());
    BronzeConsumer consumer =
        new BronzeConsumer(
            lake.lakehouse(),
            new TableScanner(lake.lakehouse()),
            aggregates,
            new CheckpointFile(dir.resolve("bronze-checkpoint.properties")),
            properties);
    TableAppender appender = new TableAppender(lake.lakehouse());
    Instant start = Instant.now().minus(30, ChronoUnit.MINUTES);
    LocalDate day = start.atOffset(ZoneOffset.UTC).toLocalDate();
    try {
      await().atMost(Duration.ofSeconds(30)).until(consumer::ready);

      // when a row without an offset (so its day needs the home time zone) breaks a poll, and
      // another user's row arrives after it
      appender.append(
          LakehouseTables.WEARABLE_SAMPLES,
          List.of(
              BronzeRows.sample(
                  unlucky, "steps", 100, start, start.plusSeconds(60), null, "watch-app")));
      await().atMost(Duration.ofSeconds(30)).untilTrue(thrown);
      appender.append(
          LakehouseTables.WEARABLE_SAMPLES,
          List.of(
              BronzeRows.sample(
                  other, "steps", 250, start, start.plusSeconds(60), 0, "watch-app")));

      // then the consumer goes on: both rows are counted, the broken one once
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> aggregates.find(UserId.of(other), day).isPresent());
      assertThat(aggregates.find(UserId.of(other), day).orElseThrow().steps()).isEqualTo(250L);
      assertThat(aggregates.find(UserId.of(unlucky), day).orElseThrow().steps()).isEqualTo(100L);
      assertThat(consumer.ready()).isTrue();
    } finally {
      consumer.stop();
    }
  }
}
