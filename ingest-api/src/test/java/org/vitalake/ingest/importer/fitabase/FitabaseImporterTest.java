package org.vitalake.ingest.importer.fitabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.importer.CollectingSink;
import org.vitalake.ingest.importer.ImportInput;
import org.vitalake.ingest.importer.ImportOptions;
import org.vitalake.ingest.importer.SharedData;

class FitabaseImporterTest {

  private static final Path DIR = SharedData.file("fitabase/fitabase_4.12-5.12");
  private static final String PARTICIPANT = "1503960366";
  private static final UserId USER = UserId.of("fitabase-user");
  private static final ZoneId ZONE = ZoneId.of("America/Chicago");
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final ImportOptions ONE_PARTICIPANT =
      new ImportOptions(null, Map.of(PARTICIPANT, USER), ZONE, NOW);

  private static CollectingSink importPath(Path path, ImportOptions options) throws Exception {
    CollectingSink sink = new CollectingSink();
    try (ImportInput input = ImportInput.open(path)) {
      new FitabaseImporter().importFrom(input, options, sink);
    }
    return sink;
  }

  /** The rows of a CSV as split fields, header dropped, read independently of the importer. */
  private static List<String[]> rows(String file) throws Exception {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(DIR.resolve(file))) {
      in.readLine();
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          rows.add(line.split(",", -1));
        }
      }
    }
    return rows;
  }

  private static double stepsOn(List<Sample> steps, LocalDate day) {
    return steps.stream()
        .filter(s -> s.start().atZone(ZONE).toLocalDate().equals(day))
        .mapToDouble(Sample::value)
        .sum();
  }

  @Test
  void minuteStepsOfADaySumToTheHourlyTotal() throws Exception {
    // given: the participant's first full day in the minute table
    String firstHour =
        rows("minuteStepsWide_merged.csv").stream()
            .filter(r -> r[0].equals(PARTICIPANT))
            .findFirst()
            .orElseThrow()[1];
    LocalDate day = FitabaseTimes.parse("ActivityHour", firstHour, ZONE).toLocalDate();
    double fromCsv =
        rows("hourlySteps_merged.csv").stream()
            .filter(r -> r[0].equals(PARTICIPANT) && r[1].startsWith(firstHour.split(" ")[0] + " "))
            .mapToDouble(r -> Double.parseDouble(r[2]))
            .sum();

    // when
    List<Sample> minutes =
        importPath(DIR.resolve("minuteStepsWide_merged.csv"), ONE_PARTICIPANT)
            .samplesOf(Metric.STEPS);
    List<Sample> hours =
        importPath(DIR.resolve("hourlySteps_merged.csv"), ONE_PARTICIPANT).samplesOf(Metric.STEPS);

    // then
    assertThat(fromCsv).isPositive();
    assertThat(stepsOn(minutes, day)).isEqualTo(stepsOn(hours, day)).isEqualTo(fromCsv);
    assertThat(minutes)
        .allSatisfy(
            s -> assertThat(Duration.between(s.start(), s.end())).isEqualTo(Duration.ofMinutes(1)));
    assertThat(hours)
        .allSatisfy(
            s -> assertThat(Duration.between(s.start(), s.end())).isEqualTo(Duration.ofHours(1)));
  }

  @Test
  void readsZonelessUsTimestampsInTheUsersZone() throws Exception {
    // given
    String[] first = rows("hourlySteps_merged.csv").get(0);

    // when
    Sample sample =
        importPath(DIR.resolve("hourlySteps_merged.csv"), ONE_PARTICIPANT)
            .samplesOf(Metric.STEPS)
            .get(0);

    // then: 4/12/2016 12:00:00 AM is midnight in Chicago (CDT, UTC-5)
    assertThat(first[1]).isEqualTo("4/12/2016 12:00:00 AM");
    assertThat(sample.start()).isEqualTo(Instant.parse("2016-04-12T05:00:00Z"));
    assertThat(sample.zoneOffset().getTotalSeconds()).isEqualTo(-5 * 3600);
    assertThat(sample.value()).isEqualTo(Double.parseDouble(first[2]));
  }

  @Test
  void mapsDailyDistanceWithoutFloatNoiseAndActiveMinutes() throws Exception {
    // given
    List<String[]> days =
        rows("dailyActivity_merged.csv").stream().filter(r -> r[0].equals(PARTICIPANT)).toList();

    // when
    CollectingSink sink = importPath(DIR.resolve("dailyActivity_merged.csv"), ONE_PARTICIPANT);

    // then
    List<Sample> distances = sink.samplesOf(Metric.DISTANCE);
    assertThat(distances).hasSize(days.size());
    for (int i = 0; i < days.size(); i++) {
      double km = Double.parseDouble(days.get(i)[3]);
      assertThat(distances.get(i).value()).isCloseTo(km * 1000, within(0.01));
      // 1.879999995 km is 1880 m: the sixth decimal of a kilometre is a millimetre
      assertThat(distances.get(i).value() * 1000)
          .isCloseTo(Math.rint(distances.get(i).value() * 1000), within(1e-6));
    }
    assertThat(sink.samplesOf(Metric.ACTIVE_MINUTES))
        .extracting(Sample::value)
        .containsExactlyElementsOf(
            days.stream().map(r -> Double.parseDouble(r[10]) + Double.parseDouble(r[11])).toList());
    // alone, the daily table is the finest step table there is
    assertThat(sink.samplesOf(Metric.STEPS)).hasSize(days.size());
  }

  @Test
  void takesEachHoursStepsFromTheFinestTableHoldingItWhenTheWholeExportIsImported()
      throws Exception {
    // given: the hours the minute table holds, and the hourly and daily totals, from the files
    Map<LocalDateTime, Double> minuteHours = new TreeMap<>();
    for (String[] r : rows("minuteStepsWide_merged.csv")) {
      if (r[0].equals(PARTICIPANT)) {
        double sum = 0;
        for (int i = 2; i < r.length; i++) {
          sum += Double.parseDouble(r[i]);
        }
        minuteHours.put(FitabaseTimes.parse("ActivityHour", r[1], ZONE).toLocalDateTime(), sum);
      }
    }
    Map<LocalDateTime, Double> hourlyHours = new TreeMap<>();
    for (String[] r : rows("hourlySteps_merged.csv")) {
      if (r[0].equals(PARTICIPANT)) {
        hourlyHours.put(
            FitabaseTimes.parse("ActivityHour", r[1], ZONE).toLocalDateTime(),
            Double.parseDouble(r[2]));
      }
    }
    Map<LocalDate, Double> expected = new TreeMap<>();
    minuteHours.forEach((hour, sum) -> expected.merge(hour.toLocalDate(), sum, Double::sum));
    hourlyHours.forEach(
        (hour, total) -> {
          if (!minuteHours.containsKey(hour)) {
            expected.merge(hour.toLocalDate(), total, Double::sum);
          }
        });
    for (String[] r : rows("dailyActivity_merged.csv")) {
      if (r[0].equals(PARTICIPANT)) {
        LocalDate day = FitabaseTimes.parse("ActivityDate", r[1], ZONE).toLocalDate();
        expected.putIfAbsent(day, Double.parseDouble(r[2]));
      }
    }
    // the export's minute table starts a day after its hourly and daily tables
    LocalDate firstHourly = hourlyHours.keySet().iterator().next().toLocalDate();
    assertThat(minuteHours.keySet().iterator().next().toLocalDate()).isAfter(firstHourly);

    // when
    CollectingSink sink = importPath(DIR, ONE_PARTICIPANT);

    // then: every day has its steps, each hour from one table only
    List<Sample> steps = sink.samplesOf(Metric.STEPS);
    Map<LocalDate, Double> imported = new TreeMap<>();
    for (Sample s : steps) {
      imported.merge(s.start().atZone(ZONE).toLocalDate(), s.value(), Double::sum);
    }
    expected.values().removeIf(total -> total == 0);
    imported.values().removeIf(total -> total == 0);
    assertThat(imported).isEqualTo(expected);
    assertThat(stepsOn(steps, firstHourly)).isPositive();
    assertThat(steps)
        .filteredOn(s -> Duration.between(s.start(), s.end()).equals(Duration.ofHours(1)))
        .allSatisfy(
            s ->
                assertThat(minuteHours)
                    .doesNotContainKey(s.start().atZone(ZONE).toLocalDateTime()));
    assertThat(steps)
        .noneMatch(s -> Duration.between(s.start(), s.end()).equals(Duration.ofDays(1)));
    assertThat(sink.samplesOf(Metric.SLEEP_SESSION))
        .hasSize(
            (int)
                rows("sleepDay_merged.csv").stream().filter(r -> r[0].equals(PARTICIPANT)).count());
    assertThat(sink.samples).allSatisfy(s -> assertThat(s.userId()).isEqualTo(USER));
    assertThat(sink.rejections).isEmpty();
  }

  @Test
  void takesADaysTotalOnlyWhereNoFinerTableHoldsAnyOfThatDay(@TempDir Path dir) throws Exception {
    // given: hourly steps for one of the participant's days, daily totals for three
    List<String[]> daily =
        rows("dailyActivity_merged.csv").stream()
            .filter(r -> r[0].equals(PARTICIPANT))
            .limit(3)
            .toList();
    String oneDay = daily.get(1)[1];
    List<String> hourly = new ArrayList<>(List.of("Id,ActivityHour,StepTotal"));
    rows("hourlySteps_merged.csv").stream()
        .filter(r -> r[0].equals(PARTICIPANT) && r[1].startsWith(oneDay + " "))
        .forEach(r -> hourly.add(String.join(",", r)));
    Files.write(dir.resolve("hourlySteps_merged.csv"), hourly);
    List<String> dailyLines = new ArrayList<>(List.of(firstLine("dailyActivity_merged.csv")));
    daily.forEach(r -> dailyLines.add(String.join(",", r)));
    // listed first: the order of the files does not matter
    Files.write(dir.resolve("a_dailyActivity_merged.csv"), dailyLines);

    // when
    List<Sample> steps = importPath(dir, ONE_PARTICIPANT).samplesOf(Metric.STEPS);

    // then
    LocalDate hourlyDay = FitabaseTimes.parse("ActivityDate", oneDay, ZONE).toLocalDate();
    assertThat(hourly).hasSizeGreaterThan(1);
    assertThat(steps)
        .filteredOn(s -> s.start().atZone(ZONE).toLocalDate().equals(hourlyDay))
        .hasSize(hourly.size() - 1)
        .allSatisfy(
            s -> assertThat(Duration.between(s.start(), s.end())).isEqualTo(Duration.ofHours(1)));
    for (String[] r : List.of(daily.get(0), daily.get(2))) {
      LocalDate day = FitabaseTimes.parse("ActivityDate", r[1], ZONE).toLocalDate();
      assertThat(steps)
          .filteredOn(s -> s.start().atZone(ZONE).toLocalDate().equals(day))
          .singleElement()
          .satisfies(s -> assertThat(s.value()).isEqualTo(Double.parseDouble(r[2])));
    }
  }

  private static String firstLine(String file) throws Exception {
    try (BufferedReader in = Files.newBufferedReader(DIR.resolve(file))) {
      return in.readLine();
    }
  }

  @Test
  void mapsWeightLogsAndTheBodyFatFilledInForSomeOfThem() throws Exception {
    // given
    List<String[]> logs = rows("weightLogInfo_merged.csv");
    ImportOptions everyone = ImportOptions.forUser(USER, ZONE, NOW);

    // when
    CollectingSink sink = importPath(DIR.resolve("weightLogInfo_merged.csv"), everyone);

    // then
    assertThat(sink.samplesOf(Metric.WEIGHT)).hasSize(logs.size());
    assertThat(sink.samplesOf(Metric.BODY_FAT))
        .hasSize((int) logs.stream().filter(r -> !r[4].isBlank()).count());
    assertThat(sink.samplesOf(Metric.WEIGHT).get(0).deviceType())
        .isEqualTo(logs.get(0)[6].equals("True") ? DeviceType.MANUAL : DeviceType.SCALE);
  }

  @Test
  void importsEveryHeartRateSecondOfTheSubset() throws Exception {
    // given
    Path file =
        SharedData.file(
            "fitabase/heartrate_subsets/heartrate_seconds_2022484408_Mar-Apr.weronikakr.csv");
    long lines;
    try (var all = Files.lines(file)) {
      lines = all.skip(1).filter(l -> !l.isBlank()).count();
    }

    // when
    CollectingSink sink = importPath(file, ImportOptions.forUser(USER, ZONE, NOW));

    // then
    assertThat(sink.recordsRead).isEqualTo(lines);
    assertThat(sink.samplesOf(Metric.HEART_RATE).size() + sink.rejections.size())
        .isEqualTo((int) lines);
  }

  @Test
  void skipsParticipantsTheUserMapDoesNotName() throws Exception {
    // given
    long ownRows =
        rows("sleepDay_merged.csv").stream().filter(r -> r[0].equals(PARTICIPANT)).count();

    // when
    CollectingSink sink = importPath(DIR.resolve("sleepDay_merged.csv"), ONE_PARTICIPANT);

    // then
    assertThat(sink.recordsRead).isEqualTo(ownRows);
  }

  @Test
  void findsTheParticipantsSorted() throws Exception {
    try (ImportInput input = ImportInput.open(DIR.resolve("dailyActivity_merged.csv"))) {
      List<String> ids = new FitabaseImporter().findParticipants(input);
      assertThat(ids)
          .hasSize(
              (int) rows("dailyActivity_merged.csv").stream().map(r -> r[0]).distinct().count());
      assertThat(ids).isSorted().contains(PARTICIPANT);
    }
  }
}
