package org.vitalake.ingest.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.ingest.problem.ProblemException;
import org.vitalake.ingest.sync.SyncRequest.DataPoint;

class DataPointMapperTest {

  private static final Instant NOW = Instant.parse("2025-11-21T12:00:00Z");
  private static final UserId USER = UserId.of("u-1");
  private final DataPointMapper mapper = new DataPointMapper(3);

  @Test
  void convertsUnitsAndKeepsTheTimestampOffset() {
    // given
    DataPoint point =
        new DataPoint(
            "distance",
            2.5,
            "2025-11-21T07:30:00+01:00",
            "2025-11-21T07:45:00+01:00",
            "km",
            null,
            null);

    // when
    DataPointMapper.MappedPoints mapped = mapper.map(request(point), USER, NOW);

    // then
    Sample sample = mapped.samples().get(0);
    assertThat(sample.metric()).isEqualTo(Metric.DISTANCE);
    assertThat(sample.value()).isEqualTo(2_500.0);
    assertThat(sample.start()).isEqualTo(Instant.parse("2025-11-21T06:30:00Z"));
    assertThat(sample.end()).isEqualTo(Instant.parse("2025-11-21T06:45:00Z"));
    assertThat(sample.zoneOffset()).isEqualTo(ZoneOffset.ofHours(1));
    assertThat(sample.device()).isEqualTo("Pixel Watch");
    assertThat(sample.deviceType()).isEqualTo(DeviceType.WATCH);
    assertThat(sample.unitAsSent()).isEqualTo("km");
  }

  @Test
  void letsTheZoneOffsetFieldOverrideTheTimestampsOffset() {
    DataPoint seconds =
        new DataPoint("heart_rate", 60, "2025-11-21T07:30:00Z", null, null, 19_800, null);
    DataPoint text =
        new DataPoint("heart_rate", 60, "2025-11-21T07:30:00+01:00", null, null, "-05:00", null);

    List<Sample> samples = mapper.map(request(seconds, text), USER, NOW).samples();

    assertThat(samples.get(0).zoneOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
    assertThat(samples.get(1).zoneOffset()).isEqualTo(ZoneOffset.ofHours(-5));
  }

  @Test
  void treatsUtcLetterAsInstantWithoutLocalOffset() {
    DataPoint point =
        new DataPoint("heart_rate", 60, "2025-11-21T07:30:00Z", null, null, null, null);

    Sample sample = mapper.map(request(point), USER, NOW).samples().get(0);

    assertThat(sample.zoneOffset()).isNull();
  }

  @Test
  void rejectsEachBadPointByIndexNamingTheFieldAndKeepsTheGoodOnes() {
    // given
    DataPoint good =
        new DataPoint("heart_rate", 60, "2025-11-21T07:30:00Z", null, null, null, null);
    DataPoint tooHigh =
        new DataPoint("heart_rate", 251, "2025-11-21T07:30:00Z", null, null, null, null);
    DataPoint noTime = new DataPoint("heart_rate", 60, null, null, null, null, null);

    // when
    DataPointMapper.MappedPoints mapped = mapper.map(request(tooHigh, good, noTime), USER, NOW);

    // then
    assertThat(mapped.samples()).hasSize(1);
    assertThat(mapped.rejected())
        .extracting(SyncResponse.RejectedPoint::index, SyncResponse.RejectedPoint::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, "value"),
            org.assertj.core.groups.Tuple.tuple(2, "timestamp"));
    assertThat(mapped.rejected().get(0).reason()).startsWith("value: ").contains("251");
  }

  @Test
  void rejectsATimestampMoreThanADayAhead() {
    DataPoint future =
        new DataPoint(
            "steps", 10, "2025-11-22T12:00:01Z", "2025-11-22T12:01:00Z", null, null, null);

    DataPointMapper.MappedPoints mapped = mapper.map(request(future), USER, NOW);

    assertThat(mapped.rejected())
        .singleElement()
        .extracting(SyncResponse.RejectedPoint::field)
        .isEqualTo("timestamp");
  }

  @Test
  void rejectsAUnitThatCannotExpressTheMetric() {
    DataPoint point =
        new DataPoint("heart_rate", 60, "2025-11-21T07:30:00Z", null, "kg", null, null);

    DataPointMapper.MappedPoints mapped = mapper.map(request(point), USER, NOW);

    assertThat(mapped.rejected())
        .singleElement()
        .extracting(SyncResponse.RejectedPoint::field)
        .isEqualTo("unit");
  }

  @Test
  void rejectsAnOffsetOutsideEighteenHours() {
    DataPoint point =
        new DataPoint("heart_rate", 60, "2025-11-21T07:30:00Z", null, null, "+19:00", null);

    DataPointMapper.MappedPoints mapped = mapper.map(request(point), USER, NOW);

    assertThat(mapped.rejected())
        .singleElement()
        .extracting(SyncResponse.RejectedPoint::field)
        .isEqualTo("zoneOffset");
  }

  @Test
  void refusesMoreThanTheBatchLimitWith413() {
    List<DataPoint> points = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      points.add(new DataPoint("heart_rate", 60, "2025-11-21T07:30:00Z", null, null, null, null));
    }
    SyncRequest request = new SyncRequest("u-1", "garmin", null, null, points);

