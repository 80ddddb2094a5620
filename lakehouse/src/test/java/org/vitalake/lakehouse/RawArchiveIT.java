package org.vitalake.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vitalake.core.id.UserId;
import org.vitalake.lakehouse.local.LocalLakehouse;

class RawArchiveIT {

  private static LocalLakehouse local;
  private static RawArchive archive;

  @BeforeAll
  static void start() {
    local = LocalLakehouse.shared();
    archive = new RawArchive(local.properties());
  }

  @AfterAll
  static void stop() {
    if (archive != null) {
      archive.close();
    }
  }

  @Test
  void storesAndReadsBackAPayload() {
    // given
    UserId user = UserId.of("u-raw-1");
    String key = RawArchive.rawKey("sync", user, LocalDate.of(2026, 3, 14), "ingest-1", "json");
    byte[] body = "{\"userId\":\"u-raw-1\",\"data\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);

    // when
    String ref = archive.put(key, body, "application/json");

    // then
    assertThat(ref).isEqualTo("s3://" + local.properties().rawBucket() + "/" + key);
    assertThat(archive.exists(ref)).isTrue();
    assertThat(archive.get(ref)).isEqualTo(body);
    // the object is a plain file under the S3 server's folder
    assertThat(local.s3Server().dataDir().resolve(local.properties().rawBucket()).resolve(key))
        .exists()
        .hasBinaryContent(body);
  }

