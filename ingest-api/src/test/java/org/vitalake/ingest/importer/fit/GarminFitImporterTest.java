package org.vitalake.ingest.importer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.garmin.fit.Decode;
import com.garmin.fit.MesgBroadcaster;
import com.garmin.fit.RecordMesg;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.importer.CollectingSink;
import org.vitalake.ingest.importer.ImportFailedException;
import org.vitalake.ingest.importer.ImportInput;
import org.vitalake.ingest.importer.ImportOptions;
import org.vitalake.ingest.importer.SharedData;

class GarminFitImporterTest {

  private static final Path DIR = SharedData.file("garmin-fit");
  private static final ImportOptions OPTIONS =
      ImportOptions.forUser(
          UserId.of("fit-user"), ZoneId.of("UTC"), Instant.parse("2026-01-01T00:00:00Z"));
  private static final DateTimeFormatter CSV_TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.US);

  private static CollectingSink importFile(Path path) throws Exception {
    CollectingSink sink = new CollectingSink();
    try (ImportInput input = ImportInput.open(path)) {
      new GarminFitImporter().importFrom(input, OPTIONS, sink);
    }
    return sink;
  }

  private static Map<Instant, Sample> byStart(List<Sample> samples) {
    return samples.stream().collect(Collectors.toMap(Sample::start, Function.identity()));
  }

  @ParameterizedTest
  @CsvSource({
    "garmin-edge-820-bike, false",
    "garmin-fenix-5-run, true",
    "garmin-fenix-5-walk, true"
  })
  void recordsMatchTheDecodedRecordsBesideTheFile(String name, boolean onFoot) throws Exception {
    // given: timestamp,heart_rate,cadence,speed,distance,...
    List<String[]> expected =
        Files.readAllLines(DIR.resolve(name + "-records.csv")).stream()
            .skip(1)
            .filter(l -> !l.isBlank())
            .map(l -> l.split(",", -1))
            .toList();

    // when
    CollectingSink sink = importFile(DIR.resolve(name + ".fit"));

    // then
    Map<Instant, Sample> heartRates = byStart(sink.samplesOf(Metric.HEART_RATE));
    Map<Instant, Sample> cadences = byStart(sink.samplesOf(Metric.CADENCE));
    Map<Instant, Sample> speeds = byStart(sink.samplesOf(Metric.SPEED));
    for (String[] row : expected) {
      Instant at = ZonedDateTime.parse(row[0], CSV_TIME).toInstant();
      assertThat(heartRates.get(at).value())
          .as("heart rate at %s", at)
          .isEqualTo(Double.parseDouble(row[1]));
      // FIT counts cadence per revolution: strides on foot, so steps per minute are twice that
      assertThat(cadences.get(at).value())
          .as("cadence at %s", at)
          .isCloseTo(Double.parseDouble(row[2]) * (onFoot ? 2 : 1), within(2.0));
      assertThat(speeds.get(at).value())
          .as("speed at %s", at)
          .isCloseTo(Double.parseDouble(row[3]), within(1e-3));
    }
    // the first record's distance counts too: the Edge 820's is already at a few metres
    double lastDistance = Double.parseDouble(expected.get(expected.size() - 1)[4]);
    double covered = sink.samplesOf(Metric.DISTANCE).stream().mapToDouble(Sample::value).sum();
    assertThat(covered).isCloseTo(lastDistance, within(0.01));
    assertThat(sink.samplesOf(Metric.WORKOUT)).hasSize(1);
    assertThat(sink.rejections).isEmpty();
  }

  @Test
  void keepsTheBikeComputersFirstMetresAtItsFirstRecord() throws Exception {
    // given: the Edge 820 starts the session at its first record, already a few metres in
    String[] first =
        Files.readAllLines(DIR.resolve("garmin-edge-820-bike-records.csv")).get(1).split(",", -1);
    Instant firstAt = ZonedDateTime.parse(first[0], CSV_TIME).toInstant();

    // when
    List<Sample> distances =
        importFile(DIR.resolve("garmin-edge-820-bike.fit")).samplesOf(Metric.DISTANCE);

    // then
    assertThat(distances.get(0).start()).isEqualTo(firstAt);
    assertThat(distances.get(0).end()).isEqualTo(firstAt);
    assertThat(distances.get(0).value()).isCloseTo(Double.parseDouble(first[4]), within(1e-3));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "garmin-edge-820-bike.fit",
        "garmin-fenix-5-run.fit",
        "garmin-fenix-5-walk.fit",
        "activity-small-fenix2-run.fit",
        "sample-activity.fit",
        "2013-02-06-12-11-14.fit",
        "20170518-191602-1740899583.fit"
      })
  void distanceSamplesAddUpToTheLastRecordsDistance(String name) throws Exception {
    // given: the cumulative distance of the file's last record, as the SDK decodes it
    double[] last = {0};
    MesgBroadcaster broadcaster = new MesgBroadcaster();
    broadcaster.addListener(
        (RecordMesg record) -> {
          if (record.getDistance() != null) {
            last[0] = record.getDistance();
          }
        });
    try (InputStream in = Files.newInputStream(DIR.resolve(name))) {
      new Decode().read(in, broadcaster);
    }

    // when
    CollectingSink sink = importFile(DIR.resolve(name));

    // then
    assertThat(sink.samplesOf(Metric.DISTANCE).stream().mapToDouble(Sample::value).sum())
        .isCloseTo(last[0], within(0.01));
    assertThat(sink.samplesOf(Metric.DISTANCE))
        .allSatisfy(s -> assertThat(s.end()).isAfterOrEqualTo(s.start()))
        .extracting(Sample::sampleKey)
        .doesNotHaveDuplicates();
    assertThat(sink.rejections).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"activity-settings-corruptheader.fit", "activity-unexpected-eof.fit"})
  void corruptFilesFailNamingTheFile(String name) {
    assertThatThrownBy(() -> importFile(DIR.resolve(name)))
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining(name)
        .hasMessageContaining("FIT");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "activity-small-fenix2-run.fit",
        "sample-activity.fit",
        "2013-02-06-12-11-14.fit",
        "20170518-191602-1740899583.fit"
      })
  void readsTheOtherRealActivities(String name) throws Exception {
    CollectingSink sink = importFile(DIR.resolve(name));
    assertThat(sink.samplesOf(Metric.HEART_RATE).size() + sink.samplesOf(Metric.SPEED).size())
        .isPositive();
    assertThat(sink.samples).allSatisfy(s -> assertThat(s.source()).isEqualTo("garmin"));
  }

  @Test
  void readsEachFileOfTheInputOnce() throws Exception {
    // given: the folder of real activities, corrupt ones included, counting every open
    CollectingSink sink = new CollectingSink();
    Map<String, Integer> opens = new TreeMap<>();
    try (ImportInput folder = ImportInput.open(DIR);
        ImportInput counting = new CountingInput(folder, opens)) {

      // when
      new GarminFitImporter().importFrom(counting, OPTIONS, sink);
    }

    // then: the SDK's several passes read a local copy, not the input
    assertThat(opens).isNotEmpty().allSatisfy((entry, count) -> assertThat(count).isEqualTo(1));
    assertThat(opens.keySet()).allMatch(entry -> entry.endsWith(".fit"));
    assertThat(sink.samples)
        .hasSize(
            opens.keySet().stream()
                .filter(e -> !e.contains("corrupt") && !e.contains("unexpected-eof"))
                .mapToInt(e -> uncheckedImport(DIR.resolve(e)).samples.size())
                .sum());
  }

  private static CollectingSink uncheckedImport(Path path) {
    try {
      return importFile(path);
    } catch (Exception e) {
      throw new AssertionError(path + " did not import on its own", e);
    }
  }

  /** An input that counts how often each entry is opened. */
  private static final class CountingInput extends ImportInput {
    private final ImportInput delegate;
    private final Map<String, Integer> opens;

    CountingInput(ImportInput delegate, Map<String, Integer> opens) {
      super(delegate.name());
      this.delegate = delegate;
      this.opens = opens;
    }

    @Override
    public List<String> entries() {
      return delegate.entries();
    }

    @Override
    public InputStream open(String entry) throws IOException {
      opens.merge(entry, 1, Integer::sum);
      return delegate.open(entry);
    }

    @Override
    public long totalBytes() {
      return delegate.totalBytes();
    }

    @Override
    public void close() {}
  }
}
