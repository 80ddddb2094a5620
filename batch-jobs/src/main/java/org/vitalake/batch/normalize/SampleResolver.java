package org.vitalake.batch.normalize;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.Unit;
import org.vitalake.core.sample.DeviceType;

/**
 * The one pass of {@link SampleNormalizer} over a partition of bronze rows clustered by user and
 * sorted by {@code (user_id, metric, start, sample_key, received_at, ingest_id, raw_ref)}.
 *
 * <p>That order puts the copies of a re-delivered sample next to each other, first received first
 * ({@code sample_key} is the natural key of user, metric, source, device, start, end and value, so
 * copies share the metric and start), and every group {@link SourcePriority} resolves in a run of
 * neighbouring rows: the readings of one metric at one second, the interval rows of one metric in
 * one UTC hour. Only daily totals wait for the end of their (user, metric) run, because they count
 * only on days without finer rows. Memory is bounded by the largest such group, not by the
 * partition.
 */
final class SampleResolver implements MapPartitionsFunction<Row, Row> {

  private static final long serialVersionUID = 1L;

  /** The input columns, in this order. */
  static final List<String> INPUT =
      List.of(
          "user_id",
          "metric",
          "value",
          "unit",
          "value_as_sent",
          "start_us",
          "end_us",
          "zone_offset_seconds",
          "source",
          "device",
          "device_type",
          "sample_key",
          "time_zone");

  private static final int USER = 0;
  private static final int METRIC = 1;
  private static final int VALUE = 2;
  private static final int UNIT = 3;
  private static final int VALUE_AS_SENT = 4;
  private static final int START = 5;
  private static final int END = 6;
  private static final int OFFSET = 7;
  private static final int SOURCE = 8;
  private static final int DEVICE = 9;
  private static final int DEVICE_TYPE = 10;
  private static final int SAMPLE_KEY = 11;
  private static final int TIME_ZONE = 12;

  /** The output columns: silver columns with times as micros, the day as epoch day, flags apart. */
  static final StructType OUTPUT =
      new StructType()
          .add("user_id", DataTypes.StringType)
          .add("metric", DataTypes.StringType)
          .add("value", DataTypes.DoubleType, false)
          .add("start_us", DataTypes.LongType, false)
          .add("end_us", DataTypes.LongType)
          .add("local_day", DataTypes.IntegerType, false)
          .add("zone_offset_seconds", DataTypes.IntegerType, false)
          .add("source", DataTypes.StringType)
          .add("device", DataTypes.StringType)
          .add("device_type", DataTypes.StringType)
          .add("sample_key", DataTypes.StringType)
          .add("zone_flag", DataTypes.StringType)
          .add("unit_flag", DataTypes.StringType)
          .add("dup_flag", DataTypes.StringType);

  private static final long MICROS = 1_000_000L;
  private static final long SECONDS_PER_DAY = 86_400L;
  private static final long SECONDS_PER_HOUR = 3_600L;
  private static final Pattern SLASH = Pattern.compile("\\s*/\\s*");

  /** What the pass needs to know of a metric. */
  private record MetricInfo(
      double min,
      double max,
      boolean sleep,
      SourcePriority.Resolution resolution,
      Map<String, Integer> deviceRanks,
      Map<String, double[]> conversions) {}

