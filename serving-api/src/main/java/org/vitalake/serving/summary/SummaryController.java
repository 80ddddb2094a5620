package org.vitalake.serving.summary;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.vitalake.serving.auth.AccessPolicy;
import org.vitalake.serving.auth.Caller;

/** Today's near-real-time summary and the daily metrics history. */
@Controller("/summaries")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "summaries")
public class SummaryController {

  private final SummaryService service;
  private final AccessPolicy access;

  public SummaryController(SummaryService service, AccessPolicy access) {
    this.service = service;
    this.access = access;
  }

  @Get("/today")
  @Operation(
      summary = "Today's numbers so far",
      description =
          "Steps, energy and protein eaten, latest heart rate, last night's sleep, resting heart"
              + " rate and HRV of the caller's local today, seconds after ingest acknowledged them.")
  public TodaySummary today(
      Authentication authentication,
      @Parameter(description = "another user's id (admins only)") @Nullable @QueryValue
          String userId) {
    return service.findToday(access.authorize(Caller.of(authentication), userId));
  }

  @Get
  @Operation(
      summary = "Daily metrics history",
      description =
          "The nightly run's daily metrics (gold.daily_metrics) from `from` to `to` inclusive,"
              + " YYYY-MM-DD; `to` defaults to today, `from` to 30 days before `to`; at most 366"
              + " days per request.")
  public DailyMetricsResponse.History history(
      Authentication authentication,
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String to,
      @Parameter(description = "another user's id (admins only)") @Nullable @QueryValue
          String userId) {
    return service.findHistory(access.authorize(Caller.of(authentication), userId), from, to);
  }
}
