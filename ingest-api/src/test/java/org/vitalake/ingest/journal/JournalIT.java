package org.vitalake.ingest.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.vitalake.ingest.bench.IngestClient;
import org.vitalake.ingest.bench.IngestClient.Reply;
import org.vitalake.ingest.support.IngestStack;
import org.vitalake.ingest.support.IngestTestServer;
import org.vitalake.ingest.support.Json;
import org.vitalake.ingest.support.JwksFixture;
import org.vitalake.lakehouse.LakehouseTables;
import org.vitalake.lakehouse.RawArchive;
import org.vitalake.lakehouse.TableScanner;
import org.vitalake.lakehouse.local.LocalLakehouse;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalIT {

  private IngestStack stack;
  private LocalLakehouse lakehouse;
  private JwksFixture jwks;
  private IngestTestServer server;
  private IngestClient client;
  private TableScanner scanner;

  @BeforeAll
  void start() {
    stack = IngestStack.start(Map.of());
    lakehouse = stack.lakehouse();
    jwks = stack.jwks();
    server = stack.server();
    scanner = stack.scanner();
    client = server.client();
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void storesAMealForTheTokensSubjectInBronzeJournalEntries() throws Exception {
    // given: the seed contract, without userId
    String user = "u-" + UUID.randomUUID();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entryType", "meal");
    body.put("content", Map.of("name", "Oatmeal with berries", "calories", 350, "protein", 12));
    body.put("occurredAt", "2025-11-21T07:30:00+01:00");
    byte[] bytes = Json.bytes(body);

    // when
    Reply reply = client.createJournalEntry(jwks.token(user, "user"), bytes, null);

    // then
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    String entryId = Json.parse(reply.body()).get("entryId").asText();
    List<Record> rows =
        scanner.scan(LakehouseTables.JOURNAL_ENTRIES.id(), Expressions.equal("entry_id", entryId));
    assertThat(rows).hasSize(1);
    Record row = rows.get(0);
    assertThat(row.getField("user_id")).isEqualTo(user);
    assertThat(row.getField("entry_type")).isEqualTo("meal");
    assertThat(((OffsetDateTime) row.getField("occurred_at")).toInstant())
        .isEqualTo(OffsetDateTime.parse("2025-11-21T07:30:00+01:00").toInstant());
    assertThat(row.getField("zone_offset_seconds")).isEqualTo(3600);
    JsonNode content = Json.parse((String) row.getField("content"));
    assertThat(content.get("name").asText()).isEqualTo("Oatmeal with berries");
    assertThat(content.get("calories").asDouble()).isEqualTo(350.0);
    assertThat(content.get("protein_g").asDouble()).isEqualTo(12.0);
    try (RawArchive raw = new RawArchive(lakehouse.properties())) {
      assertThat(raw.get((String) row.getField("raw_ref"))).isEqualTo(bytes);
    }
  }

  @Test
  void answersInvalidContentWith400NamingTheField() throws Exception {
    Map<String, Object> body =
        Map.of("entryType", "mood", "content", Map.of("score", 9, "tags", List.of("tired")));

    Reply reply = client.createJournalEntry(jwks.token("u-mood", "user"), Json.bytes(body), null);

    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    JsonNode problem = Json.parse(reply.body());
    assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("content.score");
  }

  @Test
  void answersAnUnknownEntryTypeWith400NamingTheField() throws Exception {
    Map<String, Object> body = Map.of("entryType", "dream", "content", Map.of("text", "flying"));

    Reply reply = client.createJournalEntry(jwks.token("u-dream", "user"), Json.bytes(body), null);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(Json.parse(reply.body()).get("errors").get(0).get("field").asText())
        .isEqualTo("entryType");
  }

  @Test
  void forbidsAnEntryForAnotherUser() throws Exception {
    Map<String, Object> body =
        Map.of("userId", "u-other", "entryType", "note", "content", Map.of("text", "hello"));

    Reply reply = client.createJournalEntry(jwks.token("u-me", "user"), Json.bytes(body), null);

    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.contentType()).startsWith("application/problem+json");
  }
}
