package org.vitalake.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.iceberg.expressions.Expressions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.vitalake.core.id.UserId;
import org.vitalake.ingest.IngestProperties;
import org.vitalake.ingest.importer.applehealth.AppleHealthImporter;
import org.vitalake.ingest.importer.bench.AppleHealthExportGenerator;
import org.vitalake.ingest.importer.cli.ImportClient;
import org.vitalake.ingest.importer.cli.ImportClient.ImportRequestException;
import org.vitalake.ingest.importer.cli.ImportClient.Target;
import org.vitalake.ingest.support.IngestStack;
import org.vitalake.ingest.support.IngestTestServer;
import org.vitalake.ingest.support.Json;
import org.vitalake.ingest.support.JwksFixture;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.RawArchive;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.lakehouse.local.LocalLakehouse;

/** Uploads in parts outlive the process: tests restart the service over the same lakehouse. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadIT {

  private static final Path IPHONE = SharedData.file("apple-health/tdda_export6s3sample.xml");

  private IngestStack stack;
  private LocalLakehouse lakehouse;
  private JwksFixture jwks;
  private IngestTestServer server;
  private TableScanner scanner;

  @BeforeAll
  void start() {
    stack = IngestStack.start(Map.of());
    lakehouse = stack.lakehouse();
    jwks = stack.jwks();
    server = stack.server();
    scanner = stack.scanner();
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private ImportClient clientFor(String subject) {
    return new ImportClient(server.uri(), () -> jwks.token(subject, "user"));
  }

  private void restart() {
    server.stop();
    server.start();
  }

  private int bronzeRows(String importId) {
    return scanner
        .scan(LakehouseTables.WEARABLE_SAMPLES.id(), Expressions.equal("ingest_id", importId))
        .size();
  }

  /** Waits until the import ends, polling its state. */
  private static ImportStatusResponse awaitEnd(ImportClient client, String importId)
      throws Exception {
    return client.await(importId, s -> {}, Duration.ofMillis(100));
  }

  /** How many samples the parser alone makes of an Apple Health export for {@code user}. */
  private static int samplesIn(Path export, String user) throws Exception {
    return CollectingSink.parse(new AppleHealthImporter(), export, user, ZoneId.of("UTC"))
        .samples
        .size();
  }

  private static Target appleHealth(String user) {
    return new Target("apple-health", user, Map.of(), null);
  }

  /** The file cut into {@code count} parts of about equal size, in order. */
  private static List<byte[]> split(Path file, int count) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    int size = (bytes.length + count - 1) / count;
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> Arrays.copyOfRange(bytes, i * size, Math.min(bytes.length, (i + 1) * size)))
        .toList();
  }

  /** Asserts a refusal with {@code status} as problem+json naming the field {@code uploadId}. */
  private static void assertRefused(ThrowingCallable call, int status, Consumer<String> reason) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ImportRequestException.class,
            e -> {
              assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
              assertThat(e.contentType()).startsWith("application/problem+json");
              JsonNode error = Json.parse(e.body()).get("errors").get(0);
              assertThat(error.get("field").asText()).isEqualTo("uploadId");
              reason.accept(error.get("reason").asText());
            });
  }

  @Test
  void importsAnUploadWhosePartsStraddleARestartWithEveryRowInBronze() throws Exception {
    // given: what the parser alone makes of the file, and the file in three parts
    String user = "u-" + UUID.randomUUID();
    CollectingSink expected =
        CollectingSink.parse(new AppleHealthImporter(), IPHONE, user, ZoneId.of("UTC"));
    List<byte[]> parts = split(IPHONE, 3);
    String uploadId = clientFor(user).createUpload("export.xml", null).uploadId();
    clientFor(user).storePart(uploadId, 1, parts.get(0));
    clientFor(user).storePart(uploadId, 2, parts.get(1));

    // when
    restart();
    ImportClient owner = clientFor(user);
    owner.storePart(uploadId, 3, parts.get(2));
    ImportStatusResponse started = owner.startUpload(uploadId, appleHealth(user));
    ImportStatusResponse done = awaitEnd(owner, started.importId());

    // then
    assertThat(done.status()).as(done.error()).isEqualTo("done");
    assertThat(done.rowsRead()).isEqualTo(expected.recordsRead);
    assertThat(done.accepted()).isEqualTo(expected.samples.size()).isPositive();
    assertThat(bronzeRows(done.importId())).isEqualTo(expected.samples.size());
    assertThat(done.rawRefs())
        .hasSize(3)
        .allSatisfy(ref -> assertThat(ref).contains("/" + user + "/import/").contains(uploadId));
    RawArchive archive = server.context().getBean(RawArchive.class);
    assertThat(
            done.rawRefs().stream()
                .map(archive::get)
                .map(bytes -> bytes.length)
                .mapToLong(Integer::longValue)
                .sum())
        .isEqualTo(Files.size(IPHONE));
  }

  @Test
  void uploadsAFileOfManyPartsWithSeveralInFlightAndImportsEveryRow(@TempDir Path dir)
      throws Exception {
    // given: an export of more parts than the client sends at once, and than the service reads
    // from the archive at once while it imports them
    Path export = dir.resolve("export.xml");
    new AppleHealthExportGenerator(List.of(IPHONE)).write(export, 20L * 1024 * 1024);
    int parts =
        (int) ((Files.size(export) + ImportService.PART_BYTES - 1) / ImportService.PART_BYTES);
    assertThat(parts)
        .isGreaterThan(ImportClient.PARTS_IN_FLIGHT)
        .isGreaterThan(ArchivedParts.FETCHED_AHEAD);
    String user = "u-" + UUID.randomUUID();
    CollectingSink expected =
        CollectingSink.parse(new AppleHealthImporter(), export, user, ZoneId.of("UTC"));
    List<Long> progress = new ArrayList<>();

    // when
    ImportClient owner = clientFor(user);
    ImportStatusResponse done =
        awaitEnd(owner, owner.upload(export, appleHealth(user), progress::add).importId());

    // then: every part arrived, in order, and every row is in bronze
    assertThat(done.status()).as(done.error()).isEqualTo("done");
    assertThat(progress).hasSize(parts).isSorted().endsWith(Files.size(export));
    assertThat(done.accepted()).isEqualTo(expected.samples.size()).isPositive();
    assertThat(bronzeRows(done.importId())).isEqualTo(expected.samples.size());
    RawArchive archive = server.context().getBean(RawArchive.class);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (String ref : done.rawRefs()) {
      joined.write(archive.get(ref));
    }
    assertThat(done.rawRefs()).hasSize(parts);
    assertThat(joined.toByteArray()).isEqualTo(Files.readAllBytes(export));
    // the same file uploaded again is known from its parts' entity tags alone
    ImportStatusResponse again =
        awaitEnd(owner, owner.upload(export, appleHealth(user), n -> {}).importId());
    assertThat(again.duplicateOf()).isEqualTo(done.importId());
    assertThat(bronzeRows(again.importId())).isZero();
  }

  @Test
  void keysAFileReadFromItsPartsAsTheSameFileSentInOneRequest() throws Exception {
    // given: the file as one part, whose entity tag alone gives its key, read as it is imported
    String user = "u-" + UUID.randomUUID();
    ImportClient owner = clientFor(user);
    String uploadId = owner.createUpload("export.xml", null).uploadId();
    owner.storePart(uploadId, 1, Files.readAllBytes(IPHONE));
    ImportStatusResponse done =
        awaitEnd(owner, owner.startUpload(uploadId, appleHealth(user)).importId());
    assertThat(done.status()).as(done.error()).isEqualTo("done");

    // when: the same bytes in one request, keyed by reading them
    ImportStatusResponse again =
        awaitEnd(owner, owner.uploadMultipart(IPHONE, appleHealth(user)).importId());

    // then
    assertThat(again.duplicateOf()).isEqualTo(done.importId());
    assertThat(bronzeRows(again.importId())).isZero();
    assertThat(bronzeRows(done.importId())).isEqualTo(samplesIn(IPHONE, user));
  }

  @Test
  void reportsAPartThatCannotBeReadWhileImportingAndLetsTheUploadStartAgain(@TempDir Path dir)
      throws Exception {
    // given: ten parts cut at the part size, so they are parsed as they are read back
    Path export = dir.resolve("export.xml");
    new AppleHealthExportGenerator(List.of(IPHONE)).write(export, 28L * 1024 * 1024);
    byte[] bytes = Files.readAllBytes(export);
    int size = ImportService.PART_BYTES;
    int parts = (bytes.length + size - 1) / size;
    assertThat(parts).isEqualTo(10);
    String user = "u-" + UUID.randomUUID();
    ImportClient owner = clientFor(user);
    String uploadId = owner.createUpload("export.xml", null).uploadId();
    for (int part = 1; part <= parts; part++) {
      owner.storePart(
          uploadId,
          part,
          Arrays.copyOfRange(bytes, (part - 1) * size, Math.min(bytes.length, part * size)));
    }
    UploadStore store = server.context().getBean(UploadStore.class);
    Upload upload = store.find(uploadId).orElseThrow();
    String last = store.findParts(upload).get(parts).ref();

    // when: the last part goes missing once the import has listed the parts; it is fetched only
    // after six parts (18 MB) are parsed, long after this delete
    ImportStatusResponse started = owner.startUpload(uploadId, appleHealth(user));
    server.context().getBean(RawArchive.class).delete(last);
    ImportStatusResponse failed = awaitEnd(owner, started.importId());

    // then: the failure names the part and the upload, which takes the part again and imports
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.error())
        .contains("could not read part " + parts + " (" + last + ")")
        .contains("upload " + uploadId + " can be started again");
    owner.storePart(uploadId, parts, Arrays.copyOfRange(bytes, (parts - 1) * size, bytes.length));
    ImportStatusResponse done =
        awaitEnd(owner, owner.startUpload(uploadId, appleHealth(user)).importId());
    assertThat(done.status()).as(done.error()).isEqualTo("done");
    assertThat(bronzeRows(done.importId())).isEqualTo(samplesIn(export, user));
  }

  @Test
  void importsAZipArchiveUploadedInParts(@TempDir Path dir) throws Exception {
    // given: an export of several parts, zipped as the Health app shares it
    Path export = dir.resolve("export.xml");
    new AppleHealthExportGenerator(List.of(IPHONE)).write(export, 7L * 1024 * 1024);
    Path zip = dir.resolve("export.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      // stored, not deflated: the generated file repeats itself and would shrink to one part
      out.setMethod(ZipOutputStream.STORED);
      byte[] bytes = Files.readAllBytes(export);
      ZipEntry entry = new ZipEntry("apple_health_export/export.xml");
      CRC32 crc = new CRC32();
      crc.update(bytes);
      entry.setSize(bytes.length);
      entry.setCrc(crc.getValue());
      out.putNextEntry(entry);
      out.write(bytes);
      out.closeEntry();
    }
    assertThat(Files.size(zip)).isGreaterThan(2L * ImportService.PART_BYTES);
    String user = "u-" + UUID.randomUUID();
    ImportClient owner = clientFor(user);

    // when
    ImportStatusResponse done =
        awaitEnd(owner, owner.upload(zip, appleHealth(user), n -> {}).importId());

    // then
    assertThat(done.status()).as(done.error()).isEqualTo("done");
    assertThat(done.accepted()).isEqualTo(samplesIn(export, user));
    assertThat(bronzeRows(done.importId())).isEqualTo(done.accepted());
  }

  @Test
  void startsAnUploadOnlyWithEveryPartAndHashesItAsTheWholeFile() throws Exception {
    // given: parts 1 and 3 of three
    String user = "u-" + UUID.randomUUID();
    List<byte[]> parts = split(IPHONE, 3);
    ImportClient owner = clientFor(user);
    String uploadId = owner.createUpload("export.xml", null).uploadId();
    owner.storePart(uploadId, 1, parts.get(0));
    owner.storePart(uploadId, 3, parts.get(2));

    // when / then: refused, naming the missing part, and nothing is lost
    assertRefused(
        () -> owner.startUpload(uploadId, appleHealth(user)),
        400,
        reason -> assertThat(reason).contains("part 2").contains("missing"));
    owner.storePart(uploadId, 2, parts.get(1));
    ImportStatusResponse done =
        awaitEnd(owner, owner.startUpload(uploadId, appleHealth(user)).importId());
    assertThat(done.status()).as(done.error()).isEqualTo("done");
    assertThat(done.rawRefs()).hasSize(3);
    assertThat(bronzeRows(done.importId())).isEqualTo(samplesIn(IPHONE, user));
    // parts not cut at the chunk size are keyed while they are assembled, as the whole file is:
    // the same file sent in one request is recognised as already imported
    ImportStatusResponse again =
        awaitEnd(owner, owner.uploadMultipart(IPHONE, appleHealth(user)).importId());
    assertThat(again.duplicateOf()).isEqualTo(done.importId());
    assertThat(bronzeRows(again.importId())).isZero();
  }

  @Test
  void refusesAFileAboveTheRequestLimitInOneRequestWith413AndTakesItInParts(@TempDir Path dir)
      throws Exception {
    // given: a file larger than a request may be (4 MB)
    Path export = dir.resolve("export.xml");
    new AppleHealthExportGenerator(List.of(IPHONE)).write(export, 5L * 1024 * 1024);
    String user = "u-" + UUID.randomUUID();
    ImportClient owner = clientFor(user);

    // when / then: refused at once, not after the client's five-minute timeout. The service
    // answers 413 as problem+json and closes the connection without reading the body; a client
    // still sending usually reads the 413, but now and then the close resets the connection first
    // (about one request in 25 with 5 MB on this machine), which is also an immediate refusal.
    assertThatThrownBy(() -> owner.uploadMultipart(export, appleHealth(user)))
        .satisfiesAnyOf(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        ImportRequestException.class,
                        refused -> {
                          assertThat(refused.status()).as(refused.getMessage()).isEqualTo(413);
                          assertThat(refused.contentType()).startsWith("application/problem+json");
                        }),
            e ->
                assertThat(e)
                    .isInstanceOf(java.io.IOException.class)
                    .isNotInstanceOf(java.net.http.HttpTimeoutException.class));
    ImportStatusResponse done =
        awaitEnd(owner, owner.upload(export, appleHealth(user), n -> {}).importId());
    assertThat(done.status()).as(done.error()).isEqualTo("done");
    assertThat(done.accepted()).isPositive();
  }

  @Test
  void refusesToStartAnUploadTwiceEvenAfterARestart() throws Exception {
    // given: an upload whose import started
    String user = "u-" + UUID.randomUUID();
    ImportClient owner = clientFor(user);
    String uploadId = owner.createUpload("export.xml", null).uploadId();
    owner.storePart(uploadId, 1, Files.readAllBytes(IPHONE));
    String importId = owner.startUpload(uploadId, appleHealth(user)).importId();

    // when / then: at once, and after a restart
    assertRefused(
        () -> clientFor(user).startUpload(uploadId, appleHealth(user)),
        409,
        reason -> assertThat(reason).contains(uploadId).contains(importId));
    awaitEnd(owner, importId);
    restart();
    assertRefused(
        () -> clientFor(user).startUpload(uploadId, appleHealth(user)),
        409,
        reason -> assertThat(reason).contains("already imported").contains(importId));
    assertRefused(
        () -> clientFor(user).storePart(uploadId, 2, new byte[] {1}),
        409,
        reason -> assertThat(reason).contains(importId));
    assertThat(clientFor(user).status(importId).status()).isEqualTo("done");
  }

  @Test
  void refusesAnUnknownUploadNamingTheField() {
    // given
    String user = "u-" + UUID.randomUUID();
    String unknown = UUID.randomUUID().toString();

    // when / then
    assertRefused(
        () -> clientFor(user).storePart(unknown, 1, new byte[] {1}),
        400,
        reason -> assertThat(reason).contains(unknown).contains("POST /imports/uploads"));
    assertRefused(
        () -> clientFor(user).startUpload(unknown, appleHealth(user)),
        400,
        reason -> assertThat(reason).contains(unknown));
    assertRefused(
        () -> clientFor(user).startUpload("..", appleHealth(user)),
        400,
        reason -> assertThat(reason).contains("'..'"));
  }

  @Test
  void refusesAnotherUsersUploadAsIfItDidNotExist() throws Exception {
    // given
    String owner = "u-" + UUID.randomUUID();
    String other = "u-" + UUID.randomUUID();
    String uploadId = clientFor(owner).createUpload("export.xml", null).uploadId();
    clientFor(owner).storePart(uploadId, 1, Files.readAllBytes(IPHONE));

    // when / then: before and after a restart
    assertRefused(
        () -> clientFor(other).storePart(uploadId, 2, new byte[] {1}),
        400,
        reason -> assertThat(reason).contains("no upload"));
    restart();
    assertRefused(
        () -> clientFor(other).storePart(uploadId, 2, new byte[] {1}),
        400,
        reason -> assertThat(reason).contains("no upload"));
    assertRefused(
        () -> clientFor(other).startUpload(uploadId, appleHealth(other)),
        400,
        reason -> assertThat(reason).contains("no upload"));
    assertThat(server.context().getBean(UploadStore.class).find(uploadId).map(Upload::started))
        .as("still waiting for its owner")
        .contains(false);
  }

  @Test
  void refusesAnExpiredUploadAndDeletesItsParts() throws Exception {
    // given: an upload recorded longer ago than the expiry, with one part stored
    String user = "u-" + UUID.randomUUID();
    Duration expiry = server.context().getBean(IngestProperties.class).getUploadExpiry();
    Instant createdAt = Instant.now().minus(expiry).minusSeconds(60);
    Upload upload =
        new Upload(
            UUID.randomUUID().toString(),
            UserId.of(user),
            "export.xml",
            "xml",
            LocalDate.ofInstant(createdAt, ZoneOffset.UTC),
            createdAt,
            null);
    UploadStore store = server.context().getBean(UploadStore.class);
    store.save(upload);
    String part = store.storePart(upload, 1, Files.readAllBytes(IPHONE));
    RawArchive archive = server.context().getBean(RawArchive.class);

    // when / then
    assertRefused(
        () -> clientFor(user).startUpload(upload.uploadId(), appleHealth(user)),
        410,
        reason ->
            assertThat(reason)
                .contains(upload.uploadId())
                .contains("expired at " + createdAt.plus(expiry)));
    assertThat(archive.exists(part)).isFalse();
    assertThat(store.find(upload.uploadId())).isEmpty();
    assertRefused(
        () -> clientFor(user).storePart(upload.uploadId(), 2, new byte[] {1}),
        400,
        reason -> assertThat(reason).contains("no upload"));
  }
}
