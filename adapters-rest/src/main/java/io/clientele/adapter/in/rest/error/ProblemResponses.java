package io.clientele.adapter.in.rest.error;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** Builds problem+json responses; the only place a status code meets an error body. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static MutableHttpResponse<Problem> respond(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .contentType(Problem.MEDIA_TYPE)
                .body(problem);
    }

    /** A problem for a status without a more specific code (framework errors: 404 route, 405, 415, ...). */
    public static Problem forStatus(HttpStatus status, String detail) {
        return switch (status) {
            case BAD_REQUEST -> Problem.of(400, "Bad request", "bad-request", detail);
            case UNAUTHORIZED -> Problem.of(401, "Unauthorized", "unauthorized",
                    "a valid API key is required: Authorization: Bearer <key> or X-API-Key: <key>");
            case FORBIDDEN -> Problem.of(403, "Forbidden", "forbidden",
                    "the API key's role does not allow this operation");
            case NOT_FOUND -> Problem.of(404, "Not found", "not-found", "no such resource");
            case METHOD_NOT_ALLOWED -> Problem.of(405, "Method not allowed", "method-not-allowed", detail);
            case UNSUPPORTED_MEDIA_TYPE -> Problem.of(415, "Unsupported media type", "unsupported-media-type",
                    "send application/json (application/merge-patch+json for PATCH)");
            case REQUEST_ENTITY_TOO_LARGE -> Problem.of(413, "Payload too large", "payload-too-large",
                    "the request body is larger than the server accepts");
            case TOO_MANY_REQUESTS -> Problem.of(429, "Too many requests", "rate-limited",
                    detail == null ? "too many requests for this API key; retry later" : detail);
            case SERVICE_UNAVAILABLE -> Problem.of(503, "Service unavailable", "service-unavailable",
                    "the service is temporarily unavailable; retry later");
            case INTERNAL_SERVER_ERROR -> Problem.of(500, "Internal server error", "internal-error",
                    "an unexpected error occurred; it has been logged");
            default -> Problem.of(status.getCode(), status.getReason(), "http-" + status.getCode(),
                    detail == null ? status.getReason() : detail);
        };
    }
}
