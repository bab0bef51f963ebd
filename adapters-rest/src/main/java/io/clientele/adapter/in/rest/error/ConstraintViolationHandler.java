package io.clientele.adapter.in.rest.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Bean-validation failures on request records (well-formed JSON breaking a rule) → 422 with a JSON Pointer per field:
 * {@code create.request.defaultRegion} becomes {@code /defaultRegion}.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Replaces(ConstraintExceptionHandler.class)
public class ConstraintViolationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException exception) {
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(pointer(v), "invalid-value", v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::pointer))
                .toList();
        String detail = errors.size() == 1 ? errors.get(0).pointer() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return ProblemResponses.respond(Problem.of(422, "Unprocessable content", "validation-failed", detail)
                .withErrors(errors));
    }

    private static String pointer(ConstraintViolation<?> violation) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null) {
                names.add(node.getName());
            }
        }
        // drop the method and parameter names: the pointer starts inside the body
        List<String> inBody = names.size() > 2 ? names.subList(2, names.size()) : List.of();
        return inBody.isEmpty() ? "" : "/" + String.join("/", inBody);
    }
}
