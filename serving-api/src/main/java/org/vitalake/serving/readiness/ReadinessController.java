package org.vitalake.serving.readiness;

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
import java.time.Instant;
import org.vitalake.core.id.UserId;
import org.vitalake.serving.auth.AccessPolicy;
import org.vitalake.serving.auth.Caller;
import org.vitalake.serving.consent.IcebergConsents;
import org.vitalake.serving.problem.ProblemException;
import org.vitalake.serving.realtime.RealtimeProperties;
import org.vitalake.serving.realtime.TodayAggregates;
import org.vitalake.serving.request.DateParameters;

/** Readiness history from the nightly run. */
@Controller("/readiness")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "readiness")
public class ReadinessController {

  private final IcebergReadinessStore store;
  private final TodayAggregates today;
  private final AccessPolicy access;
  private final RealtimeProperties realtime;
  private final IcebergConsents consents;

  public ReadinessController(
      IcebergReadinessStore store,
      TodayAggregates today,
      AccessPolicy access,
      RealtimeProperties realtime,
      IcebergConsents consents) {
    this.store = store;
    this.today = today;
    this.access = access;
    this.realtime = realtime;
    this.consents = consents;
  }

  @Get
  @Operation(
      summary = "Readiness history",
      description =
          "Scores 0-100 with band and contributors (gold.readiness) from `from` to `to`"
              + " inclusive, YYYY-MM-DD; `to` defaults to today, `from` to 30 days before `to`; at"
              + " most 366 days per request.")
  public ReadinessDay.History history(
      Authentication authentication,
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String to,
      @Parameter(description = "another user's id (admins only)") @Nullable @QueryValue
          String userId) {
    UserId user = access.authorize(Caller.of(authentication), userId);
    if (!store.loaded()) {
      // the view is tried again every gold-refresh-interval, whether or not the last try failed
      throw ProblemException.unavailable(
          "gold.readiness is still being loaded from the lakehouse",
          realtime.goldRefreshInterval());
    }
    consents.requireCoaching(
        user,
        () ->
            ProblemException.unavailable(
                "the users' consents are still being loaded from the lakehouse",
                realtime.goldRefreshInterval()));
    DateParameters.DateRange range =
        DateParameters.range(from, to, today.todayOf(user, Instant.now()));
    return new ReadinessDay.History(
        user.value(), range.from(), range.to(), store.findByUser(user, range.from(), range.to()));
  }
}
