package org.vitalake.batch.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vitalake.batch.spark.SharedSparkSession;
import org.vitalake.batch.spark.TableSchemas;
import org.vitalake.lakehouse.LakehouseTables;

@ExtendWith(SharedSparkSession.class)
class CohortReportTest {

  private static final Instant AT = Instant.parse("2025-03-20T03:00:00Z");

  /** A Sunday: its week starts on Monday 2025-03-10. */
  private static final LocalDate SUNDAY = LocalDate.of(2025, 3, 16);

  private static final LocalDate MONDAY = LocalDate.of(2025, 3, 10);

  private final List<Row> daily = new ArrayList<>();
  private final List<Row> profiles = new ArrayList<>();

  private static Row row(StructType schema, Map<String, Object> values) {
    Object[] fields = new Object[schema.size()];
    values.forEach((name, value) -> fields[schema.fieldIndex(name)] = value);
    return RowFactory.create(fields);
  }

  private void day(String user, LocalDate date, long steps, Double restingHr) {
    Map<String, Object> values = new TreeMap<>();
    values.put("user_id", user);
    values.put("local_date", Date.valueOf(date));
    values.put("steps", steps);
    values.put("resting_hr", restingHr);
    daily.add(row(TableSchemas.sparkSchema(LakehouseTables.DAILY_METRICS), values));
  }

  private void profile(String user, Integer birthYear, String sex, Instant updatedAt) {
    Map<String, Object> values = new TreeMap<>();
    values.put("user_id", user);
    values.put("birth_year", birthYear);
    values.put("sex", sex);
    values.put("goals", List.of());
    values.put("updated_at", Timestamp.from(updatedAt));
    profiles.add(row(TableSchemas.sparkSchema(LakehouseTables.USER_PROFILES), values));
  }

  private Map<String, Row> report(SparkSession spark, int minUsers) {
    Dataset<Row> rows =
        CohortReport.weekly(
            spark.createDataFrame(daily, TableSchemas.sparkSchema(LakehouseTables.DAILY_METRICS)),
            spark.createDataFrame(
                profiles, TableSchemas.sparkSchema(LakehouseTables.USER_PROFILES)),
            minUsers,
            AT);
    Map<String, Row> byCell = new TreeMap<>();
    for (Row r : rows.collectAsList()) {
      byCell.put(r.getDate(0).toLocalDate() + " " + r.getString(1) + " " + r.getString(2), r);
    }
    return byCell;
  }

  @Test
  void everyUserWeighsTheSameAndSmallCellsKeepNoNumbers(SparkSession spark) {
    // given: ten women in their thirties in one week; w0 logged two days, the others one
    for (int i = 0; i < 10; i++) {
      profile("w" + i, 1990, "female", AT.minusSeconds(86_400));
      day("w" + i, SUNDAY, 1_000L * (i + 1), 50.0 + i);
    }
    day("w0", MONDAY, 9_000L, null);
    // two men over sixty, and one user without a profile
    profile("m0", 1950, "male", AT);
    profile("m1", 1960, "male", AT);
    day("m0", SUNDAY, 4_000L, 60.0);
    day("m1", SUNDAY, 6_000L, 62.0);
    day("nobody", MONDAY, 3_000L, 55.0);

    // when
    Map<String, Row> cells = report(spark, 10);

    // then
    assertThat(cells.keySet())
        .containsExactly(
            "2025-03-10 30-39 female", "2025-03-10 60+ male", "2025-03-10 unknown unspecified");
    Row women = cells.get("2025-03-10 30-39 female");
    double expectedSteps = 0;
    double expectedHr = 0;
    for (int i = 0; i < 10; i++) {
      expectedSteps += i == 0 ? (1_000.0 + 9_000.0) / 2 : 1_000.0 * (i + 1);
      expectedHr += 50.0 + i; // w0's Monday has no resting heart rate: its mean is Sunday's
    }
    assertThat(women.<Integer>getAs("users")).isEqualTo(10);
    assertThat(women.<Integer>getAs("user_days")).isEqualTo(11);
    assertThat(women.<Double>getAs("steps")).isCloseTo(expectedSteps / 10, within(1e-9));
    assertThat(women.<Double>getAs("resting_hr")).isCloseTo(expectedHr / 10, within(1e-9));
    assertThat(women.<Boolean>getAs("suppressed")).isFalse();
    assertThat(women.<Integer>getAs("min_users")).isEqualTo(10);
    for (String small : List.of("2025-03-10 60+ male", "2025-03-10 unknown unspecified")) {
      Row cell = cells.get(small);
      assertThat(cell.<Boolean>getAs("suppressed")).as(small).isTrue();
      for (String column : List.of("users", "user_days", "steps", "resting_hr", "mood")) {
        assertThat(cell.isNullAt(cell.fieldIndex(column))).as(small + " " + column).isTrue();
      }
    }
  }

  @Test
  void aMeanFewerUsersContributeToThanTheThresholdIsSuppressedInAShownCell(SparkSession spark) {
    // given: three users in one cell, only one of whom has a resting heart rate
    for (int i = 0; i < 3; i++) {
      profile("u" + i, 1990, "female", AT);
      day("u" + i, SUNDAY, 4_000L + i, i == 0 ? 48.0 : null);
    }

    // when
    Row cell = report(spark, 3).get("2025-03-10 30-39 female");
    Row lenient = report(spark, 1).get("2025-03-10 30-39 female");

    // then: the steps are shown, the one person's heart rate is not
    assertThat(cell.<Boolean>getAs("suppressed")).isFalse();
    assertThat(cell.<Integer>getAs("users")).isEqualTo(3);
    assertThat(cell.<Double>getAs("steps")).isCloseTo(4_001.0, within(1e-9));
    assertThat(cell.isNullAt(cell.fieldIndex("resting_hr"))).isTrue();
    assertThat(lenient.<Double>getAs("resting_hr")).isEqualTo(48.0);
  }

  @Test
  void agesAreTheWeeksYearMinusTheBirthYearOfTheLatestProfile(SparkSession spark) {
    // given: born 1995/1996/2008/1965, and a user whose later profile changed sex and birth year
    profile("a", 1995, "female", AT);
    profile("b", 1996, "female", AT);
    profile("c", 2008, "other", AT);
    profile("d", 1965, "male", AT);
    profile("e", 1980, "female", AT.minusSeconds(3_600));
    profile("e", 1985, "male", AT);
    for (String user : List.of("a", "b", "c", "d", "e")) {
      day(user, SUNDAY, 5_000L, null);
    }

    // when
    Map<String, Row> cells = report(spark, 1);

    // then: 2025 - 1995 = 30, 2025 - 1996 = 29, 17, 60, 40
    assertThat(cells.keySet())
        .containsExactlyInAnyOrder(
            "2025-03-10 30-39 female",
            "2025-03-10 18-29 female",
            "2025-03-10 under 18 other",
            "2025-03-10 60+ male",
            "2025-03-10 40-49 male");
    assertThat(cells.values()).allSatisfy(r -> assertThat(r.<Integer>getAs("users")).isEqualTo(1));
  }

  @Test
  void aThresholdBelowOneIsRefused(SparkSession spark) {
    assertThatThrownBy(() -> report(spark, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minUsers is 0");
  }
}
