package org.vitalake.ingest.importer;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a CSV file with a header row, one record at a time (RFC 4180 quoting, CRLF or LF, a BOM
 * and blank lines ignored), keeping the line number each record starts on for rejections.
 */
public final class CsvReader implements Closeable {

  private final BufferedReader reader;
  private final String file;
  private final List<String> header;
  private final Map<String, Integer> columns = new HashMap<>();
  private long line;

  /** Opens {@code in} and reads its header row. */
  public CsvReader(InputStream in, String file) throws IOException {
    this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    this.file = file;
    List<String> first = readRecord();
    if (first == null) {
      throw new ImportFailedException(file, "the file is empty; a header row was expected");
    }
    if (!first.isEmpty() && first.get(0).startsWith("\uFEFF")) {
      first.set(0, first.get(0).substring(1));
    }
    this.header = Collections.unmodifiableList(first);
    for (int i = 0; i < first.size(); i++) {
      columns.putIfAbsent(first.get(i).strip(), i);
    }
  }

  /** The column names of the header row. */
  public List<String> header() {
    return header;
  }

  /** Whether the header names {@code column}. */
  public boolean hasColumn(String column) {
    return columns.containsKey(column);
  }

  /**
   * Fails naming the file when a column the format needs is missing.
   *
   * @throws ImportFailedException listing the missing columns
   */
  public void requireColumns(String... names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (!columns.containsKey(name)) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new ImportFailedException(
          file, "missing column(s) " + String.join(", ", missing) + "; header is " + header);
    }
  }

  /** The next record, or {@code null} at the end of the file. */
  public Row next() throws IOException {
    while (true) {
      long start = line + 1;
      List<String> values = readRecord();
      if (values == null) {
        return null;
      }
      if (values.size() == 1 && values.get(0).isEmpty()) {
        continue;
      }
      return new Row(values, start);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  private List<String> readRecord() throws IOException {
    String text = reader.readLine();
    if (text == null) {
      return null;
    }
    line++;
    List<String> values = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (true) {
      if (i >= text.length()) {
        if (quoted) {
          String more = reader.readLine();
          if (more == null) {
            throw new ImportFailedException(
                file, "line " + line + ": a quoted value is not closed before the end of the file");
          }
          line++;
          field.append('\n');
          text = more;
          i = 0;
          continue;
        }
        values.add(field.toString());
        return values;
      }
      char c = text.charAt(i++);
      if (quoted) {
        if (c == '"') {
          if (i < text.length() && text.charAt(i) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        values.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
  }

  /** One record with the line it starts on. */
  public final class Row {
    private final List<String> values;
    private final long line;

    Row(List<String> values, long line) {
      this.values = values;
      this.line = line;
    }

    /** The line the record starts on (the header is line 1). */
    public long line() {
      return line;
    }

    /** How many values the record has. */
    public int size() {
      return values.size();
    }

    /** The value at {@code index}, stripped, or {@code null} when absent or blank. */
    public String get(int index) {
      if (index >= values.size()) {
        return null;
      }
      String value = values.get(index).strip();
      return value.isEmpty() ? null : value;
    }

    /** The value of {@code column}, stripped, or {@code null} when absent or blank. */
    public String get(String column) {
      Integer index = columns.get(column);
      return index == null ? null : get(index);
    }

    /**
     * The value of {@code column}.
     *
     * @throws RecordException naming the column when it is blank
     */
    public String require(String column) {
      String value = get(column);
      if (value == null) {
        throw new RecordException(column, column + " is empty");
      }
      return value;
    }

    /** The number in {@code column}, or {@code null} when blank. */
    public Double number(String column) {
      String value = get(column);
      return value == null ? null : parseNumber(column, value);
    }

    /**
     * The number in {@code column}.
     *
     * @throws RecordException naming the column when it is blank or not a number
     */
    public double requireNumber(String column) {
      return parseNumber(column, require(column));
    }

    private double parseNumber(String column, String value) {
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new RecordException(column, column + " '" + value + "' is not a number");
      }
    }
  }
}
