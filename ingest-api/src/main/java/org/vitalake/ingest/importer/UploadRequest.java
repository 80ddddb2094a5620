package org.vitalake.ingest.importer;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code POST /imports/uploads}: starts an upload in parts.
 *
 * @param fileName the file's name, whose extension names the archived object, e.g. {@code
 *     export.zip}
 * @param userId whose data it is (the parts are archived under that user); the token's subject when
 *     absent, which is also right for multi-person datasets
 */
@Serdeable
public record UploadRequest(@Nullable String fileName, @Nullable String userId) {}
