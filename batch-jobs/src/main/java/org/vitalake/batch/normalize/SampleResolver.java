package org.vitalake.batch.normalize;

import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
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
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.LongAccumulator;
import org.vitalake.core.metric.Metric;
import org.vitalake.core.metric.Unit;
import org.vitalake.core.sample.DeviceType;

/**
 * The one pass of {@link SampleNormalizer} over a partition of bronze rows clustered by user and
 * sorted by {@code (user_id, metric, start, sample_key, received_at)} and then the row's other
 * columns, in Spark's internal row format: strings stay UTF-8 bytes and nothing is converted to a
 * Java {@code Row} and back.
 *
 * <p>That order puts the copies of a re-delivered sample next to each other, first received first
 * ({@code sample_key} is the natural key of user, metric, source, device, start, end and value, so
 * copies share the metric and start), and every group {@link SourcePriority} resolves in a run of
 * neighbouring rows: the readings of one metric at one second, the interval rows of one metric in
 * one local hour. Only daily totals wait for the end of their (user, metric) run, because they
 * count only on days without finer rows. Memory is bounded by the largest such group, not by the
 * partition.
 *
 * <p>A group is resolved whole and each row it keeps goes to its own local day: rows of one instant
 * placed with different offsets (one device sends its own, another falls back to the profile's
 * zone) may fall on different days, and splitting the group by day first would keep one of each.
 * The hour of an interval group is the local hour of the row that opens it (its effective offset:
 * its own, else the profile zone's at that instant); the rows starting before that hour ends join
 * it whatever their own offset. With whole-hour offsets that is the UTC hour; in a half- or
 * quarter-hour zone it is the local clock's hour, so a source's minute rows and its hourly total
 * for that hour meet in one group.
 */
final class SampleResolver implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {

  private static final long serialVersionUID = 2L;

