package org.vitalake.core.profile;

import java.util.Optional;
import org.vitalake.core.id.UserId;

/** Port to the store of profile versions; every update appends, the latest version wins. */
public interface ProfileStore {

  /** Appends a version of a user's profile. */
  void append(UserProfile profile);

  /**
   * Finds the version with the latest {@link UserProfile#updatedAt()}, whatever the order of
   * appends.
   */
  Optional<UserProfile> findLatest(UserId userId);
}
