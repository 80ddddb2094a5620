package org.vitalake.ingest.importer;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.vitalake.core.id.UserId;
import org.vitalake.core.profile.ProfileStore;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.ingest.IngestProperties;

/**
 * Chooses the zone an import reads a user's timestamps without an offset in: the zone the request
 * names, else the time zone of the user's latest profile, else the format's default.
 *
 * <p>Profiles are read from the {@link ProfileStore} ({@code bronze.user_profiles}, where identity
 * publishes every profile change within seconds) once per user and import, and each user's zone is
 * kept for {@link IngestProperties#getProfileCacheTtl()}: a profile changed in identity is seen by
 * the imports that start once it is published and the cached zone has expired.
 */
@Singleton
public class ImportTimeZones {

  /** Users whose zone is kept at most; beyond this the cache starts over. */
  static final int MAX_CACHED_USERS = 10_000;

  private final ProfileStore profiles;
  private final Duration cacheTtl;
  private final Clock clock;
  private final Map<UserId, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Optional<ZoneId> zone, Instant expiresAt) {}

  @Inject
  public ImportTimeZones(ProfileStore profiles, IngestProperties properties) {
    this(profiles, properties.getProfileCacheTtl(), Clock.systemUTC());
  }

  /**
   * @param cacheTtl how long a user's profile zone is kept; zero reads the profile for every import
   */
  public ImportTimeZones(ProfileStore profiles, Duration cacheTtl, Clock clock) {
    this.profiles = Objects.requireNonNull(profiles, "profiles");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (cacheTtl == null || cacheTtl.isNegative()) {
      throw new IllegalArgumentException(
          "vitalake.ingest.profile-cache-ttl must be zero or positive, was " + cacheTtl);
    }
    this.cacheTtl = cacheTtl;
  }

  /**
   * The zone {@code user}'s data in {@code format} is read in.
   *
   * @param requested the zone the import request names, or {@code null}
   * @throws RuntimeException when the profile store cannot be read
   */
  public ImportTimeZone choose(ImportFormat format, @Nullable ZoneId requested, UserId user) {
    if (requested != null) {
      return new ImportTimeZone(requested, ImportTimeZone.Source.REQUEST);
    }
    return profileZone(user)
        .map(zone -> new ImportTimeZone(zone, ImportTimeZone.Source.PROFILE))
        .orElseGet(
            () -> new ImportTimeZone(format.defaultZone(), ImportTimeZone.Source.FORMAT_DEFAULT));
  }

  /** The zone of the user's latest profile, empty when there is no profile or it names none. */
  private Optional<ZoneId> profileZone(UserId user) {
    Instant now = clock.instant();
    Cached cached = cache.get(user);
    if (cached != null && now.isBefore(cached.expiresAt())) {
      return cached.zone();
    }
    Optional<ZoneId> zone = profiles.findLatest(user).map(UserProfile::timeZone);
    if (!cacheTtl.isZero()) {
      if (cache.size() >= MAX_CACHED_USERS) {
        cache.values().removeIf(c -> !now.isBefore(c.expiresAt()));
        if (cache.size() >= MAX_CACHED_USERS) {
          cache.clear();
        }
      }
      cache.put(user, new Cached(zone, now.plus(cacheTtl)));
    }
    return zone;
  }
}
