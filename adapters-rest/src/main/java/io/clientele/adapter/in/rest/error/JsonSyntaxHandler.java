package io.clientele.adapter.in.rest.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.JsonExceptionHandler;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;

/**
 * A body the framework binds (merges, declarations, the operator's requests) that is not JSON is answered as the
 * endpoints that read their body themselves answer one: {@code malformed-request}, not the parser's text.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
@Replaces(JsonExceptionHandler.class)
public class JsonSyntaxHandler implements ExceptionHandler<JsonSyntaxException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, JsonSyntaxException exception) {
        return MalformedRequestHandler.respond("", "the request body is not valid JSON");
    }
}
