package org.vitalake.ingest.importer.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.garmin.fit.DateTime;
import com.garmin.fit.RecordMesg;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;
import org.vitalake.core.sample.Sample;

class GarminFitRecordMapperTest {

  private static final UserId USER = UserId.of("fit-user");
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant START = Instant.parse("2017-06-12T16:10:15Z");

  private final GarminFitRecordMapper mapper = new GarminFitRecordMapper();

  private static RecordMesg record(Instant at, float metres) {
    RecordMesg record = new RecordMesg();
    record.setTimestamp(new DateTime(Date.from(at)));
    record.setDistance(metres);
    return record;
  }

  private Sample distance(Instant at, float metres, GarminFitActivity activity) {
    RecordMesg record = record(at, metres);
    return mapper.distance(record, mapper.time(record), USER, activity, NOW);
  }

  private static GarminFitActivity startingAt(Instant start) {
    return new GarminFitActivity(false, "edge820", null, start);
  }

  @Test
  void countsTheFirstRecordsDistanceFromTheActivitysStart() {
    // given
    Instant first = START.plusSeconds(5);

    // when
    Sample sample = distance(first, 6.95f, startingAt(START));

    // then
    assertThat(sample.start()).isEqualTo(START);
    assertThat(sample.end()).isEqualTo(first);
    assertThat(sample.value()).isEqualTo((double) 6.95f);
  }

  @Test
  void keepsTheFirstRecordsDistanceAtItsTimeWhenTheActivityStartsThen() {
    // when
    Sample sample = distance(START, 6.95f, startingAt(START));

    // then: zero-length, so the metres are not lost
    assertThat(sample.start()).isEqualTo(START);
    assertThat(sample.end()).isEqualTo(START);
    assertThat(sample.value()).isEqualTo((double) 6.95f);
  }

  @Test
  void keepsTheFirstRecordsDistanceAtItsTimeWhenTheStartIsUnknown() {
    // when
    Sample sample = distance(START, 6.95f, startingAt(null));

    // then
    assertThat(sample.start()).isEqualTo(START);
    assertThat(sample.end()).isEqualTo(START);
    assertThat(sample.value()).isEqualTo((double) 6.95f);
  }

  @Test
  void yieldsNothingForAFirstRecordAtZeroMetres() {
    assertThat(distance(START, 0f, startingAt(START))).isNull();
  }

  @Test
  void keepsTheMetresOfARecordThatSharesTheSecondOfThePreviousOne() {
    // given
    GarminFitActivity activity = startingAt(START);
    Instant second = START.plusSeconds(1);

    // when
    Sample first = distance(START, 0f, activity);
    Sample before = distance(second, 804.1f, activity);
    Sample same = distance(second, 805.44f, activity);
    Sample after = distance(second.plusSeconds(1), 807f, activity);

    // then
    assertThat(first).isNull();
    assertThat(before.start()).isEqualTo(START);
    assertThat(same.start()).isEqualTo(second);
    assertThat(same.end()).isEqualTo(second);
    assertThat(after.start()).isEqualTo(second);
    assertThat(before.value() + same.value() + after.value()).isCloseTo(807f, within(1e-9));
  }

  @Test
  void startsAgainFromZeroForTheNextFile() {
    // given
    distance(START, 100f, startingAt(START));
    mapper.reset();
    Instant next = START.plusSeconds(3600);

    // when
    Sample sample = distance(next.plusSeconds(2), 3f, startingAt(next));

    // then
    assertThat(sample.start()).isEqualTo(next);
    assertThat(sample.value()).isEqualTo((double) 3f);
  }
}
