package org.vitalake.identity.auth.key;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Publishes the public keys that verify this service's tokens (RFC 7517 JWK Set). */
@Controller
@Tag(name = "keys")
@Secured(SecurityRule.IS_ANONYMOUS)
public class JwksController {

  private final SigningKeyService keys;

  public JwksController(SigningKeyService keys) {
    this.keys = keys;
  }

  /** Short caching so that validators pick up a rotated key within a minute. */
  @Get(uri = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "Public keys (JWK Set) of every signing key whose tokens may still be valid")
  public HttpResponse<String> jwks() {
    JWKSet set =
        new JWKSet(
            keys.publishedKeys().stream()
                .map(
                    key ->
                        (com.nimbusds.jose.jwk.JWK)
                            new RSAKey.Builder(key.publicKey())
                                .keyID(key.kid())
                                .keyUse(KeyUse.SIGNATURE)
                                .algorithm(JWSAlgorithm.RS256)
                                .build())
                .toList());
    return HttpResponse.ok(set.toString(true))
        .header(HttpHeaders.CACHE_CONTROL, "public, max-age=60");
  }
}
