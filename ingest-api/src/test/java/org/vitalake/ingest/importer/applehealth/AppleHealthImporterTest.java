package org.vitalake.ingest.importer.applehealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.SleepStage;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.importer.CollectingSink;
import org.vitalake.ingest.importer.ImportFailedException;
import org.vitalake.ingest.importer.ImportInput;
import org.vitalake.ingest.importer.ImportOptions;
import org.vitalake.ingest.importer.SharedData;

class AppleHealthImporterTest {

  private static final Path IPHONE = SharedData.file("apple-health/tdda_export6s3sample.xml");
  private static final Path WATCH = SharedData.file("apple-health/alxdrcirilo_export.xml");
  private static final UserId USER = UserId.of("u-apple");
  private static final ImportOptions OPTIONS =
      ImportOptions.forUser(USER, ZoneId.of("UTC"), Instant.parse("2026-01-01T00:00:00Z"));

  @TempDir Path temp;

  private static CollectingSink importFile(Path path) throws Exception {
    CollectingSink sink = new CollectingSink();
    try (ImportInput input = ImportInput.open(path)) {
      new AppleHealthImporter().importFrom(input, OPTIONS, sink);
    }
    return sink;
  }

  /**
   * Every {@code <Record ...>} start tag of the given type in the raw text, with its attributes.
   */
  private static List<String> recordTags(Path file, String type) throws Exception {
    String xml = Files.readString(file);
    Matcher tags = Pattern.compile("<Record\\b[^>]*type=\"" + type + "\"[^>]*>").matcher(xml);
    return tags.results().map(m -> m.group()).toList();
  }

  private static String attribute(String tag, String name) {
    Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(tag);
    return m.find() ? m.group(1) : null;
  }

  @Test
  void importsEveryStepAndDistanceRecordOfTheIphoneSampleWithItsValue() throws Exception {
    // given
    List<String> stepTags = recordTags(IPHONE, "HKQuantityTypeIdentifierStepCount");
    List<String> distanceTags =
        recordTags(IPHONE, "HKQuantityTypeIdentifierDistanceWalkingRunning");
    double expectedSteps =
        stepTags.stream().mapToDouble(t -> Double.parseDouble(attribute(t, "value"))).sum();
    double expectedMetres =
        distanceTags.stream()
            .mapToDouble(t -> Double.parseDouble(attribute(t, "value")) * 1000)
            .sum();

    // when
    CollectingSink sink = importFile(IPHONE);

    // then
    assertThat(stepTags).hasSize(10);
    assertThat(distanceTags).hasSize(5);
    assertThat(sink.samplesOf(Metric.STEPS)).hasSize(stepTags.size());
    assertThat(sink.samplesOf(Metric.DISTANCE)).hasSize(distanceTags.size());
    assertThat(sink.samplesOf(Metric.STEPS).stream().mapToDouble(Sample::value).sum())
        .isEqualTo(expectedSteps);
    assertThat(sink.samplesOf(Metric.DISTANCE).stream().mapToDouble(Sample::value).sum())
        .isCloseTo(expectedMetres, within(1e-9));
    assertThat(sink.samplesOf(Metric.WORKOUT)).hasSize(1);
    assertThat(sink.rejections).isEmpty();
  }

  @Test
  void keepsEachRecordsOwnOffsetAndInterval() throws Exception {
    // given
    String firstStep = recordTags(IPHONE, "HKQuantityTypeIdentifierStepCount").get(0);

    // when
    Sample first = importFile(IPHONE).samplesOf(Metric.STEPS).get(0);

    // then: 2014-09-13 10:27:54 +0100
    String start = attribute(firstStep, "startDate");
    ZoneOffset offset = ZoneOffset.of(start.substring(20, 23) + ":" + start.substring(23));
    assertThat(first.zoneOffset()).isEqualTo(offset);
    assertThat(first.start())
        .isEqualTo(
            java.time.LocalDateTime.parse(start.substring(0, 19).replace(' ', 'T'))
                .toInstant(offset));
    assertThat(first.end()).isAfter(first.start());
  }

  @Test
  void readsWatchHeartRateSleepStagesAndEnergyWithoutTheOwnersName() throws Exception {
    // when
    CollectingSink sink = importFile(WATCH);

    // then
    List<Sample> heartRates = sink.samplesOf(Metric.HEART_RATE);
    assertThat(heartRates)
        .extracting(Sample::value)
        .containsExactlyElementsOf(
            recordTags(WATCH, "HKQuantityTypeIdentifierHeartRate").stream()
                .map(t -> Double.parseDouble(attribute(t, "value")))
                .toList());
    assertThat(heartRates)
        .allSatisfy(
            s -> {
              assertThat(s.zoneOffset()).isEqualTo(ZoneOffset.ofHours(2));
              assertThat(s.source()).isEqualTo("apple_health:Apple Watch");
              assertThat(s.device()).isEqualTo("Apple Watch Watch6,7");
              assertThat(s.deviceType()).isEqualTo(DeviceType.WATCH);
              assertThat(s.end()).isNull();
            });
    assertThat(sink.samplesOf(Metric.SLEEP_STAGE))
        .extracting(Sample::sleepStage)
        .containsExactly(SleepStage.IN_BED, SleepStage.LIGHT);
    assertThat(sink.samplesOf(Metric.ACTIVE_ENERGY))
        .hasSize(recordTags(WATCH, "HKQuantityTypeIdentifierActiveEnergyBurned").size());
    assertThat(sink.samples).noneMatch(s -> s.source().contains("Alexandre"));
    assertThat(sink.rejections).isEmpty();
  }

