package org.vitalake.core.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.SleepStage;

/**
 * The behaviour every {@link SampleStore} must have; an adapter's test extends this class and
 * implements {@link #createStore()}.
 *
 * <p>Every test works on fresh random user ids, so an adapter may share one table between tests.
 * Timestamps are whole milliseconds, which every timestamp column keeps exactly.
 */
public abstract class SampleStoreContract {

  protected static final Instant T0 = Instant.parse("2024-03-10T06:00:00Z");
  protected static final Instant RECEIVED = Instant.parse("2024-03-10T12:00:00.123Z");

  protected final UserId alice = UserId.random();
  protected final UserId bob = UserId.random();

  protected SampleStore store;

  /** Creates the store under test; called before each test. */
  protected abstract SampleStore createStore();

  @BeforeEach
  void createStoreUnderTest() {
    store = createStore();
  }

  protected static RecordedSample recorded(Sample sample) {
    return new RecordedSample(
        sample, IngestId.random(), RECEIVED, "raw/" + sample.source() + "/" + sample.sampleKey());
  }

  protected static Sample heartRate(UserId user, Instant at, double bpm) {
    return new Sample(
        user,
        Metric.HEART_RATE,
        bpm,
        at,
        null,
        ZoneOffset.ofHoursMinutes(5, 30),
        "apple_health",
        "Watch6,2",
        DeviceType.WATCH,
        "count/min");
  }

  protected static Sample steps(UserId user, Instant start, double count) {
    return new Sample(
        user,
        Metric.STEPS,
        count,
        start,
        start.plus(Duration.ofMinutes(1)),
        ZoneOffset.ofHours(-7),
        "fitbit",
        null,
        DeviceType.UNKNOWN,
        null);
  }

  protected static Sample deepSleep(UserId user, Instant start) {
    return new Sample(
        user,
        Metric.SLEEP_STAGE,
        SleepStage.DEEP.code(),
        start,
        start.plusSeconds(30),
        null,
        "oura",
        "Ring Gen3",
        DeviceType.RING,
        null);
  }

  @Test
  void readsBackEveryFieldOfWhatWasAppended() {
    // given
    List<RecordedSample> batch =
        List.of(
            recorded(heartRate(alice, T0, 61.5)),
            recorded(steps(alice, T0.plusSeconds(60), 112)),
            recorded(deepSleep(alice, T0.plusSeconds(120))));

    // when
    store.append(batch);

    // then
    assertThat(store.findByUser(alice, T0, T0.plus(Duration.ofDays(1))))
        .containsExactlyElementsOf(batch);
  }

  @Test
  void keepsAbsentOptionalFieldsAbsent() {
    // given a sample without end, offset, device, unit as sent and raw reference
    Sample bare =
        new Sample(alice, Metric.WEIGHT, 70.25, T0, null, null, "manual", null, null, null);
    RecordedSample recorded = new RecordedSample(bare, IngestId.random(), RECEIVED, null);

    // when
    store.append(List.of(recorded));

    // then
    assertThat(store.findByUser(alice, T0, T0.plusSeconds(1))).containsExactly(recorded);
  }

  @Test
  void includesTheStartOfTheRangeAndExcludesItsEnd() {
    // given samples at the start, just before the end, at the end and just before the start
    RecordedSample atFrom = recorded(heartRate(alice, T0, 60));
    RecordedSample beforeTo = recorded(heartRate(alice, T0.plusSeconds(3599).plusMillis(999), 61));
    RecordedSample atTo = recorded(heartRate(alice, T0.plusSeconds(3600), 62));
    RecordedSample beforeFrom = recorded(heartRate(alice, T0.minusMillis(1), 63));
    store.append(List.of(atFrom, beforeTo, atTo, beforeFrom));

    // when
    List<RecordedSample> found = store.findByUser(alice, T0, T0.plusSeconds(3600));

    // then
    assertThat(found).containsExactly(atFrom, beforeTo);
  }

  @Test
  void selectsByStartEvenWhenTheIntervalRunsPastTheRange() {
    // given one minute of steps starting 30 s before the end of the range
    RecordedSample straddling = recorded(steps(alice, T0.plusSeconds(30), 50));
    store.append(List.of(straddling));

    // when / then
    assertThat(store.findByUser(alice, T0, T0.plusSeconds(60))).containsExactly(straddling);
    assertThat(store.findByUser(alice, T0.plusSeconds(60), T0.plusSeconds(120))).isEmpty();
  }

  @Test
  void ordersByStart() {
    // given a batch appended out of order
    RecordedSample third = recorded(heartRate(alice, T0.plusSeconds(20), 70));
    RecordedSample first = recorded(heartRate(alice, T0, 68));
    RecordedSample second = recorded(heartRate(alice, T0.plusSeconds(10), 69));
    store.append(List.of(third, first, second));

    // when / then
    assertThat(store.findByUser(alice, T0, T0.plusSeconds(60)))
        .containsExactly(first, second, third);
  }

  @Test
  void keepsUsersApart() {
    // given
    RecordedSample alices = recorded(heartRate(alice, T0, 60));
    RecordedSample bobs = recorded(heartRate(bob, T0, 90));
    store.append(List.of(alices, bobs));

    // when / then
    assertThat(store.findByUser(alice, T0, T0.plusSeconds(1))).containsExactly(alices);
    assertThat(store.findByUser(bob, T0, T0.plusSeconds(1))).containsExactly(bobs);
    assertThat(store.findByUser(UserId.random(), T0, T0.plusSeconds(1))).isEmpty();
  }

  @Test
  void accumulatesSeveralAppends() {
    // given
    RecordedSample morning = recorded(steps(alice, T0, 100));
    RecordedSample noon = recorded(steps(alice, T0.plus(Duration.ofHours(6)), 200));
    RecordedSample evening = recorded(steps(alice, T0.plus(Duration.ofHours(12)), 300));

    // when
    store.append(List.of(morning));
    store.append(List.of(noon));
    store.append(List.of(evening));

    // then
    assertThat(store.findByUser(alice, T0, T0.plus(Duration.ofDays(1))))
        .containsExactly(morning, noon, evening);
  }

  @Test
  void keepsDuplicateDeliveriesForDownstreamDedupe() {
    // given the same sample delivered by two ingests
    Sample sample = heartRate(alice, T0, 60);
    RecordedSample first = recorded(sample);
    RecordedSample retry = recorded(sample);

    // when
    store.append(List.of(first));
    store.append(List.of(retry));

    // then
    List<RecordedSample> found = store.findByUser(alice, T0, T0.plusSeconds(1));
    assertThat(found).containsExactlyInAnyOrder(first, retry);
    assertThat(found).extracting(r -> r.sample().sampleKey()).containsOnly(sample.sampleKey());
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
