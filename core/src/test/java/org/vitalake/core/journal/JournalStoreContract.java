package org.vitalake.core.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.EntryId;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;

/**
 * The behaviour every {@link JournalStore} must have; an adapter's test extends this class and
 * implements {@link #createStore()}.
 *
 * <p>Every test works on fresh random user ids, so an adapter may share one table between tests.
 * Timestamps are whole milliseconds, which every timestamp column keeps exactly.
 */
public abstract class JournalStoreContract {

  protected static final Instant T0 = Instant.parse("2024-03-10T06:00:00Z");
  protected static final Instant RECEIVED = Instant.parse("2024-03-10T21:00:00.456Z");

  protected final UserId alice = UserId.random();
  protected final UserId bob = UserId.random();

  protected JournalStore store;

  /** Creates the store under test; called before each test. */
  protected abstract JournalStore createStore();

  @BeforeEach
  void createStoreUnderTest() {
    store = createStore();
  }

  protected static RecordedJournalEntry recorded(
      UserId user, Instant occurredAt, JournalContent content) {
    JournalEntry entry =
        new JournalEntry(
            EntryId.random(), user, content.type(), occurredAt, ZoneOffset.ofHours(1), content);
    return new RecordedJournalEntry(
        entry, IngestId.random(), RECEIVED, "raw/journal/" + entry.entryId());
  }

  protected static RecordedJournalEntry note(UserId user, Instant occurredAt, String text) {
    return recorded(user, occurredAt, new NoteContent(text));
  }

  @Test
  void readsBackEveryKindOfContent() {
    // given one entry of every type
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("readiness", 6.0);
    scores.put("soreness", 2.0);
    List<JournalContent> contents =
        List.of(
            new MealContent("Porridge with berries", 420.5, 14.0, 68.0, 9.5),
            new MoodContent(4, List.of("calm", "focused")),
            new ActivityContent("Yoga", 40.0, "low"),
            new SymptomContent("Headache", 2),
            new NoteContent("Late coffee, \"strong\" one; slept badly.\nSecond line."),
            new SleepReportContent(6.5, 3, null),
            new WellnessContent(scores),
            new DrinkContent("Beer", 500.0, 2.8));
    List<RecordedJournalEntry> batch = new ArrayList<>();
    for (int i = 0; i < contents.size(); i++) {
      batch.add(recorded(alice, T0.plus(Duration.ofMinutes(i)), contents.get(i)));
    }

    // when
    store.append(batch);

    // then
    assertThat(store.findByUser(alice, T0, T0.plus(Duration.ofDays(1))))
        .containsExactlyElementsOf(batch);
  }

  @Test
  void keepsAbsentOptionalFieldsAbsent() {
    // given an entry without offset and raw reference, and a meal with only a name
    JournalEntry entry =
        new JournalEntry(
            EntryId.random(),
            alice,
            EntryType.MEAL,
            T0,
            null,
            new MealContent("Apple", null, null, null, null));
    RecordedJournalEntry recorded =
        new RecordedJournalEntry(entry, IngestId.random(), RECEIVED, null);

    // when
    store.append(List.of(recorded));

    // then
    assertThat(store.findByUser(alice, T0, T0.plusSeconds(1))).containsExactly(recorded);
  }

  @Test
  void includesTheStartOfTheRangeAndExcludesItsEnd() {
    // given
    RecordedJournalEntry atFrom = note(alice, T0, "at from");
    RecordedJournalEntry beforeTo = note(alice, T0.plusSeconds(3600).minusMillis(1), "before to");
    RecordedJournalEntry atTo = note(alice, T0.plusSeconds(3600), "at to");
    RecordedJournalEntry beforeFrom = note(alice, T0.minusMillis(1), "before from");
    store.append(List.of(atFrom, beforeTo, atTo, beforeFrom));

    // when
    List<RecordedJournalEntry> found = store.findByUser(alice, T0, T0.plusSeconds(3600));

    // then
    assertThat(found).containsExactly(atFrom, beforeTo);
  }

  @Test
  void ordersByOccurrence() {
    // given
    RecordedJournalEntry dinner = note(alice, T0.plus(Duration.ofHours(12)), "dinner");
    RecordedJournalEntry breakfast = note(alice, T0, "breakfast");
    RecordedJournalEntry lunch = note(alice, T0.plus(Duration.ofHours(6)), "lunch");
    store.append(List.of(dinner, breakfast, lunch));

    // when / then
    assertThat(store.findByUser(alice, T0, T0.plus(Duration.ofDays(1))))
        .containsExactly(breakfast, lunch, dinner);
  }

  @Test
  void keepsUsersApart() {
    // given
    RecordedJournalEntry alices = note(alice, T0, "alice");
    RecordedJournalEntry bobs = note(bob, T0, "bob");
    store.append(List.of(alices, bobs));

    // when / then
    assertThat(store.findByUser(alice, T0, T0.plusSeconds(1))).containsExactly(alices);
    assertThat(store.findByUser(bob, T0, T0.plusSeconds(1))).containsExactly(bobs);
    assertThat(store.findByUser(UserId.random(), T0, T0.plusSeconds(1))).isEmpty();
  }

  @Test
  void accumulatesSeveralAppends() {
    // given
    RecordedJournalEntry first = note(alice, T0, "first");
    RecordedJournalEntry second = note(alice, T0.plusSeconds(60), "second");

    // when
    store.append(List.of(first));
    store.append(List.of(second));

    // then
    assertThat(store.findByUser(alice, T0, T0.plus(Duration.ofDays(1))))
        .containsExactly(first, second);
  }

  @Test
  void ignoresAnEmptyBatch() {
    // when
    store.append(List.of());

    // then
    assertThat(store.findByUser(alice, T0.minus(Duration.ofDays(365)), T0.plusSeconds(1)))
        .isEmpty();
  }
}
