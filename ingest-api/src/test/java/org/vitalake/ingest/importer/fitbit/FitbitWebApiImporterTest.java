package org.vitalake.ingest.importer.fitbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.importer.CollectingSink;
import org.vitalake.ingest.importer.ImportFailedException;
import org.vitalake.ingest.importer.ImportInput;
import org.vitalake.ingest.importer.ImportOptions;
import org.vitalake.ingest.importer.SharedData;

class FitbitWebApiImporterTest {

  private static final Path P01 = SharedData.file("pmdata/p01/fitbit");
  private static final Path FIXTURES =
      SharedData.file(
          "vendor-api-fixtures/shim-server/src/test/resources/org/openmhealth/shim/fitbit/mapper");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UserId USER = UserId.of("fitbit-user");
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private static final ImportOptions OPTIONS =
      ImportOptions.forUser(USER, OSLO, Instant.parse("2026-01-01T00:00:00Z"));

  @TempDir Path temp;

  private static CollectingSink importPath(Path path) throws Exception {
    CollectingSink sink = new CollectingSink();
    try (ImportInput input = ImportInput.open(path)) {
      new FitbitWebApiImporter().importFrom(input, OPTIONS, sink);
    }
    return sink;
  }

  @Test
  void mapsEverySleepLogToASessionAndEveryStageInterval() throws Exception {
    // given
    JsonNode logs = JSON.readTree(P01.resolve("sleep.json").toFile());
    int stages = 0;
    int unknownStages = 0;
    double asleep = 0;
    for (JsonNode log : logs) {
      for (JsonNode stage : log.path("levels").path("data")) {
        // Fitbit writes "unknown" where the signal was lost; it is no sleep stage
        if (stage.get("level").asText().equals("unknown")) {
          unknownStages++;
        } else {
          stages++;
        }
      }
      asleep += log.get("minutesAsleep").asDouble();
    }

    // when
    CollectingSink sink = importPath(P01.resolve("sleep.json"));

    // then
    assertThat(sink.recordsRead).isEqualTo(logs.size());
    assertThat(sink.samplesOf(Metric.SLEEP_SESSION)).hasSize(logs.size());
    assertThat(sink.samplesOf(Metric.SLEEP_SESSION).stream().mapToDouble(Sample::value).sum())
        .isEqualTo(asleep);
    assertThat(sink.samplesOf(Metric.SLEEP_STAGE).size()).isEqualTo(stages);
    assertThat(sink.rejections)
        .hasSize(unknownStages)
        .allSatisfy(r -> assertThat(r.field()).endsWith(".level"));
    Sample first = sink.samplesOf(Metric.SLEEP_SESSION).get(0);
    assertThat(first.start())
        .isEqualTo(
            java.time.LocalDateTime.parse(logs.get(0).get("startTime").asText().replace(' ', 'T'))
                .atZone(OSLO)
                .toInstant());
  }

  @Test
  void skipsFitbitsZeroRestingHeartRateDays() throws Exception {
    // given
    JsonNode days = JSON.readTree(P01.resolve("resting_heart_rate.json").toFile());
    long estimated = 0;
    for (JsonNode day : days) {
      estimated += day.path("value").path("value").asDouble() != 0 ? 1 : 0;
    }

    // when
    CollectingSink sink = importPath(P01.resolve("resting_heart_rate.json"));

    // then
    assertThat(sink.samplesOf(Metric.RESTING_HEART_RATE).size() + sink.rejections.size())
        .isEqualTo((int) estimated);
  }

  @Test
  void addsVeryAndModeratelyActiveMinutesPerDay() throws Exception {
    // given: both files of the real export, nothing else
    Path dir = temp.resolve("export");
    Files.createDirectories(dir);
    Map<LocalDate, Double> expected = new TreeMap<>();
    for (String name :
        new String[] {"very_active_minutes.json", "moderately_active_minutes.json"}) {
      Files.copy(P01.resolve(name), dir.resolve(name));
      for (JsonNode day : JSON.readTree(P01.resolve(name).toFile())) {
        expected.merge(
            LocalDate.parse(day.get("dateTime").asText().substring(0, 10)),
            day.get("value").asDouble(),
            Double::sum);
      }
    }

    // when
    CollectingSink sink = importPath(dir);

    // then
    assertThat(sink.samplesOf(Metric.ACTIVE_MINUTES))
        .extracting(Sample::value)
        .containsExactlyElementsOf(expected.values());
  }

