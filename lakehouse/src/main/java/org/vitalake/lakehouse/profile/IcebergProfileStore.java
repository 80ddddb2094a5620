package org.vitalake.lakehouse.profile;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.iceberg.expressions.Expressions;
import org.vitalake.core.id.UserId;
import org.vitalake.core.profile.ProfileStore;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.lakehouse.BronzeRecords;
import org.vitalake.lakehouse.Lakehouse;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.TableScanner;

/**
 * {@link ProfileStore} on {@code bronze.user_profiles}: every change is a new row and the one with
 * the latest {@code updated_at} wins, so late deliveries of older versions are harmless.
 */
public final class IcebergProfileStore implements ProfileStore {

  private final TableAppender appender;
  private final TableScanner scanner;

  public IcebergProfileStore(Lakehouse lakehouse) {
    Objects.requireNonNull(lakehouse, "lakehouse");
    this.appender = new TableAppender(lakehouse);
    this.scanner = new TableScanner(lakehouse);
  }

  @Override
  public void append(UserProfile profile) {
    appender.append(LakehouseTables.USER_PROFILES, List.of(BronzeRecords.profile(profile)));
  }

  @Override
  public Optional<UserProfile> findLatest(UserId userId) {
    return scanner
        .scan(LakehouseTables.USER_PROFILES.id(), Expressions.equal("user_id", userId.value()))
        .stream()
        .map(BronzeRecords::parseProfile)
        .max(Comparator.comparing(UserProfile::updatedAt));
  }
}
