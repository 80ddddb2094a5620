package org.vitalake.ingest.importer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * {@code POST /imports} as JSON: imports a file already uploaded in parts ({@code uploadId}) or
 * already in the raw bucket ({@code rawRef}).
 *
 * @param format {@code apple-health}, {@code fitabase}, {@code fitbit-json}, {@code pmdata}, {@code
 *     fit} or {@code google-fit}
 * @param uploadId an upload created with {@code POST /imports/uploads}, or {@code null}
 * @param rawRef {@code s3://<raw bucket>/<key>} of an archived object, or {@code null}
 * @param userId whose data it is; the token's subject when absent
 * @param userMap dataset participant id to platform user id, for multi-person datasets
 * @param timeZone IANA zone that zone-less timestamps are read in; when absent, each user's profile
 *     zone, else the format's default
 */
@Serdeable
public record StartImportRequest(
    String format,
    @Nullable String uploadId,
    @Nullable String rawRef,
    @Nullable String userId,
    @Nullable Map<String, String> userMap,
    @Nullable String timeZone) {}
