package org.vitalake.core.readiness;

import java.util.Arrays;

/** The band a readiness score falls in: 0-39 low, 40-59 moderate, 60-79 good, 80-100 high. */
public enum ReadinessBand {
  LOW("low", 0),
  MODERATE("moderate", 40),
  GOOD("good", 60),
  HIGH("high", 80);

  private final String code;
  private final int lowestScore;

  ReadinessBand(String code, int lowestScore) {
    this.code = code;
    this.lowestScore = lowestScore;
  }

  public String code() {
    return code;
  }

  /** The lowest score in this band. */
  public int lowestScore() {
    return lowestScore;
  }

  /** The band of a score 0-100. */
  public static ReadinessBand of(int score) {
    if (score < 0 || score > 100) {
      throw new IllegalArgumentException("readiness score " + score + " is outside 0-100");
    }
    ReadinessBand band = LOW;
    for (ReadinessBand candidate : values()) {
      if (score >= candidate.lowestScore) {
        band = candidate;
      }
    }
    return band;
  }

  /** Parses a band code such as {@code good}. */
  public static ReadinessBand parse(String code) {
    return Arrays.stream(values())
        .filter(b -> b.code.equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown readiness band '" + code + "'; expected low, moderate, good or high"));
  }
}
