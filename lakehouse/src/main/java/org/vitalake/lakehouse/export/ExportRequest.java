package org.vitalake.lakehouse.export;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableDefinition;

/**
 * What one personal-data export covers: whose rows, where the files go, which tables, whether the
 * archived raw payloads are copied too, and which days.
 *
 * @param user the pseudonymous id whose rows are exported
 * @param outputDirectory a directory that does not exist yet or is empty
 * @param tables tables with a {@code user_id} column, in export order
 * @param rawPayloads whether the user's archived raw payloads are copied
 * @param days the days rows are selected by (see {@link DayColumn})
 */
public record ExportRequest(
    UserId user,
    Path outputDirectory,
    List<TableDefinition> tables,
    boolean rawPayloads,
    DayRange days) {

  /** The column that names a row's person; a table without it holds no one's personal rows. */
  public static final String USER_COLUMN = "user_id";

  /** The name that selects the archived raw payloads in {@code --tables}. */
  public static final String RAW = "raw";

  private static final Set<String> OPTIONS =
      Set.of("--user", "--out", "--tables", "--from", "--to");

  public ExportRequest {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    tables = List.copyOf(tables);
    Objects.requireNonNull(days, "days");
    for (TableDefinition table : tables) {
      if (!hasUserColumn(table)) {
        throw new IllegalArgumentException(
            "table " + table.id() + " has no " + USER_COLUMN + " column, so no person's rows");
      }
      if (!days.unbounded() && DayColumn.find(table.schema()).isEmpty()) {
        throw new IllegalArgumentException(
            "table "
                + table.id()
                + " has no day column ("
                + String.join(", ", DayColumn.CANDIDATES)
                + ") to select "
                + days
                + " by; export it without --from and --to");
      }
    }
    if (tables.isEmpty() && !rawPayloads) {
      throw new IllegalArgumentException("nothing to export: no table and no raw payloads");
    }
  }

  /** Every lakehouse table with a {@code user_id} column, bronze first. */
  public static List<TableDefinition> personalTables() {
    return LakehouseTables.ALL.stream().filter(ExportRequest::hasUserColumn).toList();
  }

  /**
   * Parses the options of the export command: {@code --user ID --out DIR [--tables t1,t2,...]
   * [--from YYYY-MM-DD] [--to YYYY-MM-DD]}, each also as {@code --name=value}. Without {@code
   * --tables} every {@link #personalTables() personal table} and the raw payloads are exported.
   *
   * @throws IllegalArgumentException naming the option and the value that is wrong
   */
  public static ExportRequest parse(List<String> args) {
    Map<String, String> options = options(args);
    String userValue = options.get("--user");
    if (userValue == null) {
      throw new IllegalArgumentException("--user is required: the pseudonymous id of the person");
    }
    if (userValue.isBlank()) {
      throw new IllegalArgumentException(
          "--user is blank: give the person's pseudonymous id, the user_id of the lakehouse tables");
    }
    UserId user;
    try {
      user = UserId.of(userValue.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--user: " + e.getMessage(), e);
    }
    String out = options.get("--out");
    if (out == null || out.isBlank()) {
      throw new IllegalArgumentException("--out is required: the directory to write the files to");
    }
    Path outputDirectory;
    try {
      outputDirectory = Path.of(out).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("--out '" + out + "' is not a path: " + e.getMessage(), e);
    }
    LocalDate from = date("--from", options.get("--from"));
    LocalDate to = date("--to", options.get("--to"));
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException(
          "--from " + from + " is after --to " + to + ": the range would be empty");
    }
    String tables = options.get("--tables");
    if (tables == null) {
      return new ExportRequest(
          user, outputDirectory, personalTables(), true, new DayRange(from, to));
    }
    List<TableDefinition> selected = new ArrayList<>();
    boolean raw = false;
    Set<String> names = new LinkedHashSet<>();
    for (String name : tables.split(",", -1)) {
      if (!name.isBlank()) {
        names.add(name.strip());
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("--tables is empty; " + choices());
    }
    for (String name : names) {
      if (name.equals(RAW)) {
        raw = true;
        continue;
      }
      TableDefinition table =
          LakehouseTables.ALL.stream()
              .filter(t -> t.qualifiedName().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown table '" + name + "' in --tables; " + choices()));
      if (!hasUserColumn(table)) {
        throw new IllegalArgumentException(
            "table " + name + " in --tables has no " + USER_COLUMN + " column; " + choices());
      }
      selected.add(table);
    }
    return new ExportRequest(user, outputDirectory, selected, raw, new DayRange(from, to));
  }

  private static Map<String, String> options(List<String> args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.size() && !OPTIONS.contains(args.get(i + 1))) {
        value = args.get(++i);
      } else {
        value = null;
      }
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown option '"
                + name
                + "'; the options are "
                + String.join(", ", OPTIONS.stream().sorted().toList()));
      }
      if (value == null) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      if (options.put(name, value) != null) {
        throw new IllegalArgumentException(name + " is given twice");
      }
    }
    return options;
  }

  private static LocalDate date(String option, String value) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " '" + value + "' is not a date; use YYYY-MM-DD, e.g. 2024-03-01", e);
    }
  }

  private static String choices() {
    return "choose from "
        + personalTables().stream()
            .map(TableDefinition::qualifiedName)
            .collect(Collectors.joining(", "))
        + " and "
        + RAW
        + " (the archived raw payloads)";
  }

  private static boolean hasUserColumn(TableDefinition table) {
    return table.schema().findField(USER_COLUMN) != null;
  }
}
