package org.vitalake.core.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;
import org.vitalake.core.metric.Metric;

class NaturalKeyTest {

  private static final String[] DEVICES = {
    null, "Charge 6", "Jane’s Apple Watch", "Pixel 8 \uD83D\uDE00", "Forerunner 265", "Ωmega"
  };

  /** The natural key spelled the obvious way, with the JDK's own formatting of every field. */
  private static String reference(Sample s) {
    StringBuilder text = new StringBuilder();
    for (String field :
        new String[] {
          s.userId().value(),
          s.metric().code(),
          s.source(),
          s.device() == null ? "" : s.device(),
          s.start().toString(),
          s.end() == null ? "" : s.end().toString(),
          Double.toString(s.value() + 0.0)
        }) {
      text.append(field.length()).append(':').append(field).append(';');
    }
    return text.toString();
  }

  private static String sha256Prefix(String text) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest).substring(0, 32);
  }

  @Test
  void spellsAndHashesRandomSamplesExactlyAsTheReferenceSpelling() throws Exception {
    // given: whole and fractional values (negative ones too), instants with every fraction shape
    // and years outside 0000-9999, ASCII and non-ASCII names, missing devices and ends
    SplittableRandom random = new SplittableRandom(20261207);
    for (int i = 0; i < 20_000; i++) {
      Sample sample = randomSample(random, i);

      // when
      String text = NaturalKey.text(sample);
      String key = NaturalKey.of(sample);

      // then
      String expected = reference(sample);
      assertThat(text).as("sample %d: %s", i, sample).isEqualTo(expected);
      assertThat(key).as("sample %d", i).isEqualTo(sha256Prefix(expected));
      assertThat(new String(NaturalKey.asciiOf(sample), StandardCharsets.UTF_8))
          .as("sample %d as bytes", i)
          .isEqualTo(key);
    }
  }

  @Test
  void aLongNonAsciiNameGrowsTheBufferAndKeepsTheSpelling() throws Exception {
    // given: a name whose UTF-8 bytes outgrow the initial buffer
    Sample sample =
        new Sample(
            UserId.of("u-long-" + "x".repeat(50)),
            Metric.STEPS,
            12,
            Instant.parse("2026-12-07T10:00:00Z"),
            Instant.parse("2026-12-07T10:01:00Z"),
            null,
            "ß".repeat(Sample.MAX_NAME_LENGTH),
            "€".repeat(Sample.MAX_NAME_LENGTH),
            null,
            null);

    // when / then
    assertThat(NaturalKey.text(sample)).isEqualTo(reference(sample));
    assertThat(sample.sampleKey()).isEqualTo(sha256Prefix(reference(sample)));
  }

  private static Sample randomSample(SplittableRandom random, int i) {
    long seconds =
        switch (i % 10) {
          case 0 -> random.nextLong(-62_167_219_200L * 2, -62_167_219_200L); // before year 0
          case 1 -> random.nextLong(253_402_300_800L, 253_402_300_800L * 2); // after 9999
          default -> random.nextLong(0, 4_102_444_800L); // 1970-2100
        };
    int nanos =
        switch (random.nextInt(4)) {
          case 0 -> 0;
          case 1 -> random.nextInt(1_000) * 1_000_000;
          case 2 -> random.nextInt(1_000_000) * 1_000;
          default -> random.nextInt(1_000_000_000);
        };
    Instant start = Instant.ofEpochSecond(seconds, nanos);
    Instant end = random.nextBoolean() ? start.plusSeconds(random.nextInt(86_400)) : null;
    String device = DEVICES[random.nextInt(DEVICES.length)];
    String source = random.nextBoolean() ? "fitbit" : "Health · iPhone";
    return switch (random.nextInt(4)) {
      case 0 -> sample(Metric.HEART_RATE, 20 + random.nextInt(231), start, null, device, source);
      case 1 ->
          sample(
              Metric.DISTANCE,
              random.nextDouble() * 500_000,
              start,
              end == null ? start : end,
              device,
              source);
      case 2 ->
          sample(
              Metric.SKIN_TEMPERATURE_DEVIATION,
              random.nextBoolean() ? -random.nextInt(11) : random.nextDouble(-10, 10),
              start,
              null,
              device,
              source);
      default ->
          sample(
              Metric.STEPS,
              random.nextBoolean() ? random.nextInt(100_001) : random.nextDouble() * 1e-3,
              start,
              end == null ? start : end,
              device,
              source);
    };
  }

  private static Sample sample(
      Metric metric, double value, Instant start, Instant end, String device, String source) {
    return new Sample(
        UserId.of("u-" + (int) (value * 7) % 1000),
        metric,
        value,
        start,
        end,
        null,
        source,
        device,
        null,
        null);
  }
}
