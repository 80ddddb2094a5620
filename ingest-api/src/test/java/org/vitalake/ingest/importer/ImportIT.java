package org.vitalake.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vitalake.ingest.bench.IngestClient.Reply;
import org.vitalake.ingest.importer.applehealth.AppleHealthImporter;
import org.vitalake.ingest.importer.cli.ImportClient;
import org.vitalake.ingest.importer.cli.ImportClient.Target;
import org.vitalake.ingest.importer.pmdata.PmdataImporter;
import org.vitalake.ingest.support.IngestStack;
import org.vitalake.ingest.support.IngestTestServer;
import org.vitalake.ingest.support.Json;
import org.vitalake.ingest.support.JwksFixture;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.lakehouse.local.LocalLakehouse;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportIT {

  private static final Path IPHONE = SharedData.file("apple-health/tdda_export6s3sample.xml");
  private static final Path WELLNESS = SharedData.file("pmdata/p01/pmsys/wellness.csv");

  private IngestStack stack;
  private LocalLakehouse lakehouse;
  private JwksFixture jwks;
  private IngestTestServer server;
  private TableScanner scanner;
  private ImportClient service;

  @BeforeAll
  void start() {
    stack = IngestStack.start(Map.of());
    lakehouse = stack.lakehouse();
    jwks = stack.jwks();
    server = stack.server();
    scanner = stack.scanner();
    service = new ImportClient(server.uri(), () -> jwks.token("vitalake-cli", "service"));
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  private ImportStatusResponse awaitDone(ImportClient client, String importId) throws Exception {
    return client.await(importId, status -> {}, Duration.ofMillis(100));
  }

  private long bronzeSamples(String column, String value) {
    return scanner
        .scan(LakehouseTables.WEARABLE_SAMPLES.id(), Expressions.equal(column, value))
        .size();
  }

  @Test
  void importsAnAppleHealthExportIntoBronzeOnceEvenWhenUploadedTwice() throws Exception {
    // given: what the parser alone makes of the file
    String user = "u-" + UUID.randomUUID();
    CollectingSink expected =
        CollectingSink.parse(new AppleHealthImporter(), IPHONE, user, ZoneId.of("UTC"));
    Target target = new Target("apple-health", user, Map.of(), null);

    // when
    ImportStatusResponse started = service.uploadMultipart(IPHONE, target);
    ImportStatusResponse first = awaitDone(service, started.importId());
    ImportStatusResponse again =
        awaitDone(service, service.uploadMultipart(IPHONE, target).importId());

    // then
    assertThat(first.status()).as(first.error()).isEqualTo("done");
    assertThat(first.accepted()).isEqualTo(expected.samples.size());
    assertThat(first.rowsRead()).isEqualTo(expected.recordsRead);
    assertThat(bronzeSamples("ingest_id", first.importId())).isEqualTo(first.accepted());
    assertThat(first.rawRefs())
        .hasSize(1)
        .allSatisfy(ref -> assertThat(ref).contains("/" + user + "/apple-health/"));
    assertThat(again.status()).isEqualTo("done");
    assertThat(again.duplicateOf()).isEqualTo(first.importId());
    assertThat(again.accepted()).isZero();
    assertThat(bronzeSamples("user_id", user)).isEqualTo(first.accepted());
  }

  @Test
  void importsSelfReportsUploadedInPartsAsJournalEntriesOfTheMappedUser() throws Exception {
    // given
    String user = "u-" + UUID.randomUUID();
    CollectingSink expected =
        CollectingSink.parse(new PmdataImporter(), WELLNESS, user, ZoneId.of("Europe/Oslo"));
    long[] sent = {0};

    // when
    ImportStatusResponse done =
        awaitDone(
            service,
            service
                .upload(WELLNESS, new Target("pmdata", user, Map.of(), null), n -> sent[0] = n)
                .importId());

    // then
    assertThat(sent[0]).isEqualTo(java.nio.file.Files.size(WELLNESS));
    assertThat(done.status()).as(done.error()).isEqualTo("done");
    assertThat(done.accepted()).isEqualTo(expected.entries.size());
    assertThat(done.rejected()).isEqualTo(expected.rejections.size());
    assertThat(done.rejections())
        .hasSize(expected.rejections.size())
        .allSatisfy(r -> assertThat(r.record()).isGreaterThan(1));
    assertThat(
            scanner.scan(
                LakehouseTables.JOURNAL_ENTRIES.id(),
                Expressions.equal("ingest_id", done.importId())))
        .hasSize((int) done.accepted())
        .allSatisfy(row -> assertThat(row.getField("user_id")).isEqualTo(user));
  }

  @Test
  void reportsACorruptFitFileAsFailedNamingTheFile() throws Exception {
    // given
    Path corrupt = SharedData.file("garmin-fit/activity-unexpected-eof.fit");
    String user = "u-" + UUID.randomUUID();

    // when
    ImportStatusResponse done =
        awaitDone(
            service,
            service.uploadMultipart(corrupt, new Target("fit", user, Map.of(), null)).importId());

    // then
    assertThat(done.status()).isEqualTo("failed");
    assertThat(done.error()).contains("activity-unexpected-eof.fit");
    assertThat(bronzeSamples("user_id", user)).isZero();
  }

  @Test
  void refusesAUserImportingForSomeoneElse() {
    // given
    ImportClient user = new ImportClient(server.uri(), () -> jwks.token("u-self", "user"));

    // when / then
    assertThatThrownBy(
            () ->
                user.uploadMultipart(IPHONE, new Target("apple-health", "u-other", Map.of(), null)))
        .isInstanceOfSatisfying(
            ImportClient.ImportRequestException.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void answersAJsonNullBodyWith400ProblemNamingTheBodyOnBothJsonEndpoints() throws Exception {
    // given
    String token = jwks.token("u-null", "user");
    byte[] nullBody = "null".getBytes(StandardCharsets.UTF_8);

    // when
    Reply start = server.client().post("/imports", token, nullBody, null);
    Reply upload = server.client().post("/imports/uploads", token, nullBody, null);

    // then
    for (Reply reply : List.of(start, upload)) {
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
      assertThat(reply.contentType()).startsWith("application/problem+json");
      JsonNode problem = Json.parse(reply.body());
      assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("body");
      assertThat(problem.get("detail").asText()).contains("null").contains("JSON object");
    }
  }

  @Test
  void refusesAnUnknownFormatNamingTheField() {
    assertThatThrownBy(
            () -> service.uploadMultipart(IPHONE, new Target("csv", "u-x", Map.of(), null)))
        .isInstanceOfSatisfying(
            ImportClient.ImportRequestException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains("format");
            });
  }
}
