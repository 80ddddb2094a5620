package org.vitalake.core.profile;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vitalake.core.id.UserId;

/** Thread-safe {@link ProfileStore} in memory, for unit tests of services. */
public final class InMemoryProfileStore implements ProfileStore {

  private final Map<UserId, UserProfile> latest = new HashMap<>();

  @Override
  public synchronized void append(UserProfile profile) {
    Objects.requireNonNull(profile, "profile");
    latest.merge(
        profile.userId(),
        profile,
        (current, candidate) ->
            candidate.updatedAt().isBefore(current.updatedAt()) ? current : candidate);
  }

  @Override
  public synchronized Optional<UserProfile> findLatest(UserId userId) {
    Objects.requireNonNull(userId, "userId");
    return Optional.ofNullable(latest.get(userId));
  }
}
