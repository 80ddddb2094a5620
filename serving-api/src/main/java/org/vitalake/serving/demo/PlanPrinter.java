package org.vitalake.serving.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Locale;

/** Prints a plan as served by {@code GET /coaching/plan/me} for a person reading a terminal. */
final class PlanPrinter {

  private final PrintStream out;

  PlanPrinter(PrintStream out) {
    this.out = out;
  }

  void print(String who, LocalDate date, JsonNode plan) {
    out.printf(
        "%s  (user %s)  plan for %s, the last day with data%n",
        who, plan.path("userId").asText(), date);
    printReadiness(plan.path("readiness"));
    JsonNode summary = plan.path("dailySummary");
    out.printf(
        Locale.ROOT,
        "  goals       %,d kcal  |  %,d steps  |  sleep %s%n",
        summary.path("calorieGoal").asLong(),
        summary.path("stepsGoal").asLong(),
        hoursMinutes(plan.path("sleepTargetMinutes").asInt()));
    out.printf(
        Locale.ROOT,
        "  that day    %,d kcal eaten  |  %,d steps%n",
        summary.path("currentIntake").asLong(),
        summary.path("currentSteps").asLong());
    for (JsonNode alert : plan.path("anomalyAlerts")) {
      out.println("  alert       " + alert.asText());
    }
    out.println("  recommendations");
    for (JsonNode rec : plan.path("recommendations")) {
      out.printf("    [%s] %s%n", rec.path("type").asText(), rec.path("title").asText());
      out.printf("        %s%n", rec.path("message").asText());
      if (rec.hasNonNull("basis")) {
        out.printf("        (rule: %s)%n", rec.path("basis").asText());
      }
    }
    JsonNode coverage = plan.path("dataCoverage");
    out.printf(
        "  data        %d of the last %d days from wearables, %d nights of sleep, %d days of"
            + " journal%n",
        coverage.path("daysWithWearableData").asInt(),
        coverage.path("windowDays").asInt(),
        coverage.path("nightsWithSleep").asInt(),
        coverage.path("daysWithJournal").asInt());
  }

  private void printReadiness(JsonNode readiness) {
    if (readiness.path("score").isNull() || readiness.path("score").isMissingNode()) {
      out.println("  readiness   not scored: " + readiness.path("reason").asText("no data"));
      return;
    }
    out.printf(
        "  readiness   %d/100 (%s)%s%n",
        readiness.path("score").asInt(),
        readiness.path("band").asText(),
        readiness.hasNonNull("model")
            ? "  personalised by " + readiness.path("model").path("id").asText()
            : "");
    for (JsonNode contributor : readiness.path("contributors")) {
      out.printf(
          "    %-8s %s%n",
          contributor.path("effect").asText(""), contributor.path("message").asText());
    }
  }

  private static String hoursMinutes(int minutes) {
    return minutes / 60 + " h " + String.format(Locale.ROOT, "%02d", minutes % 60) + " min";
  }
}
