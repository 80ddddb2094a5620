package org.vitalake.identity.auth.key;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Signing-key rotation for admins. */
@Controller("/admin/keys")
@Tag(name = "keys")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("admin")
public class KeyRotationController {

  private final SigningKeyService keys;

  public KeyRotationController(SigningKeyService keys) {
    this.keys = keys;
  }

  /**
   * @param activeKid the key that signs from now on
   * @param publishedKids every key in the JWKS, including those of still-valid older tokens
   */
  @Serdeable
  public record RotationResponse(String activeKid, List<String> publishedKids) {}

  @Post("/rotate")
  @Operation(
      summary =
          "Generate a new signing key; the previous one stays published until its tokens expire")
  public RotationResponse rotate(Authentication authentication) {
    SigningKey active = keys.rotate(authentication.getName());
    return new RotationResponse(
        active.kid(), keys.publishedKeys().stream().map(SigningKey::kid).toList());
  }
}
