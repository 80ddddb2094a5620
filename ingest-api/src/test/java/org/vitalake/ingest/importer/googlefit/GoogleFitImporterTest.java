package org.vitalake.ingest.importer.googlefit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.importer.CollectingSink;
import org.vitalake.ingest.importer.ImportInput;
import org.vitalake.ingest.importer.ImportOptions;
import org.vitalake.ingest.importer.SharedData;

class GoogleFitImporterTest {

  private static final Path FILE =
      SharedData.file("google-fit/kaustubhgupta_daily_activity_metrics.csv");
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

  @Test
  void mapsDailyStepsDistanceMoveMinutesAndWeight() throws Exception {
    // given
    List<String> lines = Files.readAllLines(FILE);
    List<String> header = List.of(lines.get(0).split(","));
    List<String[]> rows =
        lines.stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
    int steps = header.indexOf("Step count");
    int distance = header.indexOf("Distance (m)");
    int weight = header.indexOf("Average weight (kg)");
    CollectingSink sink = new CollectingSink();

    // when
    try (ImportInput input = ImportInput.open(FILE)) {
      new GoogleFitImporter()
          .importFrom(
              input,
              ImportOptions.forUser(
                  UserId.of("gf"), KOLKATA, Instant.parse("2026-01-01T00:00:00Z")),
              sink);
    }

    // then
    assertThat(sink.recordsRead).isEqualTo(rows.size());
    assertThat(sink.samplesOf(Metric.STEPS).stream().mapToDouble(Sample::value).sum())
        .isEqualTo(
            rows.stream()
                .filter(r -> !r[steps].isBlank())
                .mapToDouble(r -> Double.parseDouble(r[steps]))
                .sum());
    assertThat(sink.samplesOf(Metric.DISTANCE).stream().mapToDouble(Sample::value).sum())
        .isCloseTo(
            rows.stream()
                .filter(r -> !r[distance].isBlank())
                .mapToDouble(r -> Double.parseDouble(r[distance]))
                .sum(),
            within(1e-6));
    assertThat(sink.samplesOf(Metric.WEIGHT))
        .hasSize((int) rows.stream().filter(r -> !r[weight].isBlank()).count());
    Sample first = sink.samplesOf(Metric.WEIGHT).get(0);
    assertThat(first.start())
        .isEqualTo(java.time.LocalDate.parse(rows.get(0)[0]).atStartOfDay(KOLKATA).toInstant());
    assertThat(Duration.between(first.start(), first.end())).isEqualTo(Duration.ofDays(1));
  }
}
