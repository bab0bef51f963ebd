package io.clientele.adapter.in.rest.dialect.personaclick;

import io.clientele.adapter.in.rest.error.Problem;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Errors raised outside the PersonaClick controller's own handlers (a reused or malformed Idempotency-Key, a body
 * that isn't JSON: 415, the rate limit, the framework's own) leave in PersonaClick's shape too (API.md: failure →
 * {@code {"status": "error", "payload": {"message": "…"}}} with a 4xx status), so a PersonaClick client meets one
 * error format. The problem's code goes beside the message.
 */
@ServerFilter("/dialects/personaclick/**")
class PersonaClickErrorShape implements Ordered {

    @Override
    public int getOrder() {
        // last on the way out: after whatever else may answer with a problem
        return HIGHEST_PRECEDENCE;
    }

    @ResponseFilter
    void vendorShape(MutableHttpResponse<?> response) {
        if (response.body() instanceof Problem problem) {
            response.body(PersonaClickController.errorBody(problem.detail() == null ? problem.title()
                    : problem.detail(), problem.code(), java.util.List.of()))
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
