package org.vitalake.batch.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vitalake.batch.fixture.BronzeRows;
import org.vitalake.batch.spark.SharedSparkSession;

@ExtendWith(SharedSparkSession.class)
class JournalTyperTest {

  @Test
  void typesEntriesOnTheirLocalDayAndCountsARedeliveredEntryOnce(SparkSession spark) {
    // given a late dinner in New York (no offset: the profile's zone applies), delivered twice,
    // a meal written with the alias "protein", moods (one out of range) and two wellness reports
    Instant dinner = Instant.parse("2025-07-04T02:30:00Z"); // 22:30 on 3 July in New York
    BronzeRows bronze =
        new BronzeRows()
            .profile("u1", "America/New_York", Instant.EPOCH)
            .entry(
                "e1",
                "u1",
                "meal",
                dinner,
                null,
                "{\"name\":\"pasta\",\"calories\":700,\"protein_g\":25,\"carbs_g\":90,\"fat_g\":20}")
            .delivery(Instant.parse("2025-07-04T03:00:00Z"))
            .entry(
                "e1",
                "u1",
                "meal",
                dinner,
                null,
                "{\"name\":\"pasta\",\"calories\":700,\"protein_g\":25,\"carbs_g\":90,\"fat_g\":20}")
            .entry(
                "e2",
                "u1",
                "meal",
                dinner.plusSeconds(3600),
                ZoneOffset.UTC,
                "{\"name\":\"yoghurt\",\"calories\":150,\"protein\":12}")
            .entry("e3", "u1", "mood", dinner, null, "{\"score\":4,\"tags\":[\"calm\",\"tired\"]}")
            .entry("e4", "u1", "mood", dinner, null, "{\"score\":9}")
            .entry(
                "e5", "u1", "wellness", dinner, null, "{\"scores\":{\"readiness\":7,\"stress\":3}}")
            .entry(
                "e6", "u1", "wellness", dinner, null, "{\"scores\":{\"readiness\":8,\"stress\":5}}")
            .entry(
                "e7",
                "u1",
                "activity",
                dinner,
                null,
                "{\"name\":\"yoga\",\"minutes\":30,\"intensity\":\"low\"}");

    // when
    Dataset<Row> prepared =
        JournalTyper.prepare(
            bronze.entries(spark), SampleNormalizer.latestTimeZones(bronze.profiles(spark)));
    List<Row> meals = JournalTyper.meals(prepared).orderBy("entry_id").collectAsList();
    List<Row> moods = JournalTyper.moods(prepared).collectAsList();
    List<Row> wellness = JournalTyper.wellness(prepared).collectAsList();
    List<Row> activities = JournalTyper.activities(prepared).collectAsList();

    // then
    LocalDate localDinner = dinner.atZone(ZoneId.of("America/New_York")).toLocalDate();
    assertThat(meals).hasSize(2);
    assertThat(meals.get(0).<java.sql.Date>getAs("local_date").toLocalDate())
        .isEqualTo(localDinner);
    assertThat(meals.get(0).<Double>getAs("energy_kcal")).isEqualTo(700.0);
    assertThat(meals.get(1).<Double>getAs("protein_g")).isEqualTo(12.0);
    assertThat(meals.get(1).<java.sql.Date>getAs("local_date").toLocalDate())
        .isEqualTo(dinner.plusSeconds(3600).atOffset(ZoneOffset.UTC).toLocalDate());
    assertThat(moods)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.<Integer>getAs("score")).isEqualTo(4);
              assertThat(m.getList(m.fieldIndex("tags"))).containsExactly("calm", "tired");
            });
    assertThat(wellness)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.<Double>getAs("readiness")).isEqualTo((7 + 8) / 2.0);
              assertThat(w.<Double>getAs("stress")).isEqualTo((3 + 5) / 2.0);
              assertThat(w.<Double>getAs("fatigue")).isNull();
            });
    assertThat(activities)
        .singleElement()
        .satisfies(a -> assertThat(a.<Double>getAs("minutes")).isEqualTo(30.0));
  }
}
