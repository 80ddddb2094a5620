package org.vitalake.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vitalake.core.id.IngestId;
import org.vitalake.core.id.UserId;
import org.vitalake.ingest.importer.bench.AppleHealthExportGenerator;
import org.vitalake.ingest.importer.cli.ImportClient;
import org.vitalake.ingest.importer.cli.ImportClient.Target;
import org.vitalake.ingest.importer.pmdata.PmdataImporter;
import org.vitalake.ingest.support.IngestStack;
import org.vitalake.ingest.support.IngestTestServer;
import org.vitalake.ingest.support.JwksFixture;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.lakehouse.local.LocalLakehouse;

/** Import states outlive the process: each test restarts the service over the same lakehouse. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportStatusIT {

  private static final Path WELLNESS = SharedData.file("pmdata/p01/pmsys/wellness.csv");
  private static final Duration STATUS_INTERVAL = Duration.ofMillis(200);

  /** Small commits, so a 48 MB export takes about ten and is still running when stopped. */
  private static final int SAMPLE_BATCH = 20_000;

  private IngestStack stack;
  private LocalLakehouse lakehouse;
  private JwksFixture jwks;
  private IngestTestServer server;
  private TableScanner scanner;

  @BeforeAll
  void start() {
    stack =
        IngestStack.start(
            Map.of(
                "vitalake.ingest.import-status-interval",
                STATUS_INTERVAL.toMillis() + "ms",
                "vitalake.ingest.import-sample-batch",
                String.valueOf(SAMPLE_BATCH)));
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

  private ImportClient clientFor(String subject, String role) {
    return new ImportClient(server.uri(), () -> jwks.token(subject, role));
  }

  private void restart() {
    server.stop();
    server.start();
  }

  @Test
  void answersAFinishedImportWithItsRejectionsAfterARestart() throws Exception {
    // given: a self-report file with rejected lines, imported by its owner
    String user = "u-" + UUID.randomUUID();
    CollectingSink expected =
        CollectingSink.parse(new PmdataImporter(), WELLNESS, user, ZoneId.of("Europe/Oslo"));
    ImportClient owner = clientFor(user, "user");
    String importId =
        owner.uploadMultipart(WELLNESS, new Target("pmdata", user, Map.of(), null)).importId();
    ImportStatusResponse before = owner.await(importId, s -> {}, Duration.ofMillis(100));

    // when
    restart();
    ImportStatusResponse after = clientFor(user, "user").status(importId);

    // then
    assertThat(before.status()).as(before.error()).isEqualTo("done");
    assertThat(after.status()).isEqualTo("done");
    assertThat(after.accepted()).isEqualTo(expected.entries.size());
    assertThat(after.rejected()).isEqualTo(expected.rejections.size());
    assertThat(after.rejections())
        .extracting(ImportStatusResponse.RejectionResponse::record)
        .containsExactlyElementsOf(expected.rejections.stream().map(Rejection::record).toList());
    assertThat(after.rejectionsNotListed()).isZero();
    assertThat(after.rowsRead()).isEqualTo(before.rowsRead());
    assertThat(after.rawRefs()).isEqualTo(before.rawRefs());
    assertThat(after.startedAt()).isEqualTo(before.startedAt());
    assertThat(after.finishedAt()).isEqualTo(before.finishedAt()).isNotNull();
    assertThat(clientFor("c-admin", "admin").status(importId).accepted())
        .isEqualTo(after.accepted());
    assertThatThrownBy(() -> clientFor("u-" + UUID.randomUUID(), "user").status(importId))
        .isInstanceOfSatisfying(
            ImportClient.ImportRequestException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void reportsAnImportStoppedMidwayAsInterruptedAndCompletesItWhenImportedAgain(@TempDir Path dir)
      throws Exception {
    // given: an export large enough for about ten commits, so it is still running when stopped
    Path export = dir.resolve("export.xml");
    new AppleHealthExportGenerator(
            List.of(
                SharedData.file("apple-health/tdda_export6s3sample.xml"),
                SharedData.file("apple-health/alxdrcirilo_export.xml")))
        .write(export, 48_000_000L);
    String user = "u-" + UUID.randomUUID();
    CollectingSink expected =
        CollectingSink.parse(
            new org.vitalake.ingest.importer.applehealth.AppleHealthImporter(),
            export,
            user,
            ZoneId.of("UTC"));
    assertThat(expected.samples.size())
        .as("samples in the generated export")
        .isGreaterThan(8 * SAMPLE_BATCH);
    Target target = new Target("apple-health", user, Map.of(), null);
    ImportClient service = clientFor("vitalake-cli", "service");
    String importId = service.upload(export, target, n -> {}).importId();
    AtomicReference<ImportStatusResponse> seen = new AtomicReference<>();
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> {
              seen.set(service.status(importId));
              return seen.get().accepted() > 0 || !seen.get().status().equals("running");
            });
    assertThat(seen.get().status()).as("still running when the service stops").isEqualTo("running");

    // when
    restart();
    ImportStatusResponse interrupted = clientFor(user, "user").status(importId);
    ImportStatusResponse again =
        clientFor("vitalake-cli", "service")
            .await(
                clientFor("vitalake-cli", "service").upload(export, target, n -> {}).importId(),
                s -> {},
                Duration.ofMillis(200));

    // then
    assertThat(interrupted.status()).isEqualTo("failed");
    assertThat(interrupted.error()).contains("interrupted").contains("import the same file again");
    assertThat(interrupted.accepted())
        .isGreaterThan(0)
        .isLessThan(expected.samples.size())
        .isLessThanOrEqualTo(bronzeRows(importId));
    assertThat(interrupted.finishedAt()).isNotNull();
    assertThat(again.status()).as(again.error()).isEqualTo("done");
    assertThat(again.duplicateOf()).isNull();
    assertThat(again.accepted()).isEqualTo(expected.samples.size());
    assertThat(bronzeRows(again.importId())).isEqualTo(expected.samples.size());
  }

  @Test
  void reportsAnImportLeftRunningByAProcessThatDiedAsInterrupted() throws Exception {
    // given: the last state a killed process recorded, its heartbeat long past
    String user = "u-" + UUID.randomUUID();
    String importId = IngestId.random().value();
    Instant killedAt = Instant.now().minus(STATUS_INTERVAL.multipliedBy(50));
    ImportStatusResponse lastRecorded =
        new ImportStatusResponse(
            importId,
            "apple-health",
            "running",
            50_000,
            40_000,
            1,
            List.of(
                new ImportStatusResponse.RejectionResponse(
                    "export.xml", 17, "value", "heart rate 400 is outside 20-250")),
            0,
            null,
            null,
            1_000_000,
            2_000_000,
            List.of("s3://raw/" + user + "/apple-health/export.xml"),
            killedAt.minusSeconds(60).toString(),
            killedAt.toString(),
            null,
            "UTC",
            "profile",
            Map.of());
    server.context().getBean(ImportStatusStore.class).save(UserId.of(user), lastRecorded);

    // when
    ImportStatusResponse reported = clientFor(user, "user").status(importId);
    restart();
    ImportStatusResponse recorded = clientFor(user, "user").status(importId);

    // then
    assertThat(reported.status()).isEqualTo("failed");
    assertThat(reported.error()).contains("interrupted").contains(killedAt.toString());
    assertThat(reported.accepted()).isEqualTo(lastRecorded.accepted());
    assertThat(reported.rejections()).isEqualTo(lastRecorded.rejections());
    assertThat(recorded.status()).isEqualTo("failed");
    assertThat(recorded.finishedAt()).isEqualTo(reported.finishedAt());
  }

  private long bronzeRows(String importId) {
    return scanner
        .scan(LakehouseTables.WEARABLE_SAMPLES.id(), Expressions.equal("ingest_id", importId))
        .size();
  }
}
