package org.vitalake.identity.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Login, refresh, logout and the client-credentials token endpoint. */
@Controller
@Tag(name = "tokens")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LoginController {

  private final LoginService logins;
  private final HttpClientAddressResolver addresses;

  public LoginController(LoginService logins, HttpClientAddressResolver addresses) {
    this.logins = logins;
    this.addresses = addresses;
  }

  @Post("/login")
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Operation(
      summary =
          "Password login: {token, refreshToken, expiresIn}; 401 on wrong credentials,"
              + " 429 with Retry-After after repeated failures")
  public TokenResponse login(@Body LoginRequest body, HttpRequest<?> request) {
    return logins.login(body, addresses.resolve(request));
  }

  @Post("/token/refresh")
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Operation(summary = "Exchange a refresh token (single use) for new tokens")
  public TokenResponse refresh(@Body RefreshRequest body, HttpRequest<?> request) {
    return logins.refresh(body, addresses.resolve(request));
  }

  @Post("/logout")
  @Secured(SecurityRule.IS_AUTHENTICATED)
  @Operation(summary = "Revoke all refresh tokens of the caller")
  public HttpResponse<Void> logout(Authentication authentication, HttpRequest<?> request) {
    logins.logout(Caller.of(authentication), addresses.resolve(request));
    return HttpResponse.noContent();
  }

  @Post("/oauth/token")
  @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON})
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Operation(summary = "OAuth 2 client credentials grant: a token with the service role")
  public TokenResponse serviceToken(
      @Nullable @Body("grant_type") String grantType,
      @Nullable @Body("client_id") String clientId,
      @Nullable @Body("client_secret") String clientSecret,
      HttpRequest<?> request) {
    return logins.serviceToken(grantType, clientId, clientSecret, addresses.resolve(request));
  }
}
