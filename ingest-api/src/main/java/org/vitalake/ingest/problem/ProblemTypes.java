package org.vitalake.ingest.problem;

/** The {@code type} URIs of the problems this service answers with. */
public final class ProblemTypes {

  private static final String BASE = "https://vitalake.dev/problems/";

  /** Malformed JSON or a field that is missing or invalid. */
  public static final String INVALID_REQUEST = BASE + "invalid-request";

  /** Every data point of a sync batch was rejected. */
  public static final String NO_VALID_DATA_POINTS = BASE + "no-valid-data-points";

  /** The body or the batch is larger than the documented limit. */
  public static final String TOO_LARGE = BASE + "too-large";

  /** The caller may not write for the user named in the request. */
  public static final String FORBIDDEN = BASE + "forbidden";

  /** The request carries no valid bearer token. */
  public static final String UNAUTHORIZED = BASE + "unauthorized";

  /** Nothing was stored; the client may retry (with the same Idempotency-Key). */
  public static final String UNAVAILABLE = BASE + "unavailable";

  /** An unexpected failure; nothing from the request was acknowledged. */
  public static final String INTERNAL = BASE + "internal-error";

  /** Used for framework errors that have no more specific type (404, 405, 415, ...). */
  public static final String GENERIC = "about:blank";

  private ProblemTypes() {}
}
