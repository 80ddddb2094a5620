package org.vitalake.identity.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Turns the service's own {@link ProblemException}s into problem responses. */
@Produces
@Singleton
@Requires(classes = {ProblemException.class, ExceptionHandler.class})
public class ProblemExceptionHandler
    implements ExceptionHandler<ProblemException, HttpResponse<?>> {

  private final ErrorResponseProcessor<?> processor;

  public ProblemExceptionHandler(ErrorResponseProcessor<?> processor) {
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, ProblemException exception) {
    MutableHttpResponse<?> base = HttpResponse.status(exception.status());
    exception
        .retryAfter()
        .ifPresent(
            wait ->
                base.header(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(ProblemException.retryAfterSeconds(wait))));
    Error error =
        new Error() {
          @Override
          public Optional<String> getPath() {
            return exception.field();
          }

          @Override
          public String getMessage() {
            return exception.getMessage();
          }
        };
    return processor.processResponse(
        ErrorContext.builder(request).cause(exception).error(error).build(), base);
  }
}
