package org.vitalake.batch.coaching;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vitalake.batch.spark.SharedSparkSession;
import org.vitalake.batch.spark.TableSchemas;
import org.vitalake.core.consent.ConsentDecision;
import org.vitalake.core.consent.Consents;
import org.vitalake.core.consent.Purpose;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.LakehouseTables;

@ExtendWith(SharedSparkSession.class)
class ConsentFilterTest {

  private static final StructType DAYS =
      new StructType()
          .add("user_id", DataTypes.StringType)
          .add("local_date", DataTypes.DateType)
          .add("steps", DataTypes.LongType);

  private static Row decision(
      String user, Purpose purpose, int version, boolean granted, String at) {
    return RowFactory.create(
        user, purpose.code(), version, granted, null, Timestamp.from(Instant.parse(at)));
  }

  private static Dataset<Row> decisions(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, TableSchemas.sparkSchema(LakehouseTables.USER_CONSENTS));
  }

  private static Dataset<Row> days(SparkSession spark, List<String> users, LocalDate from, int n) {
    List<Row> rows = new ArrayList<>();
    for (String user : users) {
      for (int i = 0; i < n; i++) {
        rows.add(RowFactory.create(user, Date.valueOf(from.plusDays(i)), 1_000L * i));
      }
    }
    return spark.createDataFrame(rows, DAYS);
  }

  private static Set<String> userDays(Dataset<Row> rows) {
    Set<String> out = new TreeSet<>();
    for (Row r : rows.collectAsList()) {
      out.add(r.getString(0) + " " + r.getDate(1).toLocalDate());
    }
    return out;
  }

  @Test
  void theLatestDecisionNowDecidesAsCoreDoes(SparkSession spark) {
    // given: a withdraws, b withdraws and grants again (rows out of order, one delivered twice),
    // c only withdrew coaching, d never decided
    List<Row> rows =
        List.of(
            decision("a", Purpose.RESEARCH, 1, true, "2025-01-01T10:00:00Z"),
            decision("a", Purpose.RESEARCH, 2, false, "2025-02-01T10:00:00Z"),
            decision("b", Purpose.RESEARCH, 3, true, "2025-03-01T10:00:00Z"),
            decision("b", Purpose.RESEARCH, 2, false, "2025-02-01T10:00:00Z"),
            decision("b", Purpose.RESEARCH, 2, false, "2025-02-01T10:00:00Z"),
            decision("c", Purpose.COACHING, 1, false, "2025-02-01T10:00:00Z"));
    Dataset<Row> in = days(spark, List.of("a", "b", "c", "d"), LocalDate.of(2025, 3, 1), 2);

    // when
    Set<String> kept =
        new TreeSet<>(
            ConsentFilter.inEffect(in, "user_id", decisions(spark, rows), Purpose.RESEARCH)
                .select("user_id")
                .distinct()
                .as(Encoders.STRING())
                .collectAsList());

    // then: the same users core's rule keeps
    Set<String> expected = new TreeSet<>();
    for (String user : List.of("a", "b", "c", "d")) {
      List<ConsentDecision> own =
          rows.stream()
              .filter(r -> r.getString(0).equals(user))
              .map(
                  r ->
                      new ConsentDecision(
                          UserId.of(user),
                          Purpose.parse(r.getString(1)),
                          r.getInt(2),
                          r.getBoolean(3),
                          null,
                          r.getTimestamp(5).toInstant()))
              .toList();
      if (Consents.inEffect(own, Purpose.RESEARCH)) {
        expected.add(user);
      }
    }
    assertThat(kept).isEqualTo(expected).containsExactly("b", "c", "d");
  }

  @Test
  void aWithdrawalCountsFromTheUtcDayItWasRecordedUntilConsentIsGrantedAgain(SparkSession spark) {
    // given: withdrawn late on 3 March UTC (already 4 March in Tokyo), granted again on 6 March
    List<Row> rows =
        List.of(
            decision("a", Purpose.COACHING, 1, false, "2025-03-03T23:30:00Z"),
            decision("a", Purpose.COACHING, 2, true, "2025-03-06T08:00:00Z"),
            decision("b", Purpose.RESEARCH, 1, false, "2025-03-01T08:00:00Z"));
    Dataset<Row> in = days(spark, List.of("a", "b"), LocalDate.of(2025, 3, 1), 8);

    // when
    Dataset<Row> kept =
        ConsentFilter.inEffectOnDay(
            in, "user_id", "local_date", decisions(spark, rows), Purpose.COACHING);

    // then: a loses 3, 4 and 5 March; b withdrew another purpose and loses nothing
    Set<String> expected = userDays(in);
    expected.removeAll(Set.of("a 2025-03-03", "a 2025-03-04", "a 2025-03-05"));
    assertThat(userDays(kept)).isEqualTo(expected).hasSize(13);
    assertThat(kept.columns()).containsExactly("user_id", "local_date", "steps");
  }

  @Test
  void theDayRuleDoesNotDependOnTheSessionTimeZone(SparkSession spark) {
    List<Row> rows = List.of(decision("a", Purpose.COACHING, 1, false, "2025-03-03T23:30:00Z"));
    Dataset<Row> in = days(spark, List.of("a"), LocalDate.of(2025, 3, 3), 2);
    String zone = spark.conf().get("spark.sql.session.timeZone");
    try {
      spark.conf().set("spark.sql.session.timeZone", "Asia/Tokyo");

      Dataset<Row> kept =
          ConsentFilter.inEffectOnDay(
              in, "user_id", "local_date", decisions(spark, rows), Purpose.COACHING);

      assertThat(userDays(kept)).isEmpty();
    } finally {
      spark.conf().set("spark.sql.session.timeZone", zone);
    }
  }
}