    assertThatThrownBy(() -> mapper.requireValidEnvelope(request))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.status().getCode()).isEqualTo(413));
  }

  @Test
  void refusesAnUnknownDeviceTypeWith400NamingTheField() {
    SyncRequest request = new SyncRequest("u-1", "garmin", null, "toaster", List.of());

    assertThatThrownBy(() -> mapper.requireValidEnvelope(request))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.errors().get(0).field()).isEqualTo("deviceType"));
  }

  @Test
  void readsAnAmountWithoutEndTimestampAsReportedAtItsTimestamp() {
    // given: the seed contract's point, {type, value, timestamp}
    String at = "2025-11-21T07:30:00Z";
    List<DataPoint> amounts =
        List.of("steps", "distance", "active_energy", "basal_energy", "floors").stream()
            .map(type -> new DataPoint(type, 5, at, null, null, null, null))
            .toList();

    // when
    DataPointMapper.MappedPoints mapped =
        new DataPointMapper(10).map(request(amounts.toArray(DataPoint[]::new)), USER, NOW);

    // then
    assertThat(mapped.rejected()).isEmpty();
    assertThat(mapped.samples())
        .hasSize(amounts.size())
        .allSatisfy(
            sample -> {
              assertThat(sample.start()).isEqualTo(Instant.parse(at));
              assertThat(sample.end()).isEqualTo(sample.start());
            });
  }

  @Test
  void endsADurationWithoutEndTimestampItsValueInMinutesAfterItsStart() {
    // given
    Instant start = Instant.parse("2025-11-20T23:00:00Z");
    DataPoint sleep = new DataPoint("sleep_session", 420, start.toString(), null, null, null, null);
    DataPoint workoutInHours =
        new DataPoint("workout", 1.5, start.toString(), null, "h", null, null);
    DataPoint activeMinutes =
        new DataPoint("active_minutes", 30, start.toString(), null, null, null, null);

    // when
    List<Sample> samples =
        mapper.map(request(sleep, workoutInHours, activeMinutes), USER, NOW).samples();

    // then
    assertThat(samples)
        .extracting(Sample::end)
        .containsExactly(
            start.plus(Duration.ofMinutes(420)),
            start.plus(Duration.ofMinutes(90)),
            start.plus(Duration.ofMinutes(30)));
  }

  @Test
  void keepsAnExplicitEndTimestampOverTheImpliedOne() {
    DataPoint sleep =
        new DataPoint(
            "sleep_session", 420, "2025-11-20T22:30:00Z", "2025-11-21T06:30:00Z", null, null, null);
    DataPoint steps =
        new DataPoint(
            "steps", 500, "2025-11-21T07:00:00Z", "2025-11-21T07:15:00Z", null, null, null);

    List<Sample> samples = mapper.map(request(sleep, steps), USER, NOW).samples();

    assertThat(samples)
        .extracting(Sample::end)
        .containsExactly(
            Instant.parse("2025-11-21T06:30:00Z"), Instant.parse("2025-11-21T07:15:00Z"));
  }

  @Test
  void rejectsAnOutOfRangeValueWithoutEndTimestampNamingTheValueAsBefore() {
    // given
    String at = "2025-11-21T07:30:00Z";
    DataPoint negativeSteps = new DataPoint("steps", -5, at, null, null, null, null);
    DataPoint dayLongSleep = new DataPoint("sleep_session", 1441, at, null, null, null, null);
    DataPoint negativeWorkout = new DataPoint("workout", -1, at, null, null, null, null);

    // when
    DataPointMapper.MappedPoints mapped =
        mapper.map(request(negativeSteps, dayLongSleep, negativeWorkout), USER, NOW);

    // then
    assertThat(mapped.samples()).isEmpty();
    assertThat(mapped.rejected())
        .extracting(SyncResponse.RejectedPoint::field)
        .containsExactly("value", "value", "value");
    assertThat(mapped.rejected().get(0).reason()).contains("-5");
    assertThat(mapped.rejected().get(1).reason()).contains("1441");
  }

  @Test
  void stillRequiresEndTimestampForASleepStageWhoseValueIsACode() {
    DataPoint stage =
        new DataPoint("sleep_stage", 2, "2025-11-21T03:00:00Z", null, null, null, null);

    DataPointMapper.MappedPoints mapped = mapper.map(request(stage), USER, NOW);

    assertThat(mapped.rejected())
        .singleElement()
        .extracting(SyncResponse.RejectedPoint::field)
        .isEqualTo("endTimestamp");
  }

  @Test
  void namesTheTimestampWhenTheImpliedEndLiesTooFarAhead() {
    // given: 23 h ahead is allowed for a start, but 23 h plus 2 h of workout is not for its end
    Instant start = NOW.plus(Duration.ofHours(23));
    DataPoint workout = new DataPoint("workout", 120, start.toString(), null, null, null, null);

    // when
    DataPointMapper.MappedPoints mapped = mapper.map(request(workout), USER, NOW);

    // then
    assertThat(mapped.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.field()).isEqualTo("timestamp");
              assertThat(r.reason()).contains("without endTimestamp");
            });
  }

  private static SyncRequest request(DataPoint... points) {
    return new SyncRequest("u-1", "google_fit", "Pixel Watch", "watch", List.of(points));
  }
}
