package org.vitalake.ingest.importer.pmdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vitalake.core.id.UserId;
import org.vitalake.core.journal.EntryType;
import org.vitalake.core.journal.JournalEntry;
import org.vitalake.core.journal.WellnessContent;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.importer.CollectingSink;
import org.vitalake.ingest.importer.ImportInput;
import org.vitalake.ingest.importer.ImportOptions;
import org.vitalake.ingest.importer.SharedData;

class PmdataImporterTest {

  private static final Path PMDATA = SharedData.file("pmdata");
  private static final UserId USER = UserId.of("pmdata-user");
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static CollectingSink importPath(Path path, ImportOptions options) throws Exception {
    CollectingSink sink = new CollectingSink();
    try (ImportInput input = ImportInput.open(path)) {
      new PmdataImporter().importFrom(input, options, sink);
    }
    return sink;
  }

  /** Rows of a CSV, header dropped. */
  private static List<String[]> rows(Path file) throws Exception {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      in.readLine();
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          // commas inside quotes ("[48979004, 32696007]") do not separate values
          rows.add(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1));
        }
      }
    }
    return rows;
  }

  @Test
  void mapsEveryWellnessRowAndRejectsOnlyScoresOutsideTheirScale() throws Exception {
    // given: columns fatigue, mood, readiness, sleep_duration_h, sleep_quality, soreness, _, stress
    Path file = PMDATA.resolve("p01/pmsys/wellness.csv");
    List<String[]> rows = rows(file);
    long outside =
        rows.stream()
            .filter(
                r -> {
                  for (int i : new int[] {1, 2, 5, 6, 8}) {
                    if (!r[i].isBlank()
                        && (Double.parseDouble(r[i]) < 1 || Double.parseDouble(r[i]) > 5)) {
                      return true;
                    }
                  }
                  return false;
                })
            .count();

    // when
    CollectingSink sink = importPath(file, ImportOptions.forUser(USER, OSLO, NOW));

    // then
    assertThat(sink.recordsRead).isEqualTo(rows.size());
    assertThat(sink.rejections).hasSize((int) outside);
    assertThat(sink.entries).hasSize(rows.size() - (int) outside);
    JournalEntry first = sink.entries.get(0);
    assertThat(first.type()).isEqualTo(EntryType.WELLNESS);
    assertThat(first.occurredAt()).isEqualTo(Instant.parse(rows.get(0)[0]));
    assertThat(((WellnessContent) first.content()).scores())
        .containsEntry("readiness", Double.parseDouble(rows.get(0)[3]))
        .containsEntry("fatigue", Double.parseDouble(rows.get(0)[1]));
  }

  @ParameterizedTest
  @ValueSource(strings = {"p01", "p14"})
  void mergesTheEveningReportsOfEachDay(String participant) throws Exception {
    // given: columns date, timestamp, meals, weight, glasses_of_fluid, alcohol_consumed; a day
    // reported more than once keeps every meal named, alcohol if any report says yes, and the
    // fluid and weight of the report sent last
    Path file = PMDATA.resolve(participant + "/googledocs/reporting.csv");
    DateTimeFormatter dayFirst = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    DateTimeFormatter sent = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");
    List<String[]> rows = new ArrayList<>(rows(file));
    rows.sort(Comparator.comparing(r -> LocalDateTime.parse(r[1], sent)));
    Set<String> meals = new TreeSet<>();
    Set<LocalDate> alcohol = new TreeSet<>();
    Map<LocalDate, Double> fluidMl = new TreeMap<>();
    Map<LocalDate, Double> weightKg = new TreeMap<>();
    for (String[] r : rows) {
      LocalDate day = LocalDate.parse(r[0], dayFirst);
      for (String meal : r[2].replace("\"", "").split(",")) {
        if (!meal.isBlank()) {
          meals.add(day + " " + meal.strip());
        }
      }
      if (r[5].equals("Yes")) {
        alcohol.add(day);
      }
      if (!r[4].isBlank()) {
        fluidMl.put(day, Double.parseDouble(r[4]) * 250);
      }
      if (!r[3].isBlank()) {
        weightKg.put(day, Double.parseDouble(r[3]));
      }
    }
    assertThat(rows.stream().map(r -> r[0]).distinct().count()).isLessThan(rows.size());

    // when
    CollectingSink sink = importPath(file, ImportOptions.forUser(USER, OSLO, NOW));

    // then
    assertThat(sink.rejections).isEmpty();
    assertThat(sink.entries.stream().filter(e -> e.type() == EntryType.MEAL))
        .extracting(
            e -> e.occurredAt().atZone(OSLO).toLocalDate() + " " + e.content().toMap().get("name"))
        .containsExactlyInAnyOrderElementsOf(meals);
    assertThat(drinks(sink, "alcohol"))
        .extracting(e -> e.occurredAt().atZone(OSLO).toLocalDate())
        .containsExactlyElementsOf(alcohol);
    Map<LocalDate, Double> importedFluid = new TreeMap<>();
    drinks(sink, "fluid")
        .forEach(
            e ->
                assertThat(
                        importedFluid.put(
                            e.occurredAt().atZone(OSLO).toLocalDate(),
                            ((Number) e.content().toMap().get("volume_ml")).doubleValue()))
                    .isNull());
    assertThat(importedFluid).isEqualTo(fluidMl);
    Map<LocalDate, Double> importedWeight = new TreeMap<>();
    for (Sample s : sink.samplesOf(Metric.WEIGHT)) {
      assertThat(s.deviceType()).isEqualTo(DeviceType.MANUAL);
      assertThat(importedWeight.put(s.start().atZone(OSLO).toLocalDate(), s.value())).isNull();
    }
    assertThat(importedWeight).isEqualTo(weightKg);
  }

  private static List<JournalEntry> drinks(CollectingSink sink, String name) {
    return sink.entries.stream()
        .filter(e -> e.type() == EntryType.DRINK && e.content().toMap().get("name").equals(name))
        .toList();
  }

  @Test
  void importsOnlyTheParticipantsMappedAndGivesStableEntryIds() throws Exception {
    // given
    ImportOptions onlyP02 = new ImportOptions(null, Map.of("p02", USER), OSLO, NOW);

    // when
    CollectingSink first = importPath(PMDATA, onlyP02);
    CollectingSink second = importPath(PMDATA, onlyP02);

    // then: the same entries as importing p02's own folder for that user
    CollectingSink own = importPath(PMDATA.resolve("p02"), ImportOptions.forUser(USER, OSLO, NOW));
    assertThat(first.entries).isNotEmpty().allSatisfy(e -> assertThat(e.userId()).isEqualTo(USER));
    assertThat(first.samples).hasSameSizeAs(own.samples);
    // a day reported twice (the form was sent again) yields the same ids: it is the same report
    assertThat(first.entries)
        .extracting(e -> e.entryId().value())
        .containsExactlyElementsOf(second.entries.stream().map(e -> e.entryId().value()).toList())
        .containsExactlyElementsOf(own.entries.stream().map(e -> e.entryId().value()).toList());
  }

  @Test
  void mapsTrainingSessionsToActivitiesStartingBeforeTheirReport() throws Exception {
    // given
    Path file = PMDATA.resolve("p01/pmsys/srpe.csv");

    // when
    CollectingSink sink = importPath(file, ImportOptions.forUser(USER, OSLO, NOW));

    // then
    assertThat(sink.entries.size() + sink.rejections.size()).isEqualTo((int) sink.recordsRead);
    JournalEntry first = sink.entries.get(0);
    assertThat(first.type()).isEqualTo(EntryType.ACTIVITY);
    assertThat(first.content().toMap())
        .containsEntry("name", "individual, running")
        .containsEntry("minutes", 30.0);
    assertThat(first.occurredAt())
        .isEqualTo(Instant.parse("2019-11-05T22:51:54.710Z").minusSeconds(30 * 60));
  }

  @Test
  void findsTheParticipantFolders() throws Exception {
    try (ImportInput input = ImportInput.open(PMDATA)) {
      List<String> participants = new PmdataImporter().findParticipants(input);
      try (var dirs = Files.list(PMDATA)) {
        assertThat(participants).isSorted().hasSize((int) dirs.filter(Files::isDirectory).count());
      }
    }
  }
}
