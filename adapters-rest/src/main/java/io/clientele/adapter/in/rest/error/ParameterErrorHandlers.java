package io.clientele.adapter.in.rest.error;

import io.clientele.domain.shared.ValidationException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.UnsatisfiedRouteHandler;
import io.micronaut.web.router.exceptions.UnsatisfiedPathVariableRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedQueryValueRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;

/**
 * A query parameter or path variable the framework could not bind ({@code ?limit=abc}, a missing {@code value}) is a
 * 422 naming it, like every other broken rule; the framework answered a bare 400 whose detail quoted Java
 * ("Failed to convert argument [limit] … For input string"), while {@code ?limit=1001} was a 422 naming
 * {@code /limit}. A body that can't be read stays a 400 (malformed request).
 */
final class ParameterErrorHandlers {

    private ParameterErrorHandlers() {
    }

    static HttpResponse<Problem> invalid(String name, String code, String message) {
        return ProblemResponses.respond(DomainExceptionHandler.toProblem(
                ValidationException.of("/" + name, code, message)));
    }

    static HttpResponse<Problem> malformed(String message) {
        return MalformedRequestHandler.respond("", message);
    }

    static String expected(Argument<?> argument) {
        Class<?> type = argument.getType();
        if (type == Integer.class || type == int.class) {
            return "must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        return "is not a valid value";
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Replaces(ConversionErrorHandler.class)
    static class Conversion implements ExceptionHandler<ConversionErrorException, HttpResponse<Problem>> {

        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ConversionErrorException exception) {
            Argument<?> argument = exception.getArgument();
            if (argument.getAnnotationMetadata().hasAnnotation(Body.class)) {
                return malformed("the body could not be read as " + argument.getType().getSimpleName());
            }
            return invalid(argument.getName(), "invalid-value", argument.getName() + " " + expected(argument));
        }
    }

    @Singleton
    @Produces(Problem.MEDIA_TYPE)
    @Replaces(UnsatisfiedRouteHandler.class)
    static class Unsatisfied implements ExceptionHandler<UnsatisfiedRouteException, HttpResponse<Problem>> {

        @Override
        public HttpResponse<Problem> handle(HttpRequest request, UnsatisfiedRouteException exception) {
            String name = exception.getArgument().getName();
            if (exception instanceof UnsatisfiedQueryValueRouteException
                    || exception instanceof UnsatisfiedPathVariableRouteException) {
                return invalid(name, "required", name + " is required");
            }
            return malformed(exception.getMessage());
        }
    }
}