  /**
   * The input columns, in this order ({@link SampleNormalizer#normalize} selects them from this
   * list); the rows may carry more columns after them (the sort keys only the sort needs), which
   * the pass ignores.
   */
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
          "time_zone",
          "received_us");

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
  private static final int RECEIVED = 13;

  /** The output: the columns of {@code silver.samples}, in table order. */
  static final StructType OUTPUT =
      new StructType()
          .add("user_id", DataTypes.StringType)
          .add("metric", DataTypes.StringType)
          .add("value", DataTypes.DoubleType, false)
          .add("start_time", DataTypes.TimestampType, false)
          .add("end_time", DataTypes.TimestampType)
          .add("local_date", DataTypes.DateType, false)
          .add("zone_offset_seconds", DataTypes.IntegerType, false)
          .add("source", DataTypes.StringType)
          .add("device", DataTypes.StringType)
          .add("device_type", DataTypes.StringType)
          .add("sample_key", DataTypes.StringType)
          .add("quality_flags", DataTypes.createArrayType(DataTypes.StringType, false), false);

  private static final long MICROS = 1_000_000L;
  private static final long SECONDS_PER_DAY = 86_400L;
  private static final long SECONDS_PER_HOUR = 3_600L;
  private static final Pattern SLASH = Pattern.compile("\\s*/\\s*");
  private static final UTF8String EMPTY = UTF8String.EMPTY_UTF8;
  private static final UTF8String ZONE_FROM_PROFILE =
      UTF8String.fromString(LocalDay.ZONE_FROM_PROFILE);
  private static final UTF8String ZONE_ASSUMED_UTC =
      UTF8String.fromString(LocalDay.ZONE_ASSUMED_UTC);
  private static final UTF8String UNIT_UNKNOWN =
      UTF8String.fromString(SampleNormalizer.UNIT_UNKNOWN);
  private static final UTF8String UNIT_MISMATCH =
      UTF8String.fromString(SampleNormalizer.UNIT_MISMATCH);
  private static final UTF8String REDELIVERED = UTF8String.fromString(SampleNormalizer.REDELIVERED);
  private static final double[] NO_CONVERSION = new double[0];

  /** What the pass needs to know of a metric. */
  private record MetricInfo(
      double min,
      double max,
      boolean sleep,
      SourcePriority.Resolution resolution,
      Map<String, Integer> deviceRanks,
      Map<String, double[]> conversions) {}

  private static final Map<UTF8String, MetricInfo> METRICS = createMetrics();

  private final LongAccumulator rowsRead;

  /**
   * @param rowsRead counts every input row, or null
   */
  SampleResolver(LongAccumulator rowsRead) {
    this.rowsRead = rowsRead;
  }

  @Override
  public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
    return new Pass(rows, rowsRead);
  }

  private static Map<UTF8String, MetricInfo> createMetrics() {
    Map<UTF8String, MetricInfo> metrics = new HashMap<>();
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
          UTF8String.fromString(metric.code()),
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

  /**
   * Orders strings as Spark SQL does: by their UTF-8 bytes, unsigned, which is code point order.
   */
  static int compareStrings(UTF8String a, UTF8String b) {
    return a.binaryCompare(b);
  }

  /** The offset of one time zone, remembered over the interval in which it does not change. */
  private static final class ZoneOffsets {
    private final ZoneRules rules;
    private long fromUs = Long.MAX_VALUE;
    private long untilUs = Long.MIN_VALUE;
    private int offset;

    ZoneOffsets(ZoneRules rules) {
      this.rules = rules;
    }

    /** The offset in seconds at {@code instantUs} (micros since the epoch). */
    int offsetAt(long instantUs) {
      if (instantUs >= fromUs && instantUs < untilUs) {
        return offset;
      }
      Instant instant =
          Instant.ofEpochSecond(
              Math.floorDiv(instantUs, MICROS), Math.floorMod(instantUs, MICROS) * 1000);
      offset = rules.getOffset(instant).getTotalSeconds();
      // the offset holds from this instant up to the next transition
      ZoneOffsetTransition next = rules.nextTransition(instant);
      fromUs = instantUs;
      untilUs =
          next == null || next.toEpochSecond() >= Long.MAX_VALUE / MICROS
              ? Long.MAX_VALUE
              : next.toEpochSecond() * MICROS;
      return offset;
    }
  }

  /** One kept sample with what resolution needs, computed once. */
  private static final class Sample {
    final InternalRow row;
    final UTF8String source;
    final UTF8String deviceKey;
    final UTF8String deviceType;
    final int series;
    final int localDay;
    final int offset;
    final UTF8String zoneFlag;
    final UTF8String unitFlag;
    final UTF8String dupFlag;
    final int deviceRank;
    final long seconds;
    final int granularity;

    Sample(
        InternalRow row,
        UTF8String source,
        UTF8String deviceKey,
        UTF8String deviceType,
        int series,
        int localDay,
        int offset,
        UTF8String zoneFlag,
        UTF8String unitFlag,
        UTF8String dupFlag,
        int deviceRank,
        long seconds,
        int granularity) {
      this.row = row;
      this.source = source;
      this.deviceKey = deviceKey;
      this.deviceType = deviceType;
      this.series = series;
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
      return series == other.series;
    }

    boolean hasEnd() {
      return !row.isNullAt(END);
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
  private static final class Pass implements Iterator<InternalRow> {
    private final Iterator<InternalRow> input;
    private final LongAccumulator rowsRead;
    private long read;
    private final ArrayDeque<InternalRow> out = new ArrayDeque<>();
    private final Map<UTF8String, ZoneOffsets> zones = new HashMap<>();
    private boolean finished;

    /** The last row's metric and what it is, so a run of one metric looks it up once. */
    private UTF8String lastMetric;

    private MetricInfo lastInfo;

    private InternalRow candidate;
    private int copies;

    private UTF8String user;
    private UTF8String metric;
    private MetricInfo info;
    private final Map<UTF8String, Integer> ranks = new HashMap<>();
    private final Map<UTF8String, double[]> units = new HashMap<>();

    /** The (source, device) pairs of the run, by series number: the first sample of each. */
    private final List<Sample> seriesOfRun = new ArrayList<>();

    private Sample last;
    private UTF8String lastZone;
    private ZoneOffsets lastOffsets;
    private UTF8String lastDeviceType;
    private int lastRank;
    private UTF8String lastUnit;
    private double[] lastConversion;
    private final List<Sample> group = new ArrayList<>();

    /** Epoch second at which the open group ends: later rows start the next group. */
    private long groupEnd;

    private final List<Sample> dayTotals = new ArrayList<>();
    private final Set<Integer> finerDays = new HashSet<>();

    Pass(Iterator<InternalRow> input, LongAccumulator rowsRead) {
      this.input = input;
      this.rowsRead = rowsRead;
    }

    @Override
    public boolean hasNext() {
      while (out.isEmpty() && !finished) {
        if (input.hasNext()) {
          read++;
          read(input.next());
        } else {
          if (candidate != null) {
            accept(candidate, copies);
            candidate = null;
          }
          endRun();
          finished = true;
          if (rowsRead != null) {
            rowsRead.add(read);
          }
        }
      }
      return !out.isEmpty();
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return out.poll();
    }

    private MetricInfo metricOf(InternalRow row) {
      UTF8String code = row.getUTF8String(METRIC);
      if (!code.equals(lastMetric)) {
        lastMetric = code.clone();
        lastInfo = METRICS.get(lastMetric);
      }
      return lastInfo;
    }

    private void read(InternalRow row) {
      MetricInfo metricInfo = metricOf(row);
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
      // the input reuses its row object: keep a copy
      candidate = row.copy();
      copies = 1;
    }

    private static boolean isCopy(InternalRow kept, InternalRow row) {
      return kept.getLong(START) == row.getLong(START)
          && kept.getUTF8String(SAMPLE_KEY).equals(row.getUTF8String(SAMPLE_KEY))
          && kept.getUTF8String(METRIC).equals(row.getUTF8String(METRIC))
          && kept.getUTF8String(USER).equals(row.getUTF8String(USER));
    }

    private void accept(InternalRow row, int copiesOfRow) {
      UTF8String rowUser = row.getUTF8String(USER);
      UTF8String rowMetric = row.getUTF8String(METRIC);
      if (!rowUser.equals(user) || !rowMetric.equals(metric)) {
        endRun();
        user = rowUser;
        metric = rowMetric;
        info = METRICS.get(rowMetric);
        ranks.clear();
        units.clear();
        seriesOfRun.clear();
        last = null;
        lastDeviceType = null;
        lastUnit = null;
      }
      Sample sample = place(row, copiesOfRow > 1 ? REDELIVERED : null);
      long start = Math.floorDiv(row.getLong(START), MICROS);
      switch (info.resolution()) {
        case ONE_DEVICE_PER_NIGHT -> emit(sample);
        case DEDUPE_SAME_INSTANT, DEDUPE_SAME_START -> add(sample, start, start + 1);
        case BEST_COVERAGE_PER_HOUR -> {
          if (sample.granularity == SampleNormalizer.DAY) {
            dayTotals.add(sample);
          } else {
            finerDays.add(sample.localDay);
            // interval metrics are placed by their start: the offset is the one at the start
            add(sample, start, localHourEnd(start, sample.offset));
          }
        }
      }
    }

    /** The epoch second at which the local hour holding {@code second} ends, at {@code offset}. */
    private static long localHourEnd(long second, int offset) {
      return (Math.floorDiv(second + offset, SECONDS_PER_HOUR) + 1) * SECONDS_PER_HOUR - offset;
    }

    private Sample place(InternalRow row, UTF8String dupFlag) {
      long startUs = row.getLong(START);
      boolean hasEnd = !row.isNullAt(END);
      long endUs = hasEnd ? row.getLong(END) : 0;
      long anchorUs = info.sleep() && hasEnd ? endUs : startUs;
      long anchor = Math.floorDiv(anchorUs, MICROS);
      int offset;
      UTF8String zoneFlag;
      if (!row.isNullAt(OFFSET)) {
        offset = row.getInt(OFFSET);
        zoneFlag = null;
      } else if (!row.isNullAt(TIME_ZONE)) {
        offset = zoneOf(row.getUTF8String(TIME_ZONE)).offsetAt(anchorUs);
        zoneFlag = ZONE_FROM_PROFILE;
      } else {
        offset = 0;
        zoneFlag = ZONE_ASSUMED_UTC;
      }
      int localDay = (int) Math.floorDiv(anchor + offset, SECONDS_PER_DAY);
      long seconds = hasEnd ? Math.floorDiv(endUs, MICROS) - Math.floorDiv(startUs, MICROS) : 0;
      int granularity =
          seconds <= SampleNormalizer.MINUTE_SERIES_MAX_SECONDS
              ? SampleNormalizer.MINUTE
              : seconds <= SampleNormalizer.HOUR_SERIES_MAX_SECONDS
                  ? SampleNormalizer.HOUR
                  : SampleNormalizer.DAY;
      UTF8String source = row.getUTF8String(SOURCE);
      UTF8String deviceKey = row.isNullAt(DEVICE) ? EMPTY : row.getUTF8String(DEVICE);
      UTF8String deviceType = null;
      int rank = Integer.MIN_VALUE;
      if (!row.isNullAt(DEVICE_TYPE)) {
        deviceType = row.getUTF8String(DEVICE_TYPE);
        rank = rankOf(deviceType);
      }
      Sample sample =
          new Sample(
              row,
              source,
              deviceKey,
              deviceType,
              seriesOf(source, deviceKey),
              localDay,
              offset,
              zoneFlag,
              unitFlag(row),
              dupFlag,
              rank,
              seconds,
              granularity);
      if (sample.series == seriesOfRun.size()) {
        seriesOfRun.add(sample);
      }
      last = sample;
      return sample;
    }

    /** The number of the run's series (source, device); the next number for a new one. */
    private int seriesOf(UTF8String source, UTF8String deviceKey) {
      if (last != null && last.source.equals(source) && last.deviceKey.equals(deviceKey)) {
        return last.series;
      }
      for (Sample first : seriesOfRun) {
        if (first.source.equals(source) && first.deviceKey.equals(deviceKey)) {
          return first.series;
        }
      }
      return seriesOfRun.size();
    }

    private ZoneOffsets zoneOf(UTF8String zone) {
      if (zone.equals(lastZone)) {
        return lastOffsets;
      }
      ZoneOffsets offsets = zones.get(zone);
      if (offsets == null) {
        offsets = new ZoneOffsets(DateTimeUtils.getZoneId(zone.toString()).getRules());
        zones.put(zone.clone(), offsets);
      }
      lastZone = zone.clone();
      lastOffsets = offsets;
      return offsets;
    }

    private int rankOf(UTF8String deviceType) {
      if (deviceType.equals(lastDeviceType)) {
        return lastRank;
      }
      Integer rank = ranks.get(deviceType);
      if (rank == null) {
        String type = deviceType.toString().toLowerCase(Locale.ROOT);
        rank = info.deviceRanks().getOrDefault(type, info.deviceRanks().size());
        ranks.put(deviceType.clone(), rank);
      }
      lastDeviceType = deviceType;
      lastRank = rank;
      return rank;
    }

    private UTF8String unitFlag(InternalRow row) {
      if (row.isNullAt(UNIT)) {
        return null;
      }
      UTF8String unit = row.getUTF8String(UNIT);
      double[] conversion;
      if (unit.equals(lastUnit)) {
        conversion = lastConversion;
      } else {
        conversion = units.get(unit);
        if (conversion == null) {
          conversion =
              info.conversions().getOrDefault(normalizeSpelling(unit.toString()), NO_CONVERSION);
          units.put(unit.clone(), conversion);
        }
        lastUnit = unit;
        lastConversion = conversion;
      }
      if (conversion.length == 0) {
        return UNIT_UNKNOWN;
      }
      if (row.isNullAt(VALUE_AS_SENT)) {
        return null;
      }
      double value = row.getDouble(VALUE);
      double expected = row.getDouble(VALUE_AS_SENT) * conversion[0] + conversion[1];
      double tolerance = Math.max(1e-6, Math.abs(value) * 1e-6);
      return compareDoubles(Math.abs(value - expected), tolerance) > 0 ? UNIT_MISMATCH : null;
    }

    /**
     * Adds {@code sample}, starting at epoch second {@code start}, to the open group, or resolves
     * that group and opens one ending at {@code end} when the sample starts after it. The run is
     * sorted by start, so a group is a run of neighbouring rows.
     */
    private void add(Sample sample, long start, long end) {
      if (!group.isEmpty() && start >= groupEnd) {
        flushGroup();
      }
      if (group.isEmpty()) {
        groupEnd = end;
      }
      group.add(sample);
    }

    /** Resolves the open group whole; each kept row goes to its own local day. */
    private void flushGroup() {
      if (group.isEmpty()) {
        return;
      }
      if (info.resolution() == SourcePriority.Resolution.BEST_COVERAGE_PER_HOUR) {
        bestCoverage(group);
      } else {
        preferredReading(group);
      }
      group.clear();
    }

    private void endRun() {
      flushGroup();
      if (!dayTotals.isEmpty()) {
        dayTotals.removeIf(s -> finerDays.contains(s.localDay));
        if (!dayTotals.isEmpty()) {
          forEachDay(dayTotals, this::bestCoverage);
        }
        dayTotals.clear();
      }
      finerDays.clear();
    }

    /** Calls {@code resolve} with the samples of each local day in {@code samples}. */
    private static void forEachDay(List<Sample> samples, Consumer<List<Sample>> resolve) {
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
     * Interval totals of one hour (or, for daily totals, one day): each series keeps its finest
     * rows; the series with the best coverage (then device preference, source, device) is kept.
     */
    private void bestCoverage(List<Sample> group) {
      List<Sample> samples = latestOfEachInterval(group);
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

    /**
     * The rows of {@code group} without those a series sent again for the same interval: a total
     * sent once more with another value (a device re-syncing its day or hour as it goes) is an
     * update, not more steps, so only the one received last counts. The group is sorted by start,
     * so such rows are in one run of equal starts; {@code group} itself is returned when there is
     * none.
     */
    private static List<Sample> latestOfEachInterval(List<Sample> group) {
      List<Sample> kept = null;
      int runStart = 0;
      for (int i = 0; i < group.size(); i++) {
        Sample s = group.get(i);
        long start = s.row.getLong(START);
        if (start != group.get(runStart).row.getLong(START)) {
          runStart = i;
        }
        boolean superseded = false;
        for (int j = runStart; j < group.size() && !superseded; j++) {
          Sample other = group.get(j);
          if (other.row.getLong(START) != start) {
            break;
          }
          superseded =
              j != i && other.series == s.series && sameEnd(other, s) && updates(other, i, j, s);
        }
        if (superseded && kept == null) {
          kept = new ArrayList<>(group.subList(0, i));
        } else if (!superseded && kept != null) {
          kept.add(s);
        }
      }
      return kept == null ? group : kept;
    }

    private static boolean sameEnd(Sample a, Sample b) {
      boolean aEnds = !a.row.isNullAt(END);
      return aEnds == !b.row.isNullAt(END) && (!aEnds || a.row.getLong(END) == b.row.getLong(END));
    }

    /** Whether {@code other} (at {@code j}) replaces {@code s} (at {@code i}): received later. */
    private static boolean updates(Sample other, int i, int j, Sample s) {
      long otherReceived = other.row.getLong(RECEIVED);
      long received = s.row.getLong(RECEIVED);
      // received together: the one later in the sort (by sample key) wins, the same on every run
      return otherReceived > received || (otherReceived == received && j > i);
    }

    private static Series seriesOf(List<Series> series, Sample sample) {
      for (Series s : series) {
        if (s.first.series == sample.series) {
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

    /** Readings at one second: the one from the preferred device is kept, on its own day. */
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
        if (!a.hasEnd() || !b.hasEnd()) {
          c = !a.hasEnd() ? (!b.hasEnd() ? 0 : -1) : 1;
        } else {
          c = Long.compare(a.row.getLong(END), b.row.getLong(END));
        }
      }
      if (c == 0) {
        c = compareStrings(a.row.getUTF8String(SAMPLE_KEY), b.row.getUTF8String(SAMPLE_KEY));
      }
      return c < 0;
    }

    private void emit(Sample s) {
      InternalRow r = s.row;
      int flagCount =
          (s.zoneFlag == null ? 0 : 1) + (s.unitFlag == null ? 0 : 1) + (s.dupFlag == null ? 0 : 1);
      Object[] flags = new Object[flagCount];
      int i = 0;
      if (s.zoneFlag != null) {
        flags[i++] = s.zoneFlag;
      }
      if (s.unitFlag != null) {
        flags[i++] = s.unitFlag;
      }
      if (s.dupFlag != null) {
        flags[i] = s.dupFlag;
      }
      out.add(
          new GenericInternalRow(
              new Object[] {
                user,
                metric,
                r.getDouble(VALUE),
                r.getLong(START),
                s.hasEnd() ? r.getLong(END) : null,
                s.localDay,
                s.offset,
                s.source,
                r.isNullAt(DEVICE) ? null : s.deviceKey,
                s.deviceType,
                r.getUTF8String(SAMPLE_KEY),
                new GenericArrayData(flags)
              }));
    }
  }
}
