package org.vitalake.coaching.evaluation;

import java.time.LocalDate;

/** One held-out user-day: the self-report and what each method predicted for it. */
public record ScoredDay(
    String userId,
    LocalDate day,
    double label,
    double model,
    double userMean,
    double persistence,
    double populationMean) {}
