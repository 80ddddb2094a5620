package org.vitalake.lakehouse.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableDefinition;

class ExportRequestTest {

  @Test
  void exportsEveryTableWithAUserIdAndTheRawPayloadsByDefault() {
    // when
    ExportRequest request = ExportRequest.parse(List.of("--user", "pmdata:p01", "--out", "export"));

    // then
    List<TableDefinition> withUserId =
        LakehouseTables.ALL.stream().filter(t -> t.schema().findField("user_id") != null).toList();
    assertThat(request.user()).isEqualTo(UserId.of("pmdata:p01"));
    assertThat(request.tables()).isEqualTo(withUserId).isNotEmpty();
    assertThat(request.rawPayloads()).isTrue();
    assertThat(request.days().unbounded()).isTrue();
    assertThat(request.outputDirectory()).isEqualTo(Path.of("export").toAbsolutePath());
  }

  @Test
  void takesTheNamedTablesInTheirOrderAndRawOnlyWhenNamed() {
    // when
    ExportRequest request =
        ExportRequest.parse(
            List.of(
                "--user=u1",
                "--out=/tmp/x",
                "--tables",
                "gold.daily_metrics, bronze.wearable_samples,gold.daily_metrics",
                "--from",
                "2024-03-01",
                "--to",
                "2024-03-31"));

    // then
    assertThat(request.tables())
        .containsExactly(LakehouseTables.DAILY_METRICS, LakehouseTables.WEARABLE_SAMPLES);
    assertThat(request.rawPayloads()).isFalse();
    assertThat(request.days())
        .isEqualTo(new DayRange(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31)));
    assertThat(ExportRequest.parse(List.of("--user", "u1", "--out", "x", "--tables", "raw")))
        .satisfies(
            r -> {
              assertThat(r.tables()).isEmpty();
              assertThat(r.rawPayloads()).isTrue();
            });
  }

  @Test
  void rejectsABlankUser() {
    assertThatThrownBy(() -> ExportRequest.parse(List.of("--user", "  ", "--out", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--user is blank");
    assertThatThrownBy(() -> ExportRequest.parse(List.of("--out", "x")))
        .hasMessageStartingWith("--user is required");
    assertThatThrownBy(() -> ExportRequest.parse(List.of("--user", "a b", "--out", "x")))
        .hasMessageStartingWith("--user: userId 'a b'");
  }

  @Test
  void rejectsAnUnknownTableListingTheTablesThatCanBeExported() {
    assertThatThrownBy(
            () ->
                ExportRequest.parse(
                    List.of("--user", "u1", "--out", "x", "--tables", "gold.daily_metric")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown table 'gold.daily_metric' in --tables")
        .hasMessageContaining("gold.daily_metrics")
        .hasMessageContaining("raw (the archived raw payloads)");
    assertThatThrownBy(
            () -> ExportRequest.parse(List.of("--user", "u1", "--out", "x", "--tables", " , ")))
        .hasMessageStartingWith("--tables is empty");
  }

  @Test
  void rejectsMalformedAndReversedDates() {
    assertThatThrownBy(
            () ->
                ExportRequest.parse(List.of("--user", "u1", "--out", "x", "--from", "2024-13-01")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--from '2024-13-01' is not a date; use YYYY-MM-DD, e.g. 2024-03-01");
    assertThatThrownBy(
            () -> ExportRequest.parse(List.of("--user", "u1", "--out", "x", "--to", "01/03/2024")))
        .hasMessageStartingWith("--to '01/03/2024' is not a date");
    assertThatThrownBy(
            () ->
                ExportRequest.parse(
                    List.of(
                        "--user",
                        "u1",
                        "--out",
                        "x",
                        "--from",
                        "2024-03-10",
                        "--to",
                        "2024-03-01")))
        .hasMessage("--from 2024-03-10 is after --to 2024-03-01: the range would be empty");
    assertThatThrownBy(() -> new DayRange(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 3, 1)))
        .hasMessageContaining("from 2024-03-10 is after to 2024-03-01");
  }

  @Test
  void rejectsUnknownRepeatedAndValuelessOptions() {
    assertThatThrownBy(() -> ExportRequest.parse(List.of("--user", "u1", "--out", "x", "--all")))
        .hasMessageStartingWith("unknown option '--all'");
    assertThatThrownBy(
            () -> ExportRequest.parse(List.of("--user", "u1", "--out", "x", "--user", "u2")))
        .hasMessage("--user is given twice");
    assertThatThrownBy(() -> ExportRequest.parse(List.of("--user", "--out", "x")))
        .hasMessage("--user needs a value");
    assertThatThrownBy(() -> ExportRequest.parse(List.of("--user", "u1")))
        .hasMessageStartingWith("--out is required");
  }

  @Test
  void aDayRangeIsInclusiveAndOpenWhereAnEndIsMissing() {
    DayRange march = new DayRange(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 31));
    assertThat(march.contains(LocalDate.of(2024, 3, 1))).isTrue();
    assertThat(march.contains(LocalDate.of(2024, 3, 31))).isTrue();
    assertThat(march.contains(LocalDate.of(2024, 2, 29))).isFalse();
    assertThat(march.contains(LocalDate.of(2024, 4, 1))).isFalse();
    assertThat(march.contains(null)).isFalse();
    DayRange fromMarch = new DayRange(LocalDate.of(2024, 3, 1), null);
    assertThat(fromMarch.contains(LocalDate.of(2099, 1, 1))).isTrue();
    assertThat(DayRange.ALL.contains(null)).isTrue();
  }
}