  @Test
  void readsTheExportInsideTheZipAppleShips() throws Exception {
    // given
    Path zip = temp.resolve("export.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("apple_health_export/export_cda.xml"));
      out.write("<ClinicalDocument/>".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new ZipEntry("apple_health_export/export.xml"));
      Files.copy(IPHONE, out);
      out.closeEntry();
    }

    // when
    CollectingSink fromZip = importFile(zip);

    // then
    assertThat(fromZip.samples)
        .extracting(Sample::sampleKey)
        .containsExactlyElementsOf(
            importFile(IPHONE).samples.stream().map(Sample::sampleKey).toList());
  }

  @Test
  void givesTheSameSampleKeysWhenTheSameFileIsImportedAgain() throws Exception {
    assertThat(importFile(WATCH).samples)
        .extracting(Sample::sampleKey)
        .containsExactlyElementsOf(
            importFile(WATCH).samples.stream().map(Sample::sampleKey).toList())
        .doesNotHaveDuplicates();
  }

  @Test
  void failsNamingTheFileAndLineWhenTheExportIsTruncated() throws Exception {
    // given: the real export cut in the middle of a record
    byte[] bytes = Files.readAllBytes(IPHONE);
    Path truncated = temp.resolve("truncated-export.xml");
    try (OutputStream out = Files.newOutputStream(truncated)) {
      out.write(bytes, 0, bytes.length * 2 / 3);
    }
    CollectingSink sink = new CollectingSink();

    // when / then
    assertThatThrownBy(
            () -> {
              try (ImportInput input = ImportInput.open(truncated)) {
                new AppleHealthImporter().importFrom(input, OPTIONS, sink);
              }
            })
        .isInstanceOf(ImportFailedException.class)
        .hasMessageContaining("truncated-export.xml")
        .hasMessageContaining("line");
  }

  @Test
  void rejectsAnImplausibleRecordNamingLineAndFieldAndKeepsTheRest() throws Exception {
    // given
    Path file = temp.resolve("export.xml");
    Files.writeString(
        file,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <HealthData locale="en_NL">
         <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" startDate="2024-01-01 01:01:36 +0200" endDate="2024-01-01 01:01:36 +0200" value="400"/>
         <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" startDate="2024-01-01 01:01:37 +0200" endDate="2024-01-01 01:01:37 +0200" value="71"/>
         <Record type="HKQuantityTypeIdentifierBodyMass" sourceName="Scale" unit="kg" startDate="yesterday" endDate="2024-01-01 01:01:37 +0200" value="71"/>
         <Record type="HKQuantityTypeIdentifierOxygenSaturation" sourceName="Watch" unit="%" startDate="2024-01-01 01:01:37 +0200" endDate="2024-01-01 01:01:37 +0200" value="0.97"/>
        </HealthData>
        """);

    // when
    CollectingSink sink = importFile(file);

    // then
    assertThat(sink.recordsRead).isEqualTo(4);
    assertThat(sink.samples).extracting(Sample::value).containsExactly(71.0, 97.0);
    assertThat(sink.rejections).hasSize(2);
    assertThat(sink.rejections.get(0).record()).isEqualTo(3);
    assertThat(sink.rejections.get(0).field()).isEqualTo("value");
    assertThat(sink.rejections.get(1).record()).isEqualTo(5);
    assertThat(sink.rejections.get(1).field()).isEqualTo("startDate");
  }

  @Test
  void rejectsAnImpossibleDateNamingLineAndAttributeAndKeepsTheRecordsAround() throws Exception {
    // given: month 13 on line 4, 15:75 on line 5
    Path file = temp.resolve("export.xml");
    Files.writeString(
        file,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <HealthData locale="en_NL">
         <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" startDate="2024-12-01 01:02:27 +0200" endDate="2024-12-01 01:05:27 +0200" value="120"/>
         <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" startDate="2024-13-01 01:02:27 +0200" endDate="2024-12-01 01:05:27 +0200" value="130"/>
         <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" startDate="2024-12-01 15:00:00 +0200" endDate="2024-12-01 15:75:00 +0200" value="140"/>
         <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" startDate="2024-12-01 16:00:00 +0200" endDate="2024-12-01 16:05:00 +0200" value="150"/>
        </HealthData>
        """);

    // when
    CollectingSink sink = importFile(file);

    // then
    assertThat(sink.recordsRead).isEqualTo(4);
    assertThat(sink.samples).extracting(Sample::value).containsExactly(120.0, 150.0);
    assertThat(sink.rejections).hasSize(2);
    assertThat(sink.rejections.get(0).record()).isEqualTo(4);
    assertThat(sink.rejections.get(0).field()).isEqualTo("startDate");
    assertThat(sink.rejections.get(0).reason()).contains("2024-13-01 01:02:27 +0200");
    assertThat(sink.rejections.get(1).record()).isEqualTo(5);
    assertThat(sink.rejections.get(1).field()).isEqualTo("endDate");
    assertThat(sink.rejections.get(1).reason()).contains("2024-12-01 15:75:00 +0200");
  }
}
