package org.vitalake.identity.erasure;

import java.time.Instant;
import org.vitalake.core.id.UserId;

/**
 * A user's request to be forgotten, recorded for the nightly pipeline that removes their rows from
 * the lakehouse.
 *
 * @param requestId unique id, returned to the client and stored with the request
 */
public record ErasureRequest(String requestId, UserId userId, Instant requestedAt) {

  public ErasureRequest {
    if (requestId == null || requestId.isBlank()) {
      throw new IllegalArgumentException("requestId is required");
    }
    if (userId == null || requestedAt == null) {
      throw new IllegalArgumentException("userId and requestedAt are required");
    }
  }
}
