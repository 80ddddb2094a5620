package org.vitalake.identity.consent;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Request and response bodies of {@code /users/{id}/consents}. */
public final class ConsentApi {

  private ConsentApi() {}

  /** One decision in a {@code PUT}. */
  @Serdeable
  public record ConsentChange(
      @Nullable String purpose, @Nullable Boolean granted, @Nullable String policyVersion) {}

  /** Body of {@code PUT /users/{id}/consents}. */
  @Serdeable
  public record ConsentsRequest(@Nullable List<ConsentChange> consents) {}

  /** One version, as clients see it. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ConsentView(
      String purpose,
      int version,
      boolean granted,
      @Nullable String policyVersion,
      String recordedAt) {

    static ConsentView of(ConsentRecord record) {
      return new ConsentView(
          record.purpose().code(),
          record.version(),
          record.granted(),
          record.policyVersion(),
          record.recordedAt().toString());
    }
  }

  /**
   * @param current the latest version per purpose; a purpose never decided is absent (not granted)
   * @param history every version, oldest first
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record ConsentsResponse(
      String userId, List<ConsentView> current, List<ConsentView> history) {}
}
