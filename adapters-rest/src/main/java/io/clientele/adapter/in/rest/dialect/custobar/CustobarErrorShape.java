package io.clientele.adapter.in.rest.dialect.custobar;

import io.clientele.adapter.in.rest.error.Problem;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Map;

/**
 * Errors raised outside the Custobar controller's own handling (authentication, the rate limit, a reused or malformed
 * Idempotency-Key, a body over the size limit, 415, the framework's own) leave in Custobar's shape too
 * ({@code {"error": {"message": ["…"]}}}, as the controller's own 400 and 413), so a Custobar client meets one error
 * format. The status stays the problem's.
 */
@ServerFilter("/dialects/custobar/**")
class CustobarErrorShape implements Ordered {

    @Override
    public int getOrder() {
        // last on the way out: after whatever else may answer with a problem
        return HIGHEST_PRECEDENCE;
    }

    @ResponseFilter
    void vendorShape(MutableHttpResponse<?> response) {
        if (response.body() instanceof Problem problem) {
            String message = problem.detail() == null ? problem.title() : problem.detail();
            response.body(Map.of("error", Map.of("message", List.of(message))))
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
