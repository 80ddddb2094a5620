package org.vitalake.batch;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, as the command line prints results. */
public final class TextTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private final boolean[] rightAligned;

  /** A table with these column titles; columns whose title ends with {@code >} align right. */
  public TextTable(List<String> titles) {
    this.header = new ArrayList<>();
    this.rightAligned = new boolean[titles.size()];
    for (int i = 0; i < titles.size(); i++) {
      String title = titles.get(i);
      rightAligned[i] = title.endsWith(">");
      header.add(rightAligned[i] ? title.substring(0, title.length() - 1) : title);
    }
  }

  /** Adds a row; values are rendered with {@code String.valueOf}, null as {@code NULL}. */
  public TextTable add(List<?> values) {
    if (values.size() != header.size()) {
      throw new IllegalArgumentException(
          "row has " + values.size() + " values but the table has " + header.size() + " columns");
    }
    List<String> row = new ArrayList<>();
    for (Object v : values) {
      row.add(v == null ? "NULL" : String.valueOf(v).replace('\n', ' '));
    }
    rows.add(row);
    return this;
  }

  public int size() {
    return rows.size();
  }

  /** Prints the header, a rule and the rows. */
  public void print(PrintStream out) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    out.println(line(header, widths));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule);
    for (List<String> row : rows) {
      out.println(line(row, widths));
    }
  }

  private String line(List<String> cells, int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      String cell = cells.get(i);
      String pad = " ".repeat(widths[i] - cell.length());
      b.append(i == 0 ? "" : " | ").append(rightAligned[i] ? pad + cell : cell + pad);
    }
    return b.toString().stripTrailing();
  }
}
