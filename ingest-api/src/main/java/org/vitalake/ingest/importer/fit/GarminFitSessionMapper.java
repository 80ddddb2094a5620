package org.vitalake.ingest.importer.fit;

import com.garmin.fit.SessionMesg;
import java.time.Instant;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.sample.DeviceType;
import org.vitalake.core.sample.Sample;
import org.vitalake.core.sample.SampleFactory;
import org.vitalake.ingest.importer.RecordException;

/**
 * Maps a FIT {@code session} message to a workout: from its start for the elapsed time, the value
 * the timer time (pauses excluded). Its distance and energy totals are not stored again: the
 * records already carry the distance.
 */
final class GarminFitSessionMapper {

  Sample map(SessionMesg session, UserId user, GarminFitActivity activity, Instant now) {
    if (session.getStartTime() == null) {
      throw new RecordException("start_time", "session has no start_time");
    }
    Float elapsed = session.getTotalElapsedTime();
    if (elapsed == null) {
      throw new RecordException("total_elapsed_time", "session has no total_elapsed_time");
    }
    Float timer = session.getTotalTimerTime();
    Instant start = session.getStartTime().getDate().toInstant();
    Instant end = start.plusMillis(Math.round(elapsed * 1000.0));
    return SampleFactory.create(
        user,
        Metric.WORKOUT.code(),
        timer == null ? elapsed : timer,
        "s",
        start,
        end,
        activity.zoneOffset(),
        GarminFitRecordMapper.SOURCE,
        activity.device(),
        DeviceType.WATCH,
        now);
  }
}