  @Test
  void mapsADayOfALaterExportToTheSameIntervalAndSeriesWithOnlyItsTotalChanged() throws Exception {
    // given p01's two active-minutes files, and a later export of them in which the 20th day has
    // 12 very active minutes more (the device synced more after the first export was taken)
    Path earlier = temp.resolve("earlier");
    Path later = temp.resolve("later");
    Files.createDirectories(earlier);
    Files.createDirectories(later);
    String very = "very_active_minutes.json";
    String moderately = "moderately_active_minutes.json";
    for (String name : new String[] {very, moderately}) {
      Files.copy(P01.resolve(name), earlier.resolve(name));
      Files.copy(P01.resolve(name), later.resolve(name));
    }
    JsonNode days = JSON.readTree(P01.resolve(very).toFile());
    ObjectNode synced = (ObjectNode) days.get(19);
    LocalDate changed = LocalDate.parse(synced.get("dateTime").asText().substring(0, 10));
    synced.put("value", String.valueOf(Integer.parseInt(synced.get("value").asText()) + 12));
    JSON.writeValue(later.resolve(very).toFile(), days);

    // when
    Map<LocalDate, Sample> first = activeMinutesByDay(importPath(earlier));
    Map<LocalDate, Sample> second = activeMinutesByDay(importPath(later));

    // then the other days are the same samples (same key: dropped as re-deliveries) and the
    // changed day is the same series over the same local day: the normalize's "latest total of an
    // interval wins" applies to it, instead of adding it to the first
    assertThat(second).hasSize(days.size()).containsOnlyKeys(first.keySet());
    for (LocalDate day : first.keySet()) {
      Sample a = first.get(day);
      Sample b = second.get(day);
      assertThat(List.of(b.userId(), b.metric(), b.source(), b.start(), b.end()))
          .as("series and interval of %s", day)
          .isEqualTo(List.of(a.userId(), a.metric(), a.source(), a.start(), a.end()));
      assertThat(b.device()).isEqualTo(a.device());
      assertThat(b.zoneOffset()).isEqualTo(a.zoneOffset());
      if (day.equals(changed)) {
        assertThat(b.value()).isEqualTo(a.value() + 12);
        assertThat(b.sampleKey()).isNotEqualTo(a.sampleKey());
      } else {
        assertThat(b.sampleKey()).as("key of %s", day).isEqualTo(a.sampleKey());
      }
    }
    Sample day = second.get(changed);
    assertThat(day.start()).isEqualTo(changed.atStartOfDay(OSLO).toInstant());
    assertThat(day.end()).isEqualTo(changed.plusDays(1).atStartOfDay(OSLO).toInstant());
    assertThat(day.source()).isEqualTo("fitbit");
    assertThat(day.device()).isNull();
    assertThat(day.deviceType()).isEqualTo(DeviceType.WATCH);
  }

