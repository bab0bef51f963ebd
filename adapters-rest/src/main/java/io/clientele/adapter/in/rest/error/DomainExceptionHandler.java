package io.clientele.adapter.in.rest.error;

import io.clientele.domain.identity.IdentifierConflictException;
import io.clientele.domain.shared.DomainException;
import io.clientele.domain.shared.ValidationException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

/** Domain rule violations → problem+json: INVALID 422, NOT_FOUND 404, CONFLICT 409, PRECONDITION_FAILED 412. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Requires(classes = {DomainException.class, ExceptionHandler.class})
public class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DomainException exception) {
        return ProblemResponses.respond(toProblem(exception));
    }

    /** The HTTP status of a kind of broken rule. */
    public static int status(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> 422;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PRECONDITION_FAILED -> 412;
        };
    }

    public static Problem toProblem(DomainException exception) {
        int status = status(exception.kind());
        String title = switch (exception.kind()) {
            case INVALID -> "Unprocessable content";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflict";
            case PRECONDITION_FAILED -> "Precondition failed";
        };
        Problem problem = Problem.of(status, title, exception.code(), exception.getMessage());
        if (exception instanceof ValidationException validation) {
            problem = problem.withErrors(validation.violations().stream()
                    .map(v -> new Problem.FieldError(v.pointer(), v.code(), v.message())).toList());
        } else if (exception.kind() == DomainException.Kind.INVALID) {
            problem = problem.withErrors(List.of(new Problem.FieldError("", exception.code(), exception.getMessage())));
        }
        if (exception instanceof IdentifierConflictException conflict) {
            problem = problem.withCustomers(conflict.customerIds());
        }
        return problem;
    }
}
