package org.vitalake.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  private static CsvReader reader(String text) throws Exception {
    return new CsvReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv");
  }

  @Test
  void readsQuotedValuesWithCommasQuotesAndLineBreaksKeepingStartLines() throws Exception {
    // given
    String text = "\uFEFFa,b\r\n1,\"x, \"\"y\"\"\"\r\n\r\n2,\"two\nlines\"\r\n3,z\r\n";
    // when
    try (CsvReader csv = reader(text)) {
      CsvReader.Row first = csv.next();
      CsvReader.Row second = csv.next();
      CsvReader.Row third = csv.next();
      // then
      assertThat(csv.header()).containsExactly("a", "b");
      assertThat(first.get("b")).isEqualTo("x, \"y\"");
      assertThat(first.line()).isEqualTo(2);
      assertThat(second.get("b")).isEqualTo("two\nlines");
      assertThat(second.line()).isEqualTo(4);
      assertThat(third.line()).isEqualTo(6);
      assertThat(csv.next()).isNull();
    }
  }

  @Test
  void rejectsNonNumbersNamingTheColumn() throws Exception {
    try (CsvReader csv = reader("Id,Value\n1,abc\n")) {
      CsvReader.Row row = csv.next();
      assertThatThrownBy(() -> row.requireNumber("Value"))
          .isInstanceOf(RecordException.class)
          .hasMessageContaining("Value 'abc'");
    }
  }

  @Test
  void failsNamingTheFileWhenAColumnIsMissing() throws Exception {
    try (CsvReader csv = reader("Id,Other\n")) {
      assertThatThrownBy(() -> csv.requireColumns("Id", "Value"))
          .isInstanceOf(ImportFailedException.class)
          .hasMessageContaining("t.csv")
          .hasMessageContaining("Value");
    }
  }
}
