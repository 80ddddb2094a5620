package org.vitalake.ingest.importer;

import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code POST /imports/uploads}: where to send the parts of a large file.
 *
 * @param uploadId names the upload in {@code PUT /imports/uploads/{uploadId}/parts/{n}} and in
 *     {@code POST /imports}
 * @param maxPartBytes the largest part accepted
 */
@Serdeable
public record UploadResponse(String uploadId, int maxPartBytes) {}
