package org.vitalake.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JournalContentTest {

  @Test
  void parsesAMealAsTheSeedContractSendsIt() {
    // given the shape of POST /journal/entries: name, calories, protein
    Map<String, Object> fields = Map.of("name", "Chicken salad", "calories", 450, "protein", 35);

    // when
    JournalContent content = JournalContent.parse(EntryType.MEAL, fields);

    // then
    assertThat(content).isEqualTo(new MealContent("Chicken salad", 450.0, 35.0, null, null));
    assertThat(content.type()).isEqualTo(EntryType.MEAL);
  }

  @Test
  void parsesCamelCaseAndNumbersSentAsText() {
    // given
    Map<String, Object> fields =
        Map.of("name", "Oats", "calories", "380.5", "proteinG", 12, "carbsG", 60, "fatG", 7.5);

    // when
    JournalContent content = JournalContent.parse(EntryType.MEAL, fields);

    // then
    assertThat(content).isEqualTo(new MealContent("Oats", 380.5, 12.0, 60.0, 7.5));
  }

  @Test
  void writesCanonicalSnakeCaseNamesWithoutAbsentFields() {
    // given
    MealContent meal = new MealContent("Oats", 380.5, 12.0, null, 7.5);

    // when
    Map<String, Object> map = meal.toMap();

    // then
    assertThat(map)
        .containsExactly(
            Map.entry("name", "Oats"),
            Map.entry("calories", 380.5),
            Map.entry("protein_g", 12.0),
            Map.entry("fat_g", 7.5));
  }

  static Stream<Arguments> everyShape() {
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("readiness", 7.0);
    scores.put("fatigue", 2.0);
    scores.put("sleep_duration_h", 7.5);
    return Stream.of(
        Arguments.of(new MealContent("Pasta", 700.0, 25.0, 90.0, 20.0)),
        Arguments.of(new MoodContent(4, List.of("calm", "rested"))),
        Arguments.of(new ActivityContent("Yoga", 45.0, "low")),
        Arguments.of(new SymptomContent("Headache", 3)),
        Arguments.of(new NoteContent("Slept badly after a late coffee.")),
        Arguments.of(new SleepReportContent(6.5, 2, "woke up twice")),
        Arguments.of(new WellnessContent(scores)),
        Arguments.of(new DrinkContent("Beer", 500.0, 2.5)));
  }

  @ParameterizedTest
  @MethodSource("everyShape")
  void readsBackWhatItWrites(JournalContent content) {
    // when
    JournalContent parsed = JournalContent.parse(content.type(), content.toMap());

    // then
    assertThat(parsed).isEqualTo(content);
    assertThat(JournalContent.acceptedFields(content.type())).containsAll(flatKeys(content));
  }

  private static List<String> flatKeys(JournalContent content) {
    if (content instanceof WellnessContent wellness) {
      return List.copyOf(wellness.scores().keySet());
    }
    return List.copyOf(content.toMap().keySet());
  }

  @Test
  void rejectsAnUnknownFieldListingAcceptedOnes() {
    // given a typo
    Map<String, Object> fields = Map.of("name", "Oats", "protien", 12);

    // when / then
    assertThatThrownBy(() -> JournalContent.parse(EntryType.MEAL, fields))
        .isInstanceOfSatisfying(
            InvalidJournalEntryException.class,
            e -> {
              assertThat(e.field()).isEqualTo("protien");
              assertThat(e)
                  .hasMessage(
                      "unknown meal field protien; accepted fields: name, calories, protein_g,"
                          + " carbs_g, fat_g");
            });
  }

  @Test
  void rejectsNegativeCaloriesNamingTheFieldAndRange() {
    assertThatThrownBy(
            () -> JournalContent.parse(EntryType.MEAL, Map.of("name", "x", "calories", -5)))
        .isInstanceOfSatisfying(
            InvalidJournalEntryException.class,
            e -> {
              assertThat(e.field()).isEqualTo("calories");
              assertThat(e).hasMessage("calories -5.0 is outside the allowed range 0.0-10000.0");
            });
  }

  @Test
  void rejectsTextWhereANumberBelongs() {
    assertThatThrownBy(
            () -> JournalContent.parse(EntryType.MEAL, Map.of("name", "x", "calories", "lots")))
        .isInstanceOfSatisfying(
            InvalidJournalEntryException.class, e -> assertThat(e.field()).isEqualTo("calories"))
        .hasMessage("calories must be a number, got 'lots'");
  }

  @Test
  void rejectsAFieldSentUnderTwoNames() {
    assertThatThrownBy(
            () ->
                JournalContent.parse(
                    EntryType.MEAL, Map.of("name", "x", "protein", 10, "protein_g", 12)))
        .isInstanceOfSatisfying(
            InvalidJournalEntryException.class, e -> assertThat(e.field()).isEqualTo("protein_g"))
        .hasMessageContaining("send one of them");
  }

  @Test
  void rejectsAMealWithNeitherNameNorCalories() {
    assertThatThrownBy(() -> JournalContent.parse(EntryType.MEAL, Map.of("protein_g", 10)))
        .isInstanceOf(InvalidJournalEntryException.class)
        .hasMessage("a meal needs a name or its calories");
  }

  @Test
  void rejectsAMoodScoreOutsideOneToFive() {
    assertThatThrownBy(() -> JournalContent.parse(EntryType.MOOD, Map.of("score", 6)))
        .isInstanceOfSatisfying(
            InvalidJournalEntryException.class, e -> assertThat(e.field()).isEqualTo("score"))
        .hasMessage("score 6 is outside the allowed range 1-5");
    assertThatThrownBy(() -> JournalContent.parse(EntryType.MOOD, Map.of("score", 0)))
        .isInstanceOf(InvalidJournalEntryException.class);
  }

  @Test
  void rejectsAFractionalMoodScore() {
    assertThatThrownBy(() -> JournalContent.parse(EntryType.MOOD, Map.of("score", 3.5)))
        .isInstanceOf(InvalidJournalEntryException.class)
        .hasMessage("score must be a whole number, got 3.5");
  }

  @Test
  void requiresAMoodScore() {
    assertThatThrownBy(() -> JournalContent.parse(EntryType.MOOD, Map.of("tags", List.of("ok"))))
        .isInstanceOfSatisfying(
            InvalidJournalEntryException.class, e -> assertThat(e.field()).isEqualTo("score"));
  }

  @Test
  void acceptsMoodTagsAsCommaSeparatedText() {
    assertThat(JournalContent.parse(EntryType.MOOD, Map.of("mood", 2, "tags", "tired, stressed")))
        .isEqualTo(new MoodContent(2, List.of("tired", "stressed")));
  }

  @Test
  void normalisesActivityIntensity() {
    assertThat(
            JournalContent.parse(
                EntryType.ACTIVITY, Map.of("name", "Run", "duration", 30, "intensity", "Vigorous")))
        .isEqualTo(new ActivityContent("Run", 30.0, "high"));
    assertThatThrownBy(() -> new ActivityContent("Run", 30.0, "extreme"))
        .isInstanceOfSatisfying(
            InvalidJournalEntryException.class, e -> assertThat(e.field()).isEqualTo("intensity"))
        .hasMessage("intensity 'extreme' is not one of low, moderate, high");
  }

  @Test
  void rejectsAnActivityLongerThanADay() {
    assertThatThrownBy(() -> new ActivityContent("Hike", 1441.0, null))
        .isInstanceOf(InvalidJournalEntryException.class)
        .hasMessageContaining("minutes 1441.0");
  }

  @Test
  void requiresASymptomName() {
    assertThatThrownBy(() -> JournalContent.parse(EntryType.SYMPTOM, Map.of("severity", 2)))
        .isInstanceOfSatisfying(
            InvalidJournalEntryException.class, e -> assertThat(e.field()).isEqualTo("name"))
        .hasMessage("name is required");
  }

  @Test
  void rejectsASymptomSeverityAboveFive() {
    assertThatThrownBy(() -> new SymptomContent("Cough", 9))
        .isInstanceOf(InvalidJournalEntryException.class)
        .hasMessage("severity 9 is outside the allowed range 1-5");
  }

  @Test
  void rejectsAnEmptyNoteAndAnOverlongOne() {
    assertThatThrownBy(() -> new NoteContent("  "))
        .isInstanceOf(InvalidJournalEntryException.class)
        .hasMessage("text is required");
    assertThatThrownBy(() -> new NoteContent("x".repeat(NoteContent.MAX_LENGTH + 1)))
        .isInstanceOf(InvalidJournalEntryException.class)
        .hasMessageContaining("10001 characters");
  }

  @Test
  void parsesWellnessScoresGivenFlatAsInPmdata() {
    // given a PMData wellness row: fatigue, mood, readiness, sleep_duration_h, sleep_quality,
    // soreness, stress
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("fatigue", 2);
    row.put("mood", 3);
    row.put("readiness", 5);
    row.put("sleepDurationH", 6);
    row.put("sleep_quality", 3);
    row.put("soreness", 2);
    row.put("stress", 3);

    // when
    WellnessContent wellness = (WellnessContent) JournalContent.parse(EntryType.WELLNESS, row);

    // then
    assertThat(wellness.scores())
        .containsExactly(
            Map.entry("readiness", 5.0),
            Map.entry("fatigue", 2.0),
            Map.entry("stress", 3.0),
            Map.entry("sleep_quality", 3.0),
            Map.entry("soreness", 2.0),
            Map.entry("mood", 3.0),
            Map.entry("sleep_duration_h", 6.0));
  }

  @Test
  void rejectsAWellnessScoreOutsideItsScale() {
    assertThatThrownBy(() -> JournalContent.parse(EntryType.WELLNESS, Map.of("readiness", 11)))
        .isInstanceOfSatisfying(
            InvalidJournalEntryException.class, e -> assertThat(e.field()).isEqualTo("readiness"))
        .hasMessage("readiness 11.0 is outside the allowed range 0.0-10.0");
    assertThatThrownBy(() -> JournalContent.parse(EntryType.WELLNESS, Map.of("stress", 0)))
        .isInstanceOf(InvalidJournalEntryException.class)
        .hasMessage("stress 0.0 is outside the allowed range 1.0-5.0");
  }

  @Test
  void rejectsAnUnknownWellnessScore() {
    assertThatThrownBy(() -> JournalContent.parse(EntryType.WELLNESS, Map.of("happiness", 3)))
        .isInstanceOf(InvalidJournalEntryException.class)
        .hasMessageContaining("unknown wellness score 'happiness'")
        .hasMessageContaining("readiness, fatigue, stress, sleep_quality, soreness, mood");
  }

  @Test
  void rejectsEmptyWellness() {
    assertThatThrownBy(() -> JournalContent.parse(EntryType.WELLNESS, Map.of()))
        .isInstanceOfSatisfying(
            InvalidJournalEntryException.class, e -> assertThat(e.field()).isEqualTo("scores"));
  }

  @Test
  void parsesADrinkWithAliases() {
    assertThat(
            JournalContent.parse(
                EntryType.DRINK, Map.of("drink", "Wine", "volume", 175, "alcohol", 2.1)))
        .isEqualTo(new DrinkContent("Wine", 175.0, 2.1));
  }

  @Test
  void rejectsADrinkOfSixLitres() {
    assertThatThrownBy(() -> new DrinkContent("Water", 6000.0, null))
        .isInstanceOfSatisfying(
            InvalidJournalEntryException.class, e -> assertThat(e.field()).isEqualTo("volume_ml"));
  }

  @Test
  void rejectsASleepReportWithoutHoursOrQuality() {
    assertThatThrownBy(() -> JournalContent.parse(EntryType.SLEEP_REPORT, Map.of("note", "meh")))
        .isInstanceOf(InvalidJournalEntryException.class)
        .hasMessage("a sleep report needs sleep_hours or quality");
  }

  @Test
  void rejectsMissingContent() {
    assertThatThrownBy(() -> JournalContent.parse(EntryType.NOTE, null))
        .isInstanceOfSatisfying(
            InvalidJournalEntryException.class, e -> assertThat(e.field()).isEqualTo("content"));
  }

  @Test
  void returnsImmutableCollections() {
    // given
    MoodContent mood = new MoodContent(3, new java.util.ArrayList<>(List.of("ok")));

    // when / then
    assertThatThrownBy(() -> mood.tags().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(new MoodContent(3, null).tags()).isEmpty();
  }
}
