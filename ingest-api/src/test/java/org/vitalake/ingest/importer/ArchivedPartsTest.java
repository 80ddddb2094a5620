package org.vitalake.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArchivedPartsTest {

  private final ExecutorService fetchers = Executors.newCachedThreadPool();
  private final Map<String, byte[]> stored = new LinkedHashMap<>();
  private final AtomicInteger fetches = new AtomicInteger();

  @AfterEach
  void stop() {
    fetchers.shutdownNow();
  }

  /** Stores {@code content} in parts of {@code size} bytes and lists them. */
  private List<UploadStore.StoredPart> store(byte[] content, int size) {
    List<UploadStore.StoredPart> parts = new ArrayList<>();
    int offset = 0;
    do {
      String ref = "s3://raw/upload.part" + (parts.size() + 1);
      byte[] part = Arrays.copyOfRange(content, offset, Math.min(content.length, offset + size));
      stored.put(ref, part);
      parts.add(new UploadStore.StoredPart(ref, part.length, "tag"));
      offset += size;
    } while (offset < content.length);
    return parts;
  }

  /** A part in pieces of 300 bytes, as the archive reads them in pieces. */
  private final Function<String, List<byte[]>> fetch =
      ref -> {
        fetches.incrementAndGet();
        byte[] bytes = stored.get(ref);
        if (bytes == null) {
          throw new IllegalStateException("nothing is archived at " + ref);
        }
        List<byte[]> pieces = new ArrayList<>();
        for (int offset = 0; offset < bytes.length; offset += 300) {
          pieces.add(Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + 300)));
        }
        return pieces;
      };

  @Test
  void readsThePartsInOrderAsOneFileAsOftenAsItIsOpened() throws Exception {
    // given: more parts than are fetched ahead
    byte[] content = new byte[10 * 1000 + 17];
    new Random(3).nextBytes(content);
    List<UploadStore.StoredPart> parts = store(content, 1000);
    assertThat(parts).hasSizeGreaterThan(ArchivedParts.FETCHED_AHEAD);

    try (ArchivedParts input = new ArchivedParts("export.xml", parts, fetch, fetchers)) {
      // when
      assertThat(input.isZip()).isFalse();
      byte[] first;
      try (InputStream in = input.open("export.xml")) {
        first = in.readAllBytes();
      }
      byte[] second;
      try (InputStream in = input.open("export.xml")) {
        second = in.readAllBytes();
      }

      // then: the first read reuses the part fetched to look at the first bytes
      assertThat(first).isEqualTo(content);
      assertThat(second).isEqualTo(content);
      assertThat(fetches).hasValue(2 * parts.size());
      assertThat(input.entries()).containsExactly("export.xml");
      assertThat(input.totalBytes()).isEqualTo(content.length);
      assertThat(input.bytesRead()).isEqualTo(2L * content.length);
      assertThat(input.failure()).isNull();
    }
  }

  @Test
  void knowsAZipArchiveByItsFirstBytes() throws Exception {
    byte[] zip = "PK\u0003\u0004 and the rest".getBytes(StandardCharsets.ISO_8859_1);
    try (ArchivedParts input = new ArchivedParts("export.zip", store(zip, 8), fetch, fetchers)) {
      assertThat(input.isZip()).isTrue();
    }
    try (ArchivedParts input =
        new ArchivedParts("e.xml", store(new byte[] {'P', 'K'}, 5), fetch, fetchers)) {
      assertThat(input.isZip()).isFalse();
    }
  }

  @Test
  void namesThePartThatCannotBeReadAndKeepsTheFailure() throws Exception {
    // given: part 3 of 5 gone
    byte[] content = new byte[4_500];
    List<UploadStore.StoredPart> parts = store(content, 1000);
    stored.remove(parts.get(2).ref());

    try (ArchivedParts input = new ArchivedParts("export.xml", parts, fetch, fetchers);
        InputStream in = input.open("export.xml")) {
      // when / then: the first two parts are read, then the failure names part 3
      assertThat(in.readNBytes(2000)).hasSize(2000);
      assertThatThrownBy(in::read)
          .isInstanceOf(ArchivedParts.PartUnreadableException.class)
          .hasMessageContaining("part 3")
          .hasMessageContaining(parts.get(2).ref());
      assertThat(input.failure()).isNotNull();
      assertThat(input.failure().part()).isEqualTo(3);
    }
  }

  @Test
  void failsEveryReadAfterAPartThatCannotBeReadSoNothingIsSkipped() throws Exception {
    // given: part 2 of 3 gone
    List<UploadStore.StoredPart> parts = store(new byte[2_500], 1000);
    stored.remove(parts.get(1).ref());

    try (ArchivedParts input = new ArchivedParts("export.xml", parts, fetch, fetchers);
        InputStream in = input.open("export.xml")) {
      assertThat(in.readNBytes(1000)).hasSize(1000);

      // when / then: reading on does not reach part 3
      assertThatThrownBy(in::read).hasMessageContaining("part 2");
      assertThatThrownBy(in::read).hasMessageContaining("part 2");
      assertThatThrownBy(() -> in.read(new byte[10], 0, 10)).hasMessageContaining("part 2");
    }
  }

  @Test
  void refusesAPartThatNoLongerHoldsTheBytesTheListingSaid() throws Exception {
    // given: part 2 replaced by a shorter one after the listing
    byte[] content = new byte[2_500];
    List<UploadStore.StoredPart> parts = store(content, 1000);
    stored.put(parts.get(1).ref(), new byte[999]);

    try (ArchivedParts input = new ArchivedParts("export.xml", parts, fetch, fetchers);
        InputStream in = input.open("export.xml")) {
      // when / then
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(ArchivedParts.PartUnreadableException.class)
          .hasMessageContaining("part 2")
          .hasMessageContaining("999 bytes")
          .hasMessageContaining("said 1000");
      assertThat(input.failure().part()).isEqualTo(2);
    }
  }

  @Test
  void refusesAnEntryItDoesNotHave() {
    try (ArchivedParts input =
        new ArchivedParts("export.xml", store(new byte[3], 2), fetch, fetchers)) {
      assertThatThrownBy(() -> input.open("other.xml"))
          .isInstanceOf(ImportFailedException.class)
          .hasMessageContaining("other.xml");
    }
  }
}
