package org.vitalake.coaching.pmdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalake.coaching.PmDataFixture;
import org.vitalake.coaching.features.DayObservation;

class PmDataReaderTest {

  @Test
  void parsesEveryDateSpellingPmDataMixes() {
    assertThat(PmDataDates.parseLocalDate("2019-11-02 00:09:30"))
        .isEqualTo(LocalDate.of(2019, 11, 2));
    assertThat(PmDataDates.parseLocalDate("2019-11-02T07:19:30.000"))
        .isEqualTo(LocalDate.of(2019, 11, 2));
    assertThat(PmDataDates.parseLocalDate("11/01/19")).isEqualTo(LocalDate.of(2019, 11, 1));
    assertThat(PmDataDates.parseLocalDate("06/11/2019")).isEqualTo(LocalDate.of(2019, 11, 6));
    // 23:30 UTC is already the next day in Oslo (UTC+1 in winter)
    assertThat(PmDataDates.parseLocalDate("2019-11-01T23:30:00.000Z"))
        .isEqualTo(LocalDate.of(2019, 11, 2));
    assertThatThrownBy(() -> PmDataDates.parseLocalDate("Nov 1"))
        .hasMessageContaining("'Nov 1' is not a PMData date");
  }

  @Test
  void readsLabelsAndVitalsOfARealParticipant() throws Exception {
    // given
    Path p01 = PmDataFixture.dataset().resolve("p01");
    List<String> wellness = Files.readAllLines(p01.resolve("pmsys/wellness.csv"));
    String[] firstRow = wellness.get(1).split(",");
    JsonNode firstRhr =
        new ObjectMapper().readTree(p01.resolve("fitbit/resting_heart_rate.json").toFile()).get(0);

    // when
    PmDataParticipant participant = new PmDataReader().read(p01);

    // then
    DayObservation first = participant.days().get(0);
    assertThat(first.date()).isEqualTo(LocalDate.parse(firstRow[0].substring(0, 10)));
    assertThat(first.selfReportedReadiness()).isEqualTo(Double.parseDouble(firstRow[3]));
    assertThat(first.restingHr()).isEqualTo(firstRhr.path("value").path("value").asDouble());
    assertThat(participant.labelledDays()).isEqualTo(wellness.size() - 1);
  }

  @Test
  void namesFileLineAndFieldOfABadReadiness(@TempDir Path dir) throws Exception {
    // given
    Path file = dir.resolve("pmsys/wellness.csv");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "effective_time_frame,fatigue,mood,readiness\n"
            + "2019-11-01T08:31:40.751Z,2,3,5\n"
            + "2019-11-02T08:31:40.751Z,2,3,eleven\n");

    // then
    assertThatThrownBy(() -> new PmDataReader().read(dir))
        .isInstanceOf(PmDataFormatException.class)
        .hasMessageContaining("wellness.csv")
        .hasMessageContaining("line 3")
        .hasMessageContaining("'readiness'")
        .hasMessageContaining("'eleven' is not a number");
  }
}
