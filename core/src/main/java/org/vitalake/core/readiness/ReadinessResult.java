package org.vitalake.core.readiness;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vitalake.core.id.UserId;

/**
 * A user's readiness for one morning: a score 0-100 with its band and contributors, or no score and
 * the reason why.
 *
 * @param score 0-100, or {@code null} when the data is insufficient
 * @param band the score's band, {@code null} exactly when the score is
 * @param contributors what the score is made of, in a fixed order; weights add up to 1
 * @param reason why there is no score, {@code null} when there is one
 * @param model the model that personalised the score, or {@code null} for the rules alone
 */
public record ReadinessResult(
    UserId userId,
    LocalDate day,
    Integer score,
    ReadinessBand band,
    List<Contributor> contributors,
    String reason,
    ModelRef model) {

  public ReadinessResult {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(day, "day");
    contributors = contributors == null ? List.of() : List.copyOf(contributors);
    if (score != null) {
      if (score < 0 || score > 100) {
        throw new IllegalArgumentException(
            "readiness score " + score + " is outside the allowed range 0-100");
      }
      if (band != ReadinessBand.of(score)) {
        throw new IllegalArgumentException(
            "band "
                + band
                + " does not match score "
                + score
                + " (expected "
                + ReadinessBand.of(score)
                + ")");
      }
    } else {
      if (band != null) {
        throw new IllegalArgumentException("a result without a score cannot have band " + band);
      }
      if (reason == null || reason.isBlank()) {
        throw new IllegalArgumentException("a result without a score needs a reason");
      }
    }
  }

  /** A result without a score, saying why. */
  public static ReadinessResult insufficient(UserId userId, LocalDate day, String reason) {
    return new ReadinessResult(userId, day, null, null, List.of(), reason, null);
  }

  public boolean hasScore() {
    return score != null;
  }

  /** The contributor with the code, if it took part. */
  public Optional<Contributor> contributor(String code) {
    return contributors.stream().filter(c -> c.code().equals(code)).findFirst();
  }
}
