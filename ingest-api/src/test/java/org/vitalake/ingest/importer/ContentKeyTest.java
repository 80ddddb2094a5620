package org.vitalake.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentKeyTest {

  private static final int CHUNK = 10;

  private static byte[] content(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }

  /** The content as parts of one chunk each, tagged with their MD5 as an S3 server would. */
  private static List<UploadStore.StoredPart> storedAsChunks(byte[] content) throws Exception {
    List<UploadStore.StoredPart> parts = new ArrayList<>();
    int offset = 0;
    do {
      byte[] part = Arrays.copyOfRange(content, offset, Math.min(content.length, offset + CHUNK));
      String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(part));
      parts.add(new UploadStore.StoredPart("s3://raw/p" + parts.size(), part.length, md5));
      offset += CHUNK;
    } while (offset < content.length);
    return parts;
  }

  private static String streamed(byte[] content, int piece) {
    ContentKey key = new ContentKey(CHUNK);
    for (int offset = 0; offset < content.length; offset += piece) {
      key.update(content, offset, Math.min(piece, content.length - offset));
    }
    return key.finish();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 9, 10, 11, 20, 29, 30, 31})
  void readingTheContentGivesTheKeyItsPartsTagsGive(int length) throws Exception {
    // given
    byte[] content = content(length);

    // when: read in pieces that do not line up with the chunks, and from the tags alone
    Optional<String> fromTags = ContentKey.fromEntityTags(storedAsChunks(content), CHUNK);

    // then
    assertThat(fromTags).isPresent();
    assertThat(streamed(content, 3)).isEqualTo(fromTags.get());
    assertThat(streamed(content, 7)).isEqualTo(fromTags.get());
    assertThat(streamed(content, 64)).isEqualTo(fromTags.get());
  }

  @Test
  void differentContentGetsADifferentKey() {
    byte[] a = content(25);
    byte[] b = a.clone();
    b[24] ^= 1;
    byte[] longer = Arrays.copyOf(a, 26);

    assertThat(streamed(a, 5)).isNotEqualTo(streamed(b, 5)).isNotEqualTo(streamed(longer, 5));
    assertThat(streamed(new byte[0], 1)).isNotEqualTo(streamed(new byte[1], 1));
  }

  @Test
  void aFileAndTheSameBytesInMemoryGetTheSameKey(@TempDir Path dir) throws Exception {
    // given: more than one chunk of the real size
    byte[] content = content(ImportService.PART_BYTES + 12_345);
    Path file = Files.write(dir.resolve("export.xml"), content);

    // then
    assertThat(ContentKey.of(file)).isEqualTo(ContentKey.of(content));
  }

  @Test
  void tagsInUpperCaseAreTheSameMd5s() throws Exception {
    List<UploadStore.StoredPart> parts = storedAsChunks(content(25));
    List<UploadStore.StoredPart> upper =
        parts.stream()
            .map(
                p ->
                    new UploadStore.StoredPart(
                        p.ref(), p.size(), p.etag().toUpperCase(Locale.ROOT)))
            .toList();

    assertThat(ContentKey.fromEntityTags(upper, CHUNK))
        .isEqualTo(ContentKey.fromEntityTags(parts, CHUNK));
  }

  @Test
  void givesNoKeyWhenThePartsDoNotLineUpWithTheChunksOrTheTagsAreNotMd5s() throws Exception {
    List<UploadStore.StoredPart> parts = storedAsChunks(content(25));
    UploadStore.StoredPart first = parts.get(0);
    UploadStore.StoredPart last = parts.get(2);

    // a part before the last shorter than a chunk
    assertThat(
            ContentKey.fromEntityTags(
                List.of(new UploadStore.StoredPart(first.ref(), 9, first.etag()), last), CHUNK))
        .isEmpty();
    // a last part longer than a chunk
    assertThat(
            ContentKey.fromEntityTags(
                List.of(first, new UploadStore.StoredPart(last.ref(), 11, last.etag())), CHUNK))
        .isEmpty();
    // an empty last part after others
    assertThat(
            ContentKey.fromEntityTags(
                List.of(first, new UploadStore.StoredPart(last.ref(), 0, last.etag())), CHUNK))
        .isEmpty();
    // a multipart upload's tag, and one a server encrypting through a key service may give
    assertThat(
            ContentKey.fromEntityTags(
                List.of(first, new UploadStore.StoredPart(last.ref(), 5, last.etag() + "-2")),
                CHUNK))
        .isEmpty();
    assertThat(
            ContentKey.fromEntityTags(
                List.of(new UploadStore.StoredPart(first.ref(), 10, "")), CHUNK))
        .isEmpty();
    assertThat(ContentKey.fromEntityTags(List.of(), CHUNK)).isEmpty();
  }
}
