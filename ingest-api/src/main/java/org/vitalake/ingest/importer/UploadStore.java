package org.vitalake.ingest.importer;

import java.util.Optional;
import java.util.SortedMap;

/**
 * Port to where uploads in parts are recorded durably, so an upload whose parts are stored can
 * still be imported after a restart of the service.
 */
public interface UploadStore {

  /** Records {@code upload}, replacing what was recorded under its id. */
  void save(Upload upload);

  /**
   * The upload as last recorded; empty when unknown, malformed, deleted or erased with its owner.
   */
  Optional<Upload> find(String uploadId);

  /**
   * Archives part {@code part} of the upload as-is, replacing a part with the same number.
   *
   * @return the reference {@code s3://<bucket>/<key>} of the archived part
   */
  String storePart(Upload upload, int part, byte[] body);

  /** The parts stored so far, by part number. */
  SortedMap<Integer, StoredPart> findParts(Upload upload);

  /** Deletes the upload's parts and its record; nothing happens for what is already gone. */
  void delete(Upload upload);

  /**
   * A stored part as the store lists it, without reading it.
   *
   * @param ref {@code s3://<bucket>/<key>}
   * @param size its length in bytes
   * @param etag the store's entity tag, the hex MD5 of the bytes where the store computes one (see
   *     {@link ContentKey})
   */
  record StoredPart(String ref, long size, String etag) {}
}
