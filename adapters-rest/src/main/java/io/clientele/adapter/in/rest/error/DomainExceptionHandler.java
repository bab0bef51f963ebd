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

    public static Problem toProblem(DomainException exception) {
        Problem problem = switch (exception.kind()) {
            case INVALID -> Problem.of(422, "Unprocessable content", exception.code(), exception.getMessage());
            case NOT_FOUND -> Problem.of(404, "Not found", exception.code(), exception.getMessage());
            case CONFLICT -> Problem.of(409, "Conflict", exception.code(), exception.getMessage());
            case PRECONDITION_FAILED -> Problem.of(412, "Precondition failed", exception.code(),
                    exception.getMessage());
        };
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
