package org.vitalake.core.sample;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Computes {@link Sample#sampleKey()}: the UTF-8 text {@code <length>:<field>;} of user, metric,
 * source, device, start, end and canonical value (each field's length counted in UTF-16 chars, as
 * {@code String.length()} does; {@code ""} for a missing device or end; instants as {@code
 * Instant.toString()}, the value as {@code Double.toString()}), hashed with SHA-256 and kept as the
 * first 16 bytes in lower-case hex.
 *
 * <p>Every stored sample needs its key, so the text is written as bytes into one reused buffer per
 * thread, instants and whole-number values without a general-purpose formatter, instead of built as
 * a {@code String} and encoded again.
 */
final class NaturalKey {

  private static final ThreadLocal<NaturalKey> PER_THREAD =
      ThreadLocal.withInitial(NaturalKey::new);

  private static final HexFormat HEX = HexFormat.of();

  /** The key keeps this many bytes of the digest. */
  private static final int KEY_BYTES = 16;

  private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Below this magnitude {@code Double.toString} spells a whole number as its digits and ".0". */
  private static final double PLAIN_WHOLE_NUMBER_LIMIT = 1e7;

  private final MessageDigest sha256;
  private final byte[] digest = new byte[32];
  private byte[] text = new byte[256];
  private int length;

  private NaturalKey() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** The sample key of {@code sample}. */
  static String of(Sample sample) {
    NaturalKey key = PER_THREAD.get();
    key.spell(sample);
    key.digest();
    return HEX.formatHex(key.digest, 0, KEY_BYTES);
  }

  /**
   * The sample key of {@code sample} as the 32 bytes of its ASCII text, for writers that store it
   * as UTF-8 and would otherwise encode the {@link #of} string again.
   */
  static byte[] asciiOf(Sample sample) {
    NaturalKey key = PER_THREAD.get();
    key.spell(sample);
    key.digest();
    byte[] ascii = new byte[2 * KEY_BYTES];
    for (int i = 0; i < KEY_BYTES; i++) {
      ascii[2 * i] = HEX_DIGITS[(key.digest[i] >> 4) & 0xf];
      ascii[2 * i + 1] = HEX_DIGITS[key.digest[i] & 0xf];
    }
    return ascii;
  }

  /** The text {@link #of} hashes, for tests. */
  static String text(Sample sample) {
    NaturalKey key = new NaturalKey();
    key.spell(sample);
    return new String(key.text, 0, key.length, StandardCharsets.UTF_8);
  }

  private void spell(Sample s) {
    length = 0;
    field(s.userId().value());
    field(s.metric().code());
    field(s.source());
    field(s.device() == null ? "" : s.device());
    instant(s.start());
    instant(s.end());
    // + 0.0 turns -0.0 into 0.0 so both spell the same key
    value(s.value() + 0.0);
  }

  private void digest() {
    sha256.update(text, 0, length);
    try {
      sha256.digest(digest, 0, digest.length);
    } catch (DigestException e) {
      throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
    }
  }

  private void field(String value) {
    int chars = value.length();
    // a char is at most 3 UTF-8 bytes; the prefix at most 11 bytes, and ':' and ';'
    ensure(13 + 3 * chars);
    prefix(chars);
    int start = length;
    for (int i = 0; i < chars; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        // not ASCII: let the JDK encode it (surrogate pairs, unpaired surrogates)
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length + 1 - (length - start));
        System.arraycopy(utf8, 0, text, start, utf8.length);
        length = start + utf8.length;
        text[length++] = ';';
        return;
      }
      text[length++] = (byte) c;
    }
    text[length++] = ';';
  }

  private void instant(Instant instant) {
    if (instant == null) {
      field("");
    } else if (IsoInstantText.writes(instant)) {
      int chars = IsoInstantText.length(instant);
      ensure(13 + chars);
      prefix(chars);
      length = IsoInstantText.write(text, length, instant);
      text[length++] = ';';
    } else {
      field(instant.toString());
    }
  }

  private void value(double value) {
    if (value == Math.rint(value) && Math.abs(value) < PLAIN_WHOLE_NUMBER_LIMIT) {
      long whole = (long) value;
      int digits = decimalLength(Math.abs(whole));
      int chars = (whole < 0 ? 1 : 0) + digits + 2;
      ensure(13 + chars);
      prefix(chars);
      if (whole < 0) {
        text[length++] = '-';
      }
      length = decimal(Math.abs(whole), digits);
      text[length++] = '.';
      text[length++] = '0';
      text[length++] = ';';
    } else {
      field(Double.toString(value));
    }
  }

  /** {@code <chars>:} */
  private void prefix(int chars) {
    length = decimal(chars, decimalLength(chars));
    text[length++] = ':';
  }

  /** Writes non-negative {@code value} of {@code digits} digits; returns the new length. */
  private int decimal(long value, int digits) {
    for (int i = length + digits - 1; i >= length; i--) {
      text[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return length + digits;
  }

  private static int decimalLength(long value) {
    int digits = 1;
    while (value >= 10) {
      value /= 10;
      digits++;
    }
    return digits;
  }

  private void ensure(int more) {
    if (length + more > text.length) {
      text = Arrays.copyOf(text, Math.max(2 * text.length, length + more));
    }
  }
}
