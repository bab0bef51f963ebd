package io.clientele.adapter.in.rest.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

import java.util.List;

@Singleton
@Produces(Problem.MEDIA_TYPE)
public class MalformedRequestHandler implements ExceptionHandler<MalformedRequestException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, MalformedRequestException exception) {
        return respond(exception.pointer(), exception.getMessage());
    }

    static HttpResponse<Problem> respond(String pointer, String message) {
        return ProblemResponses.respond(Problem.of(400, "Bad request", "malformed-request", message)
                .withErrors(List.of(new Problem.FieldError(pointer, "malformed-request", message))));
    }
}
