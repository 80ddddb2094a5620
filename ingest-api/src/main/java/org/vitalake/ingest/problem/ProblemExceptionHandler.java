package org.vitalake.ingest.problem;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the service's own {@link ProblemException}s into problem responses. */
@Produces
@Singleton
public class ProblemExceptionHandler
    implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemExceptionHandler.class);

  @Override
  public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
    if (exception.status().getCode() >= 500) {
      LOG.warn(
          "request {} {} answered {}: {}",
          request.getMethod(),
          request.getPath(),
          exception.status().getCode(),
          exception.getMessage(),
          exception.getCause());
    }
    MutableHttpResponse<Problem> response =
        HttpResponse.<Problem>status(exception.status())
            .contentType(Problem.MEDIA_TYPE)
            .body(
                new Problem(
                    exception.type(),
                    exception.status().getReason(),
                    exception.status().getCode(),
                    exception.getMessage(),
                    request.getPath(),
                    exception.errors().isEmpty() ? null : exception.errors()));
    exception
        .retryAfter()
        .ifPresent(
            wait ->
                response.header(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000))));
    return response;
  }
}
