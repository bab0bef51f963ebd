package io.clientele.adapter.in.rest.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Errors raised by the framework itself (unknown route, wrong method, unreadable body, 401/403 from security)
 * leave as problem+json too, so clients meet one error format. Framework messages are used as detail only for 4xx;
 * a 5xx never shows what went wrong inside.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String detail = null;
        if (status.getCode() < 500 && context.hasErrors()) {
            detail = context.getErrors().stream().map(Error::getMessage).findFirst().orElse(null);
        }
        Problem problem = ProblemResponses.forStatus(status, detail);
        return response.contentType(Problem.MEDIA_TYPE).body(problem);
    }
}
