package io.clientele.adapter.in.rest.dialect.capillary;

import io.clientele.adapter.in.rest.error.Problem;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;

/**
 * Errors raised outside the Capillary controller's own handling (authentication, the rate limit, a reused or malformed
 * Idempotency-Key, 413, 415, the framework's own) leave in Capillary's shape too ({@code {"warnings": [], "errors":
 * [{"status": false, "code": 8001, "message": "…"}]}}), so a Capillary client meets one error format. The status stays
 * the problem's.
 */
@ServerFilter("/dialects/capillary/**")
class CapillaryErrorShape implements Ordered {

    @Override
    public int getOrder() {
        // last on the way out: after whatever else may answer with a problem
        return HIGHEST_PRECEDENCE;
    }

    @ResponseFilter
    void vendorShape(MutableHttpResponse<?> response) {
        if (response.body() instanceof Problem problem) {
            String message = problem.detail() == null ? problem.title() : problem.detail();
            response.body(new CapillaryResponses.Failure(List.of(), List.of(
                    CapillaryMessage.of(CapillaryCode.INVALID_REQUEST, message, null))))
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
