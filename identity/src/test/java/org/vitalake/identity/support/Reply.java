package org.vitalake.identity.support;

import io.micronaut.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/**
 * A response as a test sees it: status, JSON body as maps and lists, headers.
 *
 * @param body the parsed JSON object, empty when there was none
 */
public record Reply(int status, Map<String, Object> body, HttpHeaders headers) {

  public String text(String field) {
    Object value = body.get(field);
    return value == null ? null : value.toString();
  }

  @SuppressWarnings("unchecked")
  public List<Object> list(String field) {
    return (List<Object>) body.get(field);
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> object(String field) {
    return (Map<String, Object>) body.get(field);
  }

  public String contentType() {
    return headers.getContentType().orElse("");
  }

  /** The fields named in a problem document's {@code errors}. */
  @SuppressWarnings("unchecked")
  public List<String> problemFields() {
    Object errors = body.get("errors");
    if (errors == null) {
      return List.of();
    }
    return ((List<Map<String, Object>>) errors)
        .stream().map(e -> String.valueOf(e.get("field"))).toList();
  }
}