  private static final Map<String, MetricInfo> METRICS = createMetrics();

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    return new Pass(rows);
  }

  private static Map<String, MetricInfo> createMetrics() {
    Map<String, MetricInfo> metrics = new HashMap<>();
    for (Metric metric : Metric.values()) {
      SourcePriority.Rule rule = SourcePriority.RULES.get(metric.code());
      Map<String, Integer> ranks = new HashMap<>();
      List<DeviceType> preference = rule.devicePreference();
      for (int i = 0; i < preference.size(); i++) {
        ranks.putIfAbsent(preference.get(i).code(), i);
      }
      Map<String, double[]> conversions = new HashMap<>();
      for (Unit unit : metric.acceptedUnits()) {
        double offset = metric.toCanonical(0, unit);
        double factor = metric.toCanonical(1, unit) - offset;
        for (String spelling : unit.spellings()) {
          conversions.putIfAbsent(normalizeSpelling(spelling), new double[] {factor, offset});
        }
      }
      metrics.put(
          metric.code(),
          new MetricInfo(
              metric.range().min(),
              metric.range().max(),
              SampleNormalizer.SLEEP_METRICS.contains(metric.code()),
              rule.resolution(),
              Map.copyOf(ranks),
              Map.copyOf(conversions)));
    }
    return Map.copyOf(metrics);
  }

  /** Spaces around a slash removed, outer spaces trimmed, lower case: how units are matched. */
  static String normalizeSpelling(String unit) {
    int from = 0;
    int to = unit.length();
    while (from < to && unit.charAt(from) == ' ') {
      from++;
    }
    while (to > from && unit.charAt(to - 1) == ' ') {
      to--;
    }
    return SLASH.matcher(unit.substring(from, to)).replaceAll("/").toLowerCase(Locale.ROOT);
  }

  /** Orders doubles as Spark SQL does: -0.0 equals 0.0, NaN is greater than any other value. */
  static int compareDoubles(double a, double b) {
    if (a == b) {
      return 0;
    }
    return Double.compare(a, b);
  }

  /** Orders strings as Spark SQL does: by their UTF-8 bytes, which is code point order. */
  static int compareStrings(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
          return Integer.compare(a.codePointAt(i), b.codePointAt(i));
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  /** One kept sample with what resolution needs, computed once. */
  private static final class Sample {
    final Row row;
    final String source;
    final String deviceKey;
    final int localDay;
    final int offset;
    final String zoneFlag;
    final String unitFlag;
    final String dupFlag;
    final int deviceRank;
    final long seconds;
    final int granularity;

    Sample(
        Row row,
        int localDay,
        int offset,
        String zoneFlag,
        String unitFlag,
        String dupFlag,
        int deviceRank,
        long seconds,
        int granularity) {
      this.row = row;
      this.source = row.getString(SOURCE);
      this.deviceKey = row.isNullAt(DEVICE) ? "" : row.getString(DEVICE);
      this.localDay = localDay;
      this.offset = offset;
      this.zoneFlag = zoneFlag;
      this.unitFlag = unitFlag;
      this.dupFlag = dupFlag;
      this.deviceRank = deviceRank;
      this.seconds = seconds;
      this.granularity = granularity;
    }

    boolean sameSeries(Sample other) {
      return source.equals(other.source) && deviceKey.equals(other.deviceKey);
    }

    Long end() {
      return row.isNullAt(END) ? null : row.getLong(END);
    }
  }

  /** Coverage and finest granularity of one series within a group. */
  private static final class Series {
    final Sample first;
    int finest = Integer.MAX_VALUE;
    long coverage;

    Series(Sample first) {
      this.first = first;
    }
  }

  /** The state of the pass over one partition; an iterator over the silver rows. */
  private static final class Pass implements Iterator<Row> {
    private final Iterator<Row> input;
    private final ArrayDeque<Row> out = new ArrayDeque<>();
    private final Map<String, ZoneId> zones = new HashMap<>();
    private final Map<String, double[]> unitCache = new HashMap<>();
    private boolean finished;

    private Row candidate;
    private int copies;

    private String user;
    private String metric;
    private MetricInfo info;
    private final List<Sample> group = new ArrayList<>();
    private long groupSlot;
    private final List<Sample> dayTotals = new ArrayList<>();
    private final Set<Integer> finerDays = new HashSet<>();

    Pass(Iterator<Row> input) {
      this.input = input;
    }

    @Override
    public boolean hasNext() {
      while (out.isEmpty() && !finished) {
        if (input.hasNext()) {
          read(input.next());
        } else {
          if (candidate != null) {
            accept(candidate, copies);
            candidate = null;
          }
          endRun();
          finished = true;
        }
      }
      return !out.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return out.poll();
    }

    private void read(Row row) {
      MetricInfo metricInfo = METRICS.get(row.getString(METRIC));
      if (metricInfo == null) {
        return;
      }
      double value = row.getDouble(VALUE);
      if (!(value >= metricInfo.min() && value <= metricInfo.max())) {
        return;
      }
      if (candidate != null && isCopy(candidate, row)) {
        copies++;
        return;
      }
      if (candidate != null) {
        accept(candidate, copies);
      }
      candidate = row;
      copies = 1;
    }

    private static boolean isCopy(Row kept, Row row) {
      return kept.getLong(START) == row.getLong(START)
          && kept.getString(SAMPLE_KEY).equals(row.getString(SAMPLE_KEY))
          && kept.getString(METRIC).equals(row.getString(METRIC))
          && kept.getString(USER).equals(row.getString(USER));
    }

    private void accept(Row row, int copiesOfRow) {
      String rowUser = row.getString(USER);
      String rowMetric = row.getString(METRIC);
      if (!rowUser.equals(user) || !rowMetric.equals(metric)) {
        endRun();
        user = rowUser;
        metric = rowMetric;
        info = METRICS.get(rowMetric);
      }
      Sample sample = place(row, copiesOfRow > 1 ? SampleNormalizer.REDELIVERED : null);
      switch (info.resolution()) {
        case ONE_DEVICE_PER_NIGHT -> emit(sample);
        case DEDUPE_SAME_INSTANT, DEDUPE_SAME_START ->
            add(Math.floorDiv(row.getLong(START), MICROS), sample);
        case BEST_COVERAGE_PER_HOUR -> {
          if (sample.granularity == SampleNormalizer.DAY) {
            dayTotals.add(sample);
          } else {
            finerDays.add(sample.localDay);
            add(Math.floorDiv(Math.floorDiv(row.getLong(START), MICROS), SECONDS_PER_HOUR), sample);
          }
        }
      }
    }

    private Sample place(Row row, String dupFlag) {
      long startUs = row.getLong(START);
      Long endUs = row.isNullAt(END) ? null : row.getLong(END);
      long anchorUs = info.sleep() && endUs != null ? endUs : startUs;
      long anchor = Math.floorDiv(anchorUs, MICROS);
      int offset;
      String zoneFlag;
      if (!row.isNullAt(OFFSET)) {
        offset = row.getInt(OFFSET);
        zoneFlag = null;
      } else if (!row.isNullAt(TIME_ZONE)) {
        ZoneId zone = zones.computeIfAbsent(row.getString(TIME_ZONE), DateTimeUtils::getZoneId);
        offset =
            zone.getRules()
                .getOffset(Instant.ofEpochSecond(anchor, Math.floorMod(anchorUs, MICROS) * 1000))
                .getTotalSeconds();
        zoneFlag = LocalDay.ZONE_FROM_PROFILE;
      } else {
        offset = 0;
        zoneFlag = LocalDay.ZONE_ASSUMED_UTC;
      }
      int localDay = (int) Math.floorDiv(anchor + offset, SECONDS_PER_DAY);
      long seconds =
          endUs == null ? 0 : Math.floorDiv(endUs, MICROS) - Math.floorDiv(startUs, MICROS);
      int granularity =
          seconds <= SampleNormalizer.MINUTE_SERIES_MAX_SECONDS
              ? SampleNormalizer.MINUTE
              : seconds <= SampleNormalizer.HOUR_SERIES_MAX_SECONDS
                  ? SampleNormalizer.HOUR
                  : SampleNormalizer.DAY;
      int rank;
      if (row.isNullAt(DEVICE_TYPE)) {
        rank = Integer.MIN_VALUE;
      } else {
        String type = row.getString(DEVICE_TYPE).toLowerCase(Locale.ROOT);
        rank = info.deviceRanks().getOrDefault(type, info.deviceRanks().size());
      }
      return new Sample(
          row, localDay, offset, zoneFlag, unitFlag(row), dupFlag, rank, seconds, granularity);
    }

    private String unitFlag(Row row) {
      if (row.isNullAt(UNIT)) {
        return null;
      }
      String unit = row.getString(UNIT);
      double[] conversion =
          unitCache.computeIfAbsent(
              metric + '\u0000' + unit,
              k -> info.conversions().getOrDefault(normalizeSpelling(unit), new double[0]));
      if (conversion.length == 0) {
        return SampleNormalizer.UNIT_UNKNOWN;
      }
      if (row.isNullAt(VALUE_AS_SENT)) {
        return null;
      }
      double value = row.getDouble(VALUE);
      double expected = row.getDouble(VALUE_AS_SENT) * conversion[0] + conversion[1];
      double tolerance = Math.max(1e-6, Math.abs(value) * 1e-6);
      return compareDoubles(Math.abs(value - expected), tolerance) > 0
          ? SampleNormalizer.UNIT_MISMATCH
          : null;
    }

    private void add(long slot, Sample sample) {
      if (!group.isEmpty() && slot != groupSlot) {
        flushGroup();
      }
      groupSlot = slot;
      group.add(sample);
    }

    private void flushGroup() {
      if (group.isEmpty()) {
        return;
      }
      if (info.resolution() == SourcePriority.Resolution.BEST_COVERAGE_PER_HOUR) {
        forEachDay(group, this::bestCoverage);
      } else {
        forEachDay(group, this::preferredReading);
      }
      group.clear();
    }

    private void endRun() {
      flushGroup();
      if (!dayTotals.isEmpty()) {
        dayTotals.removeIf(s -> finerDays.contains(s.localDay));
        forEachDay(dayTotals, this::bestCoverage);
        dayTotals.clear();
      }
      finerDays.clear();
    }

    /** Calls {@code resolve} with the samples of each local day in {@code samples}. */
    private static void forEachDay(
        List<Sample> samples, java.util.function.Consumer<List<Sample>> resolve) {
      int day = samples.get(0).localDay;
      boolean oneDay = true;
      for (Sample s : samples) {
        if (s.localDay != day) {
          oneDay = false;
          break;
        }
      }
      if (oneDay) {
        resolve.accept(samples);
        return;
      }
      Map<Integer, List<Sample>> byDay = new HashMap<>();
      for (Sample s : samples) {
        byDay.computeIfAbsent(s.localDay, d -> new ArrayList<>()).add(s);
      }
      byDay.values().forEach(resolve);
    }

    /**
     * Interval totals of one day and slot: each series keeps its finest rows; the series with the
     * best coverage (then device preference, source, device) is kept.
     */
    private void bestCoverage(List<Sample> samples) {
      List<Series> series = new ArrayList<>(4);
      for (Sample s : samples) {
        Series of = seriesOf(series, s);
        of.finest = Math.min(of.finest, s.granularity);
      }
      for (Sample s : samples) {
        Series of = seriesOf(series, s);
        if (s.granularity == of.finest) {
          of.coverage += Math.min(s.seconds, SECONDS_PER_HOUR);
        }
      }
      Sample best = null;
      long bestCoverage = 0;
      for (Sample s : samples) {
        Series of = seriesOf(series, s);
        if (s.granularity != of.finest) {
          continue;
        }
        if (best == null || beats(s, of.coverage, best, bestCoverage)) {
          best = s;
          bestCoverage = of.coverage;
        }
      }
      for (Sample s : samples) {
        if (s.sameSeries(best) && s.granularity == seriesOf(series, s).finest) {
          emit(s);
        }
      }
    }

    private static Series seriesOf(List<Series> series, Sample sample) {
      for (Series s : series) {
        if (s.first.sameSeries(sample)) {
          return s;
        }
      }
      Series created = new Series(sample);
      series.add(created);
      return created;
    }

    private static boolean beats(Sample a, long coverageA, Sample b, long coverageB) {
      if (coverageA != coverageB) {
        return coverageA > coverageB;
      }
      if (a.deviceRank != b.deviceRank) {
        return a.deviceRank < b.deviceRank;
      }
      int bySource = compareStrings(a.source, b.source);
      if (bySource != 0) {
        return bySource < 0;
      }
      return compareStrings(a.deviceKey, b.deviceKey) < 0;
    }

    /** Readings of one day at one second: the one from the preferred device is kept. */
    private void preferredReading(List<Sample> samples) {
      Sample best = samples.get(0);
      for (int i = 1; i < samples.size(); i++) {
        if (precedes(samples.get(i), best)) {
          best = samples.get(i);
        }
      }
      emit(best);
    }

    private static boolean precedes(Sample a, Sample b) {
      if (a.deviceRank != b.deviceRank) {
        return a.deviceRank < b.deviceRank;
      }
      int c = compareStrings(a.source, b.source);
      if (c == 0) {
        c = compareStrings(a.deviceKey, b.deviceKey);
      }
      if (c == 0) {
        c = compareDoubles(a.row.getDouble(VALUE), b.row.getDouble(VALUE));
      }
      if (c == 0) {
        Long endA = a.end();
        Long endB = b.end();
        if (endA == null || endB == null) {
          c = endA == null ? (endB == null ? 0 : -1) : 1;
        } else {
          c = Long.compare(endA, endB);
        }
      }
      if (c == 0) {
        c = compareStrings(a.row.getString(SAMPLE_KEY), b.row.getString(SAMPLE_KEY));
      }
      return c < 0;
    }

    private void emit(Sample s) {
      Row r = s.row;
      out.add(
          RowFactory.create(
              r.getString(USER),
              r.getString(METRIC),
              r.getDouble(VALUE),
              r.getLong(START),
              s.end(),
              s.localDay,
              s.offset,
              r.getString(SOURCE),
              r.isNullAt(DEVICE) ? null : r.getString(DEVICE),
              r.isNullAt(DEVICE_TYPE) ? null : r.getString(DEVICE_TYPE),
              r.getString(SAMPLE_KEY),
              s.zoneFlag,
              s.unitFlag,
              s.dupFlag));
    }
  }
}