  @Test
  void keepsTheContentTypeAndDefaultsToOctetStream() throws Exception {
    // given
    UserId user = UserId.of("u-raw-type");
    String json = RawArchive.rawKey("sync", user, LocalDate.of(2026, 3, 14), "typed", "json");
    String bytes = RawArchive.rawKey("import", user, LocalDate.of(2026, 3, 14), "untyped", "bin");

    // when
    archive.put(json, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
    archive.put(bytes, new byte[] {1, 2, 3}, null);

    // then: as the S3 server reports them
    LakehouseProperties p = local.properties();
    try (MinioClient s3 =
        MinioClient.builder()
            .endpoint(p.s3Endpoint())
            .region(p.region())
            .credentials(p.accessKey(), p.secretKey())
            .build()) {
      assertThat(
              s3.statObject(StatObjectArgs.builder().bucket(p.rawBucket()).object(json).build())
                  .contentType())
          .isEqualTo("application/json");
      assertThat(
              s3.statObject(StatObjectArgs.builder().bucket(p.rawBucket()).object(bytes).build())
                  .contentType())
          .isEqualTo("application/octet-stream");
    }
  }

  @Test
  void storesPayloadsFromMoreThreadsThanItsConnectionLimitAtOnce() throws Exception {
    // given: more concurrent writers than the client keeps connections for
    UserId user = UserId.of("u-raw-concurrent");
    int writers = 2 * RawArchive.MAX_CONCURRENT_REQUESTS;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> refs = new ArrayList<>();
    try {
      for (int i = 0; i < writers; i++) {
        String id = "ingest-" + i;
        refs.add(
            pool.submit(
                () -> {
                  start.await();
                  String key =
                      RawArchive.rawKey("sync", user, LocalDate.of(2026, 3, 15), id, "json");
                  return archive.put(key, id.getBytes(StandardCharsets.UTF_8), "application/json");
                }));
      }

      // when
      start.countDown();

      // then: every payload is stored under its own key, none lost or swapped
      for (int i = 0; i < writers; i++) {
        String ref = refs.get(i).get(60, TimeUnit.SECONDS);
        assertThat(ref).endsWith("/ingest-" + i + ".json");
        assertThat(new String(archive.get(ref), StandardCharsets.UTF_8)).isEqualTo("ingest-" + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void reportsMissingPayloads() {
    // given
    String ref = "s3://" + archive.bucket() + "/raw/nobody/sync/2026-01-01/none.json";

    // when / then
    assertThat(archive.exists(ref)).isFalse();
    assertThatThrownBy(() -> archive.get(ref))
        .isInstanceOf(RawArchive.RawPayloadNotFoundException.class)
        .hasMessageContaining(ref);
  }

  @Test
  void ensureBucketIsIdempotent() {
    // when the LocalLakehouse already created the raw bucket
    boolean created = archive.ensureBucket();

    // then
    assertThat(created).isFalse();
  }

  @Test
  void deletesEveryPayloadOfAUserAndNothingElse() {
    // given
    UserId erased = UserId.of("u-raw-erased");
    UserId kept = UserId.of("u-raw-kept");
    LocalDate day = LocalDate.of(2026, 5, 1);
    byte[] body = {1, 2, 3};
    String a = archive.put(RawArchive.rawKey("sync", erased, day, "a", "json"), body, null);
    String b =
        archive.put(RawArchive.rawKey("journal", erased, day.plusDays(1), "b", "json"), body, null);
    String c = archive.put(RawArchive.rawKey("sync", kept, day, "c", "json"), body, null);

    // when
    int deleted = archive.deleteAll(erased);

    // then
    assertThat(deleted).isEqualTo(2);
    assertThat(archive.exists(a)).isFalse();
    assertThat(archive.exists(b)).isFalse();
    assertThat(archive.exists(c)).isTrue();
    assertThat(archive.findAll(erased)).isEmpty();
  }

  @Test
  void deletesOnePayloadByItsReferenceAndToleratesOneAlreadyGone() {
    // given
    UserId service = UserId.of("svc-importer");
    LocalDate day = LocalDate.of(2026, 5, 2);
    String shared =
        archive.put(RawArchive.rawKey("fitabase", service, day, "d1", "zip"), new byte[] {4}, null);
    String other =
        archive.put(RawArchive.rawKey("fitabase", service, day, "d2", "zip"), new byte[] {5}, null);

    // when
    archive.delete(shared);
    archive.delete(shared);

    // then
    assertThat(archive.exists(shared)).isFalse();
    assertThat(archive.exists(other)).isTrue();
    assertThatThrownBy(() -> archive.delete("s3://another-bucket/raw/x.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another-bucket");
  }

  @Test
  void findsThePayloadsUnderAKeyPrefixAndNoneBesideIt() {
    // given: two parts of one upload, and an upload whose id extends the first one's
    UserId user = UserId.of("u-raw-prefix");
    LocalDate day = LocalDate.of(2026, 5, 3);
    String second =
        archive.put(
            RawArchive.rawKey("import", user, day, "up1.part00002", "zip"), new byte[] {2}, null);
    String first =
        archive.put(
            RawArchive.rawKey("import", user, day, "up1.part00001", "zip"), new byte[] {1}, null);
    archive.put(
        RawArchive.rawKey("import", user, day, "up10.part00001", "zip"), new byte[] {3}, null);
    String prefix = "raw/" + user.value() + "/import/" + day + "/up1.part";

    // when
    List<String> found = archive.findByPrefix(prefix);

    // then
    assertThat(found).containsExactly(first, second);
    assertThat(archive.findByPrefix("raw/" + user.value() + "/import/" + day + "/none.")).isEmpty();
    assertThatThrownBy(() -> archive.findByPrefix("/raw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'/raw'");
  }

  @Test
  void listsEachPayloadsSizeAndTheMd5OfItsBytesAsEntityTag() throws Exception {
    // given
    UserId user = UserId.of("u-raw-listing");
    LocalDate day = LocalDate.of(2026, 5, 4);
    byte[] body = new byte[70_001];
    new Random(7).nextBytes(body);
    String ref = archive.put(RawArchive.rawKey("import", user, day, "p", "bin"), body, null);
    String empty =
        archive.put(RawArchive.rawKey("import", user, day, "q", "bin"), new byte[0], null);

    // when
    List<RawArchive.StoredPayload> listed =
        archive.listByPrefix("raw/" + user.value() + "/import/" + day + "/");

    // then: unquoted, as the importer compares them with MD5s it computes itself
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    HexFormat hex = HexFormat.of();
    assertThat(listed)
        .containsExactly(
            new RawArchive.StoredPayload(ref, body.length, hex.formatHex(md5.digest(body))),
            new RawArchive.StoredPayload(empty, 0, hex.formatHex(md5.digest(new byte[0]))));
  }

  @Test
  void readsAPayloadInPiecesOfAtMostTheSizeAsked() {
    // given
    UserId user = UserId.of("u-raw-pieces");
    LocalDate day = LocalDate.of(2026, 5, 5);
    byte[] body = new byte[2 * 1000 + 1];
    new Random(11).nextBytes(body);
    String ref = archive.put(RawArchive.rawKey("import", user, day, "a", "bin"), body, null);
    String exact =
        archive.put(
            RawArchive.rawKey("import", user, day, "b", "bin"), Arrays.copyOf(body, 2000), null);
    String empty =
        archive.put(RawArchive.rawKey("import", user, day, "c", "bin"), new byte[0], null);

    // when
    List<byte[]> pieces = archive.getInPieces(ref, 1000);

    // then
    assertThat(pieces).extracting(p -> p.length).containsExactly(1000, 1000, 1);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    pieces.forEach(joined::writeBytes);
    assertThat(joined.toByteArray()).isEqualTo(body);
    assertThat(archive.getInPieces(exact, 1000))
        .extracting(p -> p.length)
        .containsExactly(1000, 1000);
    assertThat(archive.getInPieces(empty, 1000)).isEmpty();
    assertThatThrownBy(() -> archive.getInPieces(ref + ".gone", 1000))
        .isInstanceOf(RawArchive.RawPayloadNotFoundException.class);
  }

  @Test
  void rejectsMalformedReferences() {
    assertThatThrownBy(() -> archive.get("http://bucket/key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3://bucket/key");
  }
}
