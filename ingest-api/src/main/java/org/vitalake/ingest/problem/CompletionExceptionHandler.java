package org.vitalake.ingest.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletionException;

/**
 * Unwraps the failure of an asynchronous controller result, so a {@link ProblemException} raised
 * while waiting for a commit is answered like one raised synchronously.
 */
@Produces
@Singleton
public class CompletionExceptionHandler
    implements ExceptionHandler<CompletionException, HttpResponse<?>> {

  private final ProblemExceptionHandler problems;
  private final ErrorResponseProcessor<?> processor;

  public CompletionExceptionHandler(
      ProblemExceptionHandler problems, ErrorResponseProcessor<?> processor) {
    this.problems = problems;
    this.processor = processor;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, CompletionException exception) {
    Throwable cause = exception;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ProblemException problem) {
      return problems.handle(request, problem);
    }
    return processor.processResponse(
        ErrorContext.builder(request).cause(cause).build(),
        HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
  }
}
