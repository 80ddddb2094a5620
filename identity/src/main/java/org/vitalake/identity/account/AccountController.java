package org.vitalake.identity.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.vitalake.identity.auth.Caller;

/** Registration and the user's own record. */
@Controller
@Tag(name = "accounts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccountController {

  private final AccountService accounts;
  private final HttpClientAddressResolver addresses;

  public AccountController(AccountService accounts, HttpClientAddressResolver addresses) {
    this.accounts = accounts;
    this.addresses = addresses;
  }

  @Post("/register")
  @Secured(SecurityRule.IS_ANONYMOUS)
  @Operation(
      summary =
          "Create an account (role user); 409 when the email is taken, 429 with Retry-After when"
              + " the client address has registered too often")
  public HttpResponse<UserResponse> register(@Body RegisterRequest body, HttpRequest<?> request) {
    Account account = accounts.register(body, addresses.resolve(request));
    return HttpResponse.<UserResponse>status(HttpStatus.CREATED)
        .body(UserResponse.of(account))
        .headers(h -> h.location(URI.create("/users/" + account.id().value())));
  }

  @Get("/users/me")
  @Secured(SecurityRule.IS_AUTHENTICATED)
  @Operation(summary = "The caller's own account")
  public UserResponse me(Authentication authentication) {
    return UserResponse.of(accounts.findSelf(Caller.of(authentication)));
  }

  @Get("/users/{id}")
  @Secured(SecurityRule.IS_AUTHENTICATED)
  @Operation(summary = "An account: the caller's own, or any for an admin")
  public UserResponse find(@PathVariable String id, Authentication authentication) {
    return UserResponse.of(accounts.find(Caller.of(authentication), id));
  }

  @Put("/users/{id}")
  @Secured(SecurityRule.IS_AUTHENTICATED)
  @Operation(summary = "Change profile fields (those present replace the stored values)")
  public UserResponse update(
      @PathVariable String id, @Body UpdateUserRequest body, Authentication authentication) {
    return UserResponse.of(accounts.update(Caller.of(authentication), id, body));
  }
}
