package io.clientele.adapter.in.rest.error;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/**
 * A dialect's error format for the errors raised outside its controller (authentication, the rate limit, a reused or
 * malformed Idempotency-Key, 413, 415, the framework's own), so that its clients meet one format. Each dialect's
 * {@code @ServerFilter} on its paths calls {@link #reshape} from its response filter; the status stays the problem's.
 */
public abstract class VendorErrorShape implements Ordered {

    @Override
    public int getOrder() {
        // last on the way out: after whatever else may answer with a problem
        return HIGHEST_PRECEDENCE;
    }

    /** The vendor's body for a problem; the problem's message is {@link #message}. */
    protected abstract Object body(Problem problem);

    /** Replaces a problem body with the vendor's; other bodies pass. */
    protected final void reshape(MutableHttpResponse<?> response) {
        if (response.body() instanceof Problem problem) {
            response.body(body(problem)).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }

    /** What the problem says: its detail, or its title when it has none. */
    protected static String message(Problem problem) {
        return problem.detail() == null ? problem.title() : problem.detail();
    }
}
