package org.vitalake.ingest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem document, extended with the offending fields (and, for batches, the index of
 * the offending element).
 *
 * @param errors one entry per rejected field or element; absent when the problem is not about one
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    @Nullable String instance,
    @Nullable List<FieldError> errors) {

  /** Media type of every error body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /**
   * One rejected field and why.
   *
   * @param index position in the request's list, for batch elements; absent otherwise
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FieldError(@Nullable Integer index, @Nullable String field, String reason) {}
}
