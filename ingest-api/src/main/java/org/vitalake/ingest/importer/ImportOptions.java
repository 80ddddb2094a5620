package org.vitalake.ingest.importer;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vitalake.core.id.UserId;

/**
 * Who the imported data belongs to and how to read it.
 *
 * @param user the user everything belongs to, or {@code null} when {@code participants} maps a
 *     multi-person dataset
 * @param participants dataset participant id (e.g. Fitabase {@code 1503960366}, PMData {@code p01})
 *     to platform user; when not empty only the participants it names are imported
 * @param timeZone the zone timestamps without an offset are read in
 * @param now the current time, bounding how far in the future a timestamp may be
 * @param reading the participants of {@code participants} read with these options, or {@code null}
 *     for all of them: an import whose mapped users live in different zones reads the file once per
 *     zone, each time with that zone and the participants in it
 */
public record ImportOptions(
    UserId user,
    Map<String, UserId> participants,
    ZoneId timeZone,
    Instant now,
    Set<String> reading) {

  public ImportOptions {
    participants = participants == null ? Map.of() : Map.copyOf(participants);
    if (user == null && participants.isEmpty()) {
      throw new IllegalArgumentException("an import needs a userId or a userMap of participants");
    }
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(now, "now");
    if (reading != null) {
      reading = Set.copyOf(reading);
      if (!participants.keySet().containsAll(reading)) {
        throw new IllegalArgumentException(
            "participants read " + reading + " must be in the userMap " + participants.keySet());
      }
    }
  }

  /** Options that read every participant of {@code participants}. */
  public ImportOptions(
      UserId user, Map<String, UserId> participants, ZoneId timeZone, Instant now) {
    this(user, participants, timeZone, now, null);
  }

  /** Options for one user's own export. */
  public static ImportOptions forUser(UserId user, ZoneId timeZone, Instant now) {
    return new ImportOptions(user, Map.of(), timeZone, now);
  }

  /**
   * The platform user a dataset participant's records belong to: the mapped user when a participant
   * map is given (empty for participants it does not name or that are not being {@link #reading
   * read}), else the import's user.
   */
  public Optional<UserId> userFor(String participant) {
    if (!participants.isEmpty()) {
      if (reading != null && !reading.contains(participant)) {
        return Optional.empty();
      }
      return Optional.ofNullable(participants.get(participant));
    }
    return Optional.of(user);
  }

  /**
   * The one user a single-person export belongs to.
   *
   * @throws ImportFailedException naming {@code file} when the import names several participants
   *     but no user
   */
  public UserId requireUser(String file) {
    if (user != null) {
      return user;
    }
    if (participants.size() == 1) {
      return participants.values().iterator().next();
    }
    throw new ImportFailedException(
        file, "this format holds one person's data; pass userId instead of a userMap");
  }
}
