package org.vitalake.batch.pipeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one pipeline run processes: for each bronze table the snapshot range it reads (appends after
 * {@code fromExclusive} up to {@code to}), whether it recomputes everything, and an extra day to
 * recompute for every user.
 *
 * <p>The scope is fixed when a run starts and stored in the job's execution context, so a restart
 * of a failed run reads exactly the same snapshots; the {@code to} ids of the last completed run
 * are where the next run starts.
 *
 * @param full recompute every day of every user (first run, or {@code --full})
 * @param date a day recomputed for every user ({@code --date}); nullable
 * @param ranges per bronze table name ({@code bronze.wearable_samples}, ...)
 * @param dataAsOf commit time of the newest bronze snapshot read; stored as {@code computed_at} so
 *     a rerun reproduces rows exactly
 * @param reason one line saying why the scope is what it is, for the run's report
 */
public record PipelineScope(
    boolean full,
    LocalDate date,
    Map<String, SnapshotRange> ranges,
    Instant dataAsOf,
    String reason) {

  /**
   * Bronze rows a run reads: those appended after snapshot {@code fromExclusive} (null: all) up to
   * snapshot {@code to}.
   *
   * <p>When snapshot expiry has removed the snapshots in between, the appends can no longer be
   * listed; {@code arrivedAfter} is then set, and the run reads the rows of {@code to} whose
   * arrival time ({@code received_at}, or {@code updated_at} for profiles) is after it.
   */
  public record SnapshotRange(Long fromExclusive, Long to, Instant arrivedAfter) {

    public SnapshotRange(Long fromExclusive, Long to) {
      this(fromExclusive, to, null);
    }

    /** Whether there is nothing to read (empty table, or no commit since the last run). */
    public boolean isEmpty() {
      return to == null || to.equals(fromExclusive);
    }

    String encode() {
      return (fromExclusive == null ? "" : fromExclusive)
          + ":"
          + (to == null ? "" : to)
          + (arrivedAfter == null ? "" : ":" + arrivedAfter.toEpochMilli());
    }

    static SnapshotRange decode(String text) {
      String[] parts = text.split(":", -1);
      return new SnapshotRange(
          parts[0].isEmpty() ? null : Long.valueOf(parts[0]),
          parts[1].isEmpty() ? null : Long.valueOf(parts[1]),
          parts.length > 2 ? Instant.ofEpochMilli(Long.parseLong(parts[2])) : null);
    }
  }

  static final String KEY_FULL = "vitalake.scope.full";
  static final String KEY_DATE = "vitalake.scope.date";
  static final String KEY_RANGES = "vitalake.scope.ranges";
  static final String KEY_DATA_AS_OF = "vitalake.scope.dataAsOf";
  static final String KEY_REASON = "vitalake.scope.reason";

  public PipelineScope {
    ranges = Map.copyOf(ranges);
    Objects.requireNonNull(dataAsOf, "dataAsOf");
    Objects.requireNonNull(reason, "reason");
  }

  /** The range of {@code table} ({@code bronze.wearable_samples}, ...); empty when unknown. */
  public SnapshotRange range(String table) {
    return ranges.getOrDefault(table, new SnapshotRange(null, null));
  }

  /** Whether the run has nothing new to read and no day to recompute. */
  public boolean isIdle() {
    return !full && date == null && ranges.values().stream().allMatch(SnapshotRange::isEmpty);
  }

  /** The scope as execution-context entries (strings only, readable in the job repository). */
  public Map<String, String> toContext() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(KEY_FULL, String.valueOf(full));
    out.put(KEY_DATE, date == null ? "" : date.toString());
    StringBuilder encoded = new StringBuilder();
    ranges.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              if (encoded.length() > 0) {
                encoded.append(';');
              }
              encoded.append(e.getKey()).append('=').append(e.getValue().encode());
            });
    out.put(KEY_RANGES, encoded.toString());
    out.put(KEY_DATA_AS_OF, dataAsOf.toString());
    out.put(KEY_REASON, reason);
    return out;
  }

  /** Reads a scope written by {@link #toContext()}; null when {@code context} holds none. */
  public static PipelineScope fromContext(Map<String, Object> context) {
    Object ranges = context.get(KEY_RANGES);
    if (ranges == null) {
      return null;
    }
    Map<String, SnapshotRange> parsed = new LinkedHashMap<>();
    for (String part : ranges.toString().split(";")) {
      if (!part.isBlank()) {
        int eq = part.indexOf('=');
        parsed.put(part.substring(0, eq), SnapshotRange.decode(part.substring(eq + 1)));
      }
    }
    String date = String.valueOf(context.getOrDefault(KEY_DATE, ""));
    return new PipelineScope(
        Boolean.parseBoolean(String.valueOf(context.get(KEY_FULL))),
        date.isBlank() ? null : LocalDate.parse(date),
        parsed,
        Instant.parse(String.valueOf(context.get(KEY_DATA_AS_OF))),
        String.valueOf(context.getOrDefault(KEY_REASON, "")));
  }
}
