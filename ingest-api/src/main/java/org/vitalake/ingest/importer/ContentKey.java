package org.vitalake.ingest.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The key by which imports recognise content imported before: the content cut into chunks of {@link
 * ImportService#PART_BYTES}, the MD5 of each chunk, and a SHA-256 over those MD5s in order.
 *
 * <p>MD5 per chunk because that is what an S3 server reports, without reading anything, as the
 * entity tag of an object stored in one request: an upload sent in parts of that size (as {@code
 * ./vitalake import} sends them) gets its key from the listing of its parts, so its import need not
 * read the parts before parsing them. A file that arrived in one request, or parts of other sizes,
 * is read once more to compute the same key.
 *
 * <p>The key only decides whether an import repeats one of the same owner, format and users: a
 * server whose tags are not MD5s (objects encrypted by a key service) gives keys that match
 * nothing, so such content is imported again, and silver removes the repeated rows by their natural
 * key. Two different files can be crafted to share MD5s, which at worst makes their owner's second
 * file count as already imported. Imports recorded before this key (a SHA-256 of the whole file)
 * are not recognised, so such a file is imported once more.
 */
public final class ContentKey {

  /** How the key is made, recorded beside it. */
  public static final String ALGORITHM = "sha256 of the md5 of each 3 MiB chunk";

  private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");
  private static final HexFormat HEX = HexFormat.of();

  private final long chunkBytes;
  private final MessageDigest chunk = digest("MD5");
  private final MessageDigest whole = digest("SHA-256");
  private long inChunk;
  private long chunks;

  /** A key of content cut into chunks of {@link ImportService#PART_BYTES}, fed through update. */
  public ContentKey() {
    this(ImportService.PART_BYTES);
  }

  ContentKey(long chunkBytes) {
    this.chunkBytes = chunkBytes;
  }

  /** Adds the next {@code length} bytes of the content. */
  public void update(byte[] bytes, int offset, int length) {
    while (length > 0) {
      int n = (int) Math.min(length, chunkBytes - inChunk);
      chunk.update(bytes, offset, n);
      inChunk += n;
      offset += n;
      length -= n;
      if (inChunk == chunkBytes) {
        addChunk(HEX.formatHex(chunk.digest()));
      }
    }
  }

  /** The key of everything added; the instance is used up. */
  public String finish() {
    if (inChunk > 0 || chunks == 0) {
      // the last, shorter chunk; empty content is one empty chunk, as one empty object is
      addChunk(HEX.formatHex(chunk.digest()));
    }
    return HEX.formatHex(whole.digest());
  }

  private void addChunk(String md5Hex) {
    whole.update(md5Hex.getBytes(StandardCharsets.US_ASCII));
    whole.update((byte) '\n');
    chunks++;
    inChunk = 0;
  }

  /** The key of a file's content, read once. */
  public static String of(Path file) throws IOException {
    ContentKey key = new ContentKey();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        key.update(buffer, 0, n);
      }
    }
    return key.finish();
  }

  /** The key of a content held in memory. */
  public static String of(byte[] content) {
    ContentKey key = new ContentKey();
    key.update(content, 0, content.length);
    return key.finish();
  }

  /**
   * The key of the content the stored parts hold in order, from their sizes and entity tags alone:
   * present when every part but the last holds exactly one chunk, the last one at most a chunk (one
   * empty part for empty content), and every tag is an MD5 in hex.
   */
  public static Optional<String> fromEntityTags(List<UploadStore.StoredPart> parts) {
    return fromEntityTags(parts, ImportService.PART_BYTES);
  }

  static Optional<String> fromEntityTags(List<UploadStore.StoredPart> parts, long chunkBytes) {
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    ContentKey key = new ContentKey(chunkBytes);
    for (int i = 0; i < parts.size(); i++) {
      UploadStore.StoredPart part = parts.get(i);
      boolean last = i == parts.size() - 1;
      boolean fits =
          last
              ? part.size() <= chunkBytes && (part.size() > 0 || parts.size() == 1)
              : part.size() == chunkBytes;
      String tag = part.etag().toLowerCase(Locale.ROOT);
      if (!fits || !MD5_HEX.matcher(tag).matches()) {
        return Optional.empty();
      }
      key.addChunk(tag);
    }
    return Optional.of(HEX.formatHex(key.whole.digest()));
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide " + algorithm, e);
    }
  }
}