  @Test
  void mapsADayOfALaterDailyStepsResponseToTheSameIntervalAndSeries() throws Exception {
    // given the recorded daily steps series, and the same response fetched later with more steps
    // on its second day
    Path recorded = FIXTURES.resolve("fitbit-activities-steps-timeseries.json");
    ObjectNode response = (ObjectNode) JSON.readTree(recorded.toFile());
    ObjectNode synced = (ObjectNode) response.get("activities-steps").get(1);
    synced.put("value", String.valueOf(Integer.parseInt(synced.get("value").asText()) + 500));
    Path later = temp.resolve("fitbit-activities-steps-timeseries.json");
    JSON.writeValue(later.toFile(), response);

    // when
    List<Sample> first = importPath(recorded).samplesOf(Metric.STEPS);
    List<Sample> second = importPath(later).samplesOf(Metric.STEPS);

    // then
    assertThat(second).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i++) {
      Sample a = first.get(i);
      Sample b = second.get(i);
      assertThat(List.of(b.source(), b.start(), b.end()))
          .isEqualTo(List.of(a.source(), a.start(), a.end()));
      assertThat(b.device()).isEqualTo(a.device());
      assertThat(b.value()).isEqualTo(i == 1 ? a.value() + 500 : a.value());
    }
  }

  @Test
  void rejectsEveryDayOfAnActiveMinutesFileUploadedWithoutTheOtherFile() throws Exception {
    // given p01's very active minutes alone: its day totals would replace the full totals (very
    // plus moderately) of an earlier upload of the same days, the next upload's moderately active
    // minutes alone would replace those again
    Path very = temp.resolve("very_active_minutes.json");
    Files.copy(P01.resolve("very_active_minutes.json"), very);
    int days = JSON.readTree(very.toFile()).size();

    // when
    CollectingSink sink = importPath(very);

    // then no day total, and every day rejected at its record, saying what is missing
    assertThat(sink.samplesOf(Metric.ACTIVE_MINUTES)).isEmpty();
    assertThat(sink.recordsRead).isEqualTo(days);
    assertThat(sink.rejections).hasSize(days);
    assertThat(sink.rejections)
        .extracting(r -> r.record())
        .containsExactlyElementsOf(LongStream.rangeClosed(1, days).boxed().toList());
    assertThat(sink.rejections)
        .allSatisfy(
            r -> {
              assertThat(r.file()).isEqualTo("very_active_minutes.json");
              assertThat(r.field()).isEqualTo("value");
              assertThat(r.reason())
                  .contains("no moderately_active_minutes.json value")
                  .contains("upload both files together");
            });
  }

  @Test
  void countsADayOnceWhenOneUploadHoldsTwoExportsOfItAndRejectsADayTheyDisagreeOn()
      throws Exception {
    // given one upload holding two exports of p01's active minutes, the later one with 12 very
    // active minutes more on the 20th day
    Map<LocalDate, Double> expected = new TreeMap<>();
    for (String name :
        new String[] {"very_active_minutes.json", "moderately_active_minutes.json"}) {
      for (String export : new String[] {"export-1", "export-2"}) {
        Files.createDirectories(temp.resolve(export));
        Files.copy(P01.resolve(name), temp.resolve(export).resolve(name));
      }
      for (JsonNode day : JSON.readTree(P01.resolve(name).toFile())) {
        expected.merge(
            LocalDate.parse(day.get("dateTime").asText().substring(0, 10)),
            day.get("value").asDouble(),
            Double::sum);
      }
    }
    Path later = temp.resolve("export-2").resolve("very_active_minutes.json");
    JsonNode days = JSON.readTree(later.toFile());
    ObjectNode synced = (ObjectNode) days.get(19);
    LocalDate changed = LocalDate.parse(synced.get("dateTime").asText().substring(0, 10));
    synced.put("value", String.valueOf(Integer.parseInt(synced.get("value").asText()) + 12));
    JSON.writeValue(later.toFile(), days);
    expected.remove(changed);

    // when
    CollectingSink sink = importPath(temp);

    // then the days both exports agree on once, not added up; the other one visibly left out
    assertThat(activeMinutesByDay(sink))
        .hasSize(expected.size())
        .allSatisfy((day, sample) -> assertThat(sample.value()).isEqualTo(expected.get(day)));
    assertThat(sink.rejections).hasSize(1);
    assertThat(sink.rejections.get(0).file()).endsWith("very_active_minutes.json");
    assertThat(sink.rejections.get(0).record()).isEqualTo(20);
    assertThat(sink.rejections.get(0).reason())
        .startsWith(changed + ": two very_active_minutes.json values")
        .contains("upload one export at a time");
  }

  private static Map<LocalDate, Sample> activeMinutesByDay(CollectingSink sink) {
    Map<LocalDate, Sample> byDay = new TreeMap<>();
    for (Sample s : sink.samplesOf(Metric.ACTIVE_MINUTES)) {
      assertThat(byDay.put(s.start().atZone(OSLO).toLocalDate(), s)).isNull();
    }
    return byDay;
  }

  @Test
  void mapsEveryExerciseLogToAWorkout() throws Exception {
    JsonNode logs = JSON.readTree(P01.resolve("exercise.json").toFile());
    CollectingSink sink = importPath(P01.resolve("exercise.json"));
    assertThat(sink.samplesOf(Metric.WORKOUT).size() + sink.rejections.size())
        .isEqualTo(logs.size());
    assertThat(sink.samplesOf(Metric.WORKOUT).get(0).value())
        .isEqualTo(logs.get(0).get("activeDuration").asDouble() / 60_000);
  }

  @Test
  void readsPerMinuteStepsAndCentimetreDistanceOfParticipantThree() throws Exception {
    // given
    Path p03 = SharedData.file("pmdata/p03/fitbit");
    double steps = 0;
    double centimetres = 0;
    for (JsonNode minute : JSON.readTree(p03.resolve("steps.json").toFile())) {
      steps += minute.get("value").asDouble();
    }
    for (JsonNode minute : JSON.readTree(p03.resolve("distance.json").toFile())) {
      centimetres += minute.get("value").asDouble();
    }

    // when
    CollectingSink stepSink = importPath(p03.resolve("steps.json"));
    CollectingSink distanceSink = importPath(p03.resolve("distance.json"));

    // then
    assertThat(stepSink.samplesOf(Metric.STEPS).stream().mapToDouble(Sample::value).sum())
        .isEqualTo(steps);
    assertThat(distanceSink.samplesOf(Metric.DISTANCE).stream().mapToDouble(Sample::value).sum())
        .isCloseTo(centimetres / 100, org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void readsTheRecordedWebApiResponses() throws Exception {
    // given
    JsonNode heart =
        JSON.readTree(FIXTURES.resolve("fitbit-activities-heart-1d-1m-intraday.json").toFile());
    JsonNode weights = JSON.readTree(FIXTURES.resolve("fitbit-body-log-weight.json").toFile());
    JsonNode days =
        JSON.readTree(FIXTURES.resolve("fitbit-activities-steps-timeseries.json").toFile());

    // when
    CollectingSink heartSink =
        importPath(FIXTURES.resolve("fitbit-activities-heart-1d-1m-intraday.json"));
    CollectingSink weightSink = importPath(FIXTURES.resolve("fitbit-body-log-weight.json"));
    CollectingSink daySink =
        importPath(FIXTURES.resolve("fitbit-activities-steps-timeseries.json"));
    CollectingSink sleepSink = importPath(FIXTURES.resolve("fitbit-sleep-date.json"));

    // then
    assertThat(heartSink.samplesOf(Metric.HEART_RATE))
        .extracting(Sample::value)
        .containsExactlyElementsOf(
            java.util.stream.StreamSupport.stream(
                    heart.path("activities-heart-intraday").path("dataset").spliterator(), false)
                .map(p -> p.get("value").asDouble())
                .toList());
    assertThat(heartSink.samplesOf(Metric.HEART_RATE).get(0).start())
        .isEqualTo(
            LocalDate.parse(heart.path("activities-heart").get(0).get("dateTime").asText())
                .atTime(
                    java.time.LocalTime.parse(
                        heart
                            .path("activities-heart-intraday")
                            .path("dataset")
                            .get(0)
                            .get("time")
                            .asText()))
                .atZone(OSLO)
                .toInstant());
    assertThat(weightSink.samplesOf(Metric.WEIGHT)).hasSize(weights.get("weight").size());
    assertThat(daySink.samplesOf(Metric.STEPS)).hasSize(days.get("activities-steps").size());
    assertThat(sleepSink.samplesOf(Metric.SLEEP_SESSION))
        .hasSize(
            JSON.readTree(FIXTURES.resolve("fitbit-sleep-date.json").toFile()).get("sleep").size());
  }

  @Test
  void failsNamingTheFileWhenTheJsonIsTruncated() throws Exception {
    // given
    byte[] bytes = Files.readAllBytes(P01.resolve("sleep.json"));
    Path truncated = temp.resolve("sleep.json");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    // when / then
    assertThatThrownBy(() -> importPath(truncated))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("sleep.json")
        .hasMessageContaining("line");
  }
}
