package org.vitalake.serving.profile;

import jakarta.inject.Singleton;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.iceberg.data.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vitalake.core.id.UserId;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.serving.lakehouse.SnapshotCache;
import org.vitalake.serving.lakehouse.TableView;

/**
 * The latest pseudonymous profile of each user from {@code bronze.user_profiles}, in memory: the
 * home time zone reckons "today" and the day of samples without an offset, and the plan rules read
 * weight, height, age, sex and goals.
 */
@Singleton
public class IcebergProfiles extends TableView<Map<UserId, UserProfile>>
    implements Function<UserId, Optional<ZoneId>> {

  private static final Logger LOG = LoggerFactory.getLogger(IcebergProfiles.class);

  public IcebergProfiles(Lakehouse lakehouse, TableScanner scanner) {
    super(
        new SnapshotCache<>(
            lakehouse,
            scanner,
            LakehouseTables.USER_PROFILES.id(),
            IcebergProfiles::latest,
            Map.of()));
  }

  /** The user's latest profile, if they have one. */
  public Optional<UserProfile> findLatest(UserId userId) {
    return Optional.ofNullable(value().get(userId));
  }

  /** The user's home time zone, if their profile names one. */
  @Override
  public Optional<ZoneId> apply(UserId userId) {
    return findLatest(userId).map(UserProfile::timeZone);
  }

  static Map<UserId, UserProfile> latest(List<Record> rows) {
    Map<UserId, UserProfile> latest = new HashMap<>();
    int rejected = 0;
    for (Record row : rows) {
      try {
        UserProfile profile = BronzeRecords.parseProfile(row);
        UserProfile seen = latest.get(profile.userId());
        if (seen == null || profile.updatedAt().isAfter(seen.updatedAt())) {
          latest.put(profile.userId(), profile);
        }
      } catch (RuntimeException e) {
        rejected++;
      }
    }
    if (rejected > 0) {
      LOG.warn("skipped {} rows of bronze.user_profiles that fail validation", rejected);
    }
    return Map.copyOf(latest);
  }
}
