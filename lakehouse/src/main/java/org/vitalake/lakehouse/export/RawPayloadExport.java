package org.vitalake.lakehouse.export;

import java.util.List;
import java.util.Objects;

/**
 * The archived raw payloads of an export: those copied into it, and those the person's rows refer
 * to that were not copied, each with the reason.
 */
public record RawPayloadExport(List<CopiedPayload> copied, List<SkippedPayload> skipped) {

  public RawPayloadExport {
    copied = List.copyOf(copied);
    skipped = List.copyOf(skipped);
  }

  /** Bytes copied. */
  public long bytes() {
    return copied.stream().mapToLong(CopiedPayload::bytes).sum();
  }

  /**
   * A payload copied into the export.
   *
   * @param ref where it is archived, {@code s3://<bucket>/<key>}
   * @param file its path in the export directory, e.g. {@code raw/sync/2024-03-01/abc.json}
   * @param bytes its size
   */
  public record CopiedPayload(String ref, String file, long bytes) {
    public CopiedPayload {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * A payload listed but not copied.
   *
   * @param ref where it is (or was) archived
   * @param reason why it is not in the export
   */
  public record SkippedPayload(String ref, String reason) {
    public SkippedPayload {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
