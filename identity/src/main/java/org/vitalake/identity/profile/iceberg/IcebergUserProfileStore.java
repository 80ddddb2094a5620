package org.vitalake.identity.profile.iceberg;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.vitalake.core.id.UserId;
import org.vitalake.core.profile.ProfileStore;
import org.vitalake.core.profile.Sex;
import org.vitalake.core.profile.UserProfile;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableAppender;
import org.vitalake.lakehouse.TableScanner;

/** {@link ProfileStore} on {@code bronze.user_profiles}: one row per snapshot, latest wins. */
public class IcebergUserProfileStore implements ProfileStore {

  private final TableAppender appender;
  private final TableScanner scanner;

  public IcebergUserProfileStore(TableAppender appender, TableScanner scanner) {
    this.appender = appender;
    this.scanner = scanner;
  }

  @Override
  public void append(UserProfile profile) {
    GenericRecord row = GenericRecord.create(LakehouseTables.USER_PROFILES.schema());
    row.setField("user_id", profile.userId().value());
    row.setField("birth_year", profile.birthYear());
    row.setField("sex", profile.sex() == null ? null : profile.sex().code());
    row.setField("height_cm", profile.heightCm());
    row.setField("weight_kg", profile.weightKg());
    row.setField("time_zone", profile.timeZone() == null ? null : profile.timeZone().getId());
    row.setField("goals", profile.goals());
    row.setField("updated_at", profile.updatedAt().atOffset(ZoneOffset.UTC));
    appender.append(LakehouseTables.USER_PROFILES, List.of(row));
  }

  @Override
  public Optional<UserProfile> findLatest(UserId userId) {
    return scanner
        .scan(LakehouseTables.USER_PROFILES.id(), Expressions.equal("user_id", userId.value()))
        .stream()
        .max(Comparator.comparing(row -> (OffsetDateTime) row.getField("updated_at")))
        .map(IcebergUserProfileStore::toProfile);
  }

  @SuppressWarnings("unchecked")
  private static UserProfile toProfile(Record row) {
    String sex = (String) row.getField("sex");
    String zone = (String) row.getField("time_zone");
    List<String> goals = (List<String>) row.getField("goals");
    return new UserProfile(
        UserId.of((String) row.getField("user_id")),
        (Integer) row.getField("birth_year"),
        sex == null ? null : Sex.parse(sex),
        (Double) row.getField("height_cm"),
        (Double) row.getField("weight_kg"),
        zone == null ? null : ZoneId.of(zone),
        goals == null ? List.of() : goals,
        ((OffsetDateTime) row.getField("updated_at")).toInstant());
  }
}
