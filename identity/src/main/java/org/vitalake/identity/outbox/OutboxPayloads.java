package org.vitalake.identity.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.vitalake.core.consent.ConsentDecision;
import org.vitalake.core.consent.Purpose;
import org.vitalake.core.id.UserId;
import org.vitalake.core.profile.Sex;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.identity.erasure.ErasureRequest;

/** JSON forms of the rows waiting in the outbox. */
final class OutboxPayloads {

  private OutboxPayloads() {}

  @Serdeable
  record ProfilePayload(
      String userId,
      @Nullable Integer birthYear,
      @Nullable String sex,
      @Nullable Double heightCm,
      @Nullable Double weightKg,
      @Nullable String timeZone,
      List<String> goals,
      String updatedAt) {

    static ProfilePayload of(UserProfile profile) {
      return new ProfilePayload(
          profile.userId().value(),
          profile.birthYear(),
          profile.sex() == null ? null : profile.sex().name(),
          profile.heightCm(),
          profile.weightKg(),
          profile.timeZone() == null ? null : profile.timeZone().getId(),
          profile.goals(),
          profile.updatedAt().toString());
    }

    UserProfile toProfile() {
      return new UserProfile(
          UserId.of(userId),
          birthYear,
          sex == null ? null : Sex.valueOf(sex),
          heightCm,
          weightKg,
          timeZone == null ? null : ZoneId.of(timeZone),
          goals == null ? List.of() : goals,
          Instant.parse(updatedAt));
    }
  }

  @Serdeable
  record ErasurePayload(String requestId, String userId, String requestedAt) {

    static ErasurePayload of(ErasureRequest request) {
      return new ErasurePayload(
          request.requestId(), request.userId().value(), request.requestedAt().toString());
    }

    ErasureRequest toRequest() {
      return new ErasureRequest(requestId, UserId.of(userId), Instant.parse(requestedAt));
    }
  }

  @Serdeable
  record ConsentPayload(String userId, List<DecisionPayload> decisions) {

    static ConsentPayload of(UserId userId, List<ConsentDecision> decisions) {
      return new ConsentPayload(
          userId.value(),
          decisions.stream()
              .map(
                  d ->
                      new DecisionPayload(
                          d.purpose().code(),
                          d.version(),
                          d.granted(),
                          d.policyVersion(),
                          d.recordedAt().toString()))
              .toList());
    }

    List<ConsentDecision> toDecisions() {
      return decisions.stream()
          .map(
              d ->
                  new ConsentDecision(
                      UserId.of(userId),
                      Purpose.parse(d.purpose()),
                      d.version(),
                      d.granted(),
                      d.policyVersion(),
                      Instant.parse(d.recordedAt())))
          .toList();
    }
  }

  @Serdeable
  record DecisionPayload(
      String purpose,
      int version,
      boolean granted,
      @Nullable String policyVersion,
      String recordedAt) {}
}
