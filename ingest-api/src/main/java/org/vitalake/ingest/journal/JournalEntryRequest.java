package org.vitalake.ingest.journal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * Body of {@code POST /journal/entries}.
 *
 * @param userId whose entry it is; defaults to the token's subject
 * @param entryType meal, mood, activity, symptom, note, sleep_report, wellness or drink
 * @param content the entry's fields, e.g. a meal's {@code name}, {@code calories}, {@code protein}
 * @param occurredAt ISO-8601 with offset; defaults to now
 * @param zoneOffset the user's offset, {@code "+02:00"} or seconds; overrides occurredAt's
 */
@Serdeable
public record JournalEntryRequest(
    @Nullable String userId,
    @Nullable @Schema(example = "meal") String entryType,
    @Nullable
        @Schema(
            type = "object",
            example = "{\"name\": \"Oatmeal\", \"calories\": 350, \"protein\": 12}")
        Map<String, Object> content,
    @Nullable @Schema(type = "string", example = "2025-11-21T07:30:00+01:00") Object occurredAt,
    @Nullable @Schema(type = "string", example = "+01:00") Object zoneOffset) {}
