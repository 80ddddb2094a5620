package org.vitalake.core.plan;

import java.util.List;

/**
 * One piece of advice of a plan.
 *
 * @param id {@code rec-1}, {@code rec-2}, ... in plan order
 * @param type {@code nutrition}, {@code activity}, {@code sleep} or {@code recovery}
 * @param message cites the user's own numbers and names the rule or model behind it
 * @param basis the rule or model id, e.g. {@code mifflin-st-jeor} or {@code vitals-anomaly v2}
 */
public record Recommendation(String id, String type, String title, String message, String basis) {

  public static final List<String> TYPES = List.of("nutrition", "activity", "sleep", "recovery");

  public Recommendation {
    if (id == null || !id.matches("rec-[1-9][0-9]*")) {
      throw new IllegalArgumentException("recommendation id '" + id + "' must look like rec-1");
    }
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "recommendation type '" + type + "' must be one of " + String.join(", ", TYPES));
    }
    if (title == null || title.isBlank() || message == null || message.isBlank()) {
      throw new IllegalArgumentException("recommendation " + id + " needs a title and a message");
    }
    if (basis == null || basis.isBlank()) {
      throw new IllegalArgumentException("recommendation " + id + " must name its rule or model");
    }
  }
}
