package org.vitalake.ingest.sync;

import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import org.vitalake.ingest.problem.ProblemException;

/** Reads JSON request bodies, answering malformed JSON with a 400 that says where it broke. */
public final class RequestBodies {

  private RequestBodies() {}

  /**
   * Parses {@code body} as {@code type}.
   *
   * @throws ProblemException 400 naming {@code body} and the parser's position
   */
  public static <T> T parse(ObjectMapper json, byte[] body, Class<T> type) {
    if (body == null || body.length == 0) {
      throw ProblemException.invalid("body", "the request body is empty; send a JSON object");
    }
    try {
      T value = json.readValue(body, type);
      if (value == null) {
        throw ProblemException.invalid("body", "the request body is null; send a JSON object");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ProblemException problem) {
        throw problem;
      }
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      // the parser's message can quote the whole source; the position is what helps
      int source = message.indexOf(" Source:");
      if (source < 0) {
        source = message.indexOf("\n at [Source");
      }
      throw ProblemException.invalid(
          "body",
          "malformed JSON: " + (source > 0 ? message.substring(0, source) : message).strip());
    }
  }
}
