package org.vitalake.serving.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem document, extended with the offending fields.
 *
 * @param errors one entry per rejected field; absent when the problem is not about a field
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    @Nullable String instance,
    @Nullable List<FieldProblem> errors) {

  /** One rejected field and why. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FieldProblem(@Nullable String field, String message) {}
}
