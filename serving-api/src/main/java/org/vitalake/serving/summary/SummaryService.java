package org.vitalake.serving.summary;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.vitalake.core.id.UserId;
import org.vitalake.serving.problem.ProblemException;
import org.vitalake.serving.realtime.BronzeConsumer;
import org.vitalake.serving.realtime.DayTotals;
import org.vitalake.serving.realtime.RealtimeProperties;
import org.vitalake.serving.realtime.TodayAggregates;
import org.vitalake.serving.request.DateParameters;

/** Today's near-real-time summary and the daily history of a user. */
@Singleton
public class SummaryService {

  private final TodayAggregates today;
  private final BronzeConsumer consumer;
  private final IcebergDailyMetricsStore dailyMetrics;
  private final RealtimeProperties realtime;
  private final Clock clock;

  public SummaryService(
      TodayAggregates today,
      BronzeConsumer consumer,
      IcebergDailyMetricsStore dailyMetrics,
      RealtimeProperties realtime) {
    this.today = today;
    this.consumer = consumer;
    this.dailyMetrics = dailyMetrics;
    this.realtime = realtime;
    this.clock = Clock.systemUTC();
  }

  /** The user's today, in their time zone. */
  public TodaySummary findToday(UserId userId) {
    Instant now = clock.instant();
    ZoneId zone = today.zoneOf(userId);
    LocalDate date = now.atZone(zone).toLocalDate();
    DayTotals totals = today.find(userId, date).orElse(DayTotals.empty(userId, date));
    BronzeConsumer.Status status = consumer.status();
    return TodaySummary.of(totals, zone.getId(), status.ready(), status.snapshots());
  }

  /** The user's days between {@code from} and {@code to}; see {@link DateParameters#range}. */
  public DailyMetricsResponse.History findHistory(UserId userId, String from, String to) {
    if (!dailyMetrics.loaded()) {
      // the view is tried again every gold-refresh-interval, whether or not the last try failed
      throw ProblemException.unavailable(
          "gold.daily_metrics is still being loaded from the lakehouse",
          realtime.goldRefreshInterval());
    }
    LocalDate userToday = today.todayOf(userId, clock.instant());
    DateParameters.DateRange range = DateParameters.range(from, to, userToday);
    return new DailyMetricsResponse.History(
        userId.value(),
        range.from(),
        range.to(),
        dailyMetrics.findByUser(userId, range.from(), range.to()).stream()
            .map(DailyMetricsResponse::of)
            .toList());
  }
}
