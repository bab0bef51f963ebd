package io.clientele.adapter.in.rest.error;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every exception no more specific handler claims. A database that can't be reached is not a bug: it answers
 * 503 with {@code Retry-After} (clients and load balancers back off and retry) and logs one line without a stack
 * trace, since during an outage every request fails the same way. Anything else is a bug: 500, logged with its stack
 * trace, and the client sees no detail (as Micronaut's own fallback would do).
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
public class UnhandledExceptionHandler implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnhandledExceptionHandler.class);

    /** Causes followed at most (a chain may loop). */
    private static final int MAX_DEPTH = 32;

    private final long retryAfterSeconds;

    public UnhandledExceptionHandler(
            @Value("${clientele.database-unavailable.retry-after-seconds:5}") long retryAfterSeconds) {
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RuntimeException exception) {
        if (DatabaseUnavailable.isCause(exception)) {
            LOG.warn("Database unavailable, answering 503 to {} {}: {}", request.getMethod(), route(request),
                    rootMessage(exception));
            return ProblemResponses.respond(Problem.of(503, "Service unavailable", "database-unavailable",
                            "the database is unavailable; retry after " + retryAfterSeconds + " s"))
                    .header("Retry-After", Long.toString(retryAfterSeconds));
        }
        // the route, not the path: query strings and some paths carry identifiers (…/identifiers/email/anna@…; API.md:
        // no values in logs); the trace without the database's messages, which quote values ("Duplicate entry …")
        LOG.error("Unexpected error on {} {}", request.getMethod(), route(request),
                withoutDatabaseMessages(exception));
        return ProblemResponses.respond(ProblemResponses.forStatus(HttpStatus.INTERNAL_SERVER_ERROR, null));
    }

    /**
     * What may be logged of where a request went: its route's template ({@code /v1/customers/{id}/identifiers/{type}/
     * {value}}), or, without a matched route, the path's first two segments.
     */
    static String route(HttpRequest<?> request) {
        Optional<String> template = BasicHttpAttributes.getUriTemplate(request).or(() ->
                io.micronaut.web.router.RouteAttributes.getRouteInfo(request)
                        .filter(io.micronaut.web.router.UriRouteInfo.class::isInstance)
                        .map(info -> ((io.micronaut.web.router.UriRouteInfo<?, ?>) info).getUriMatchTemplate()
                                .toString()));
        if (template.isPresent()) {
            return template.get();
        }
        String[] segments = request.getPath().split("/", 4);
        return segments.length > 3 ? "/" + segments[1] + "/" + segments[2] + "/…" : request.getPath();
    }

    /**
     * The failure as it may be logged: the same classes, stack traces and causes, but each {@link SQLException}'s
     * message (which may quote the values of a statement) replaced by its error code and SQL state, and left out of
     * the messages of the exceptions wrapping it (Micronaut Data's wrapper repeats it).
     */
    static Throwable withoutDatabaseMessages(Throwable failure) {
        List<String> databaseMessages = new ArrayList<>();
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
            if (cause instanceof SQLException sql && sql.getMessage() != null && !sql.getMessage().isEmpty()) {
                databaseMessages.add(sql.getMessage());
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return copy(failure, databaseMessages, 0);
    }

    private static Throwable copy(Throwable failure, List<String> databaseMessages, int depth) {
        if (failure == null || depth >= MAX_DEPTH) {
            return null;
        }
        String message;
        if (failure instanceof SQLException sql) {
            message = "database error " + sql.getErrorCode() + " (SQL state " + sql.getSQLState() + ")";
        } else {
            message = failure.getMessage();
            if (message != null) {
                for (String quoted : databaseMessages) {
                    message = message.replace(quoted, "[database message left out]");
                }
            }
        }
        Throwable cause = failure.getCause() == failure ? null : copy(failure.getCause(), databaseMessages, depth + 1);
        Throwable copy = new LoggedFailure(failure.getClass().getName() + (message == null ? "" : ": " + message),
                cause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** A failure's copy for the log; its text names the original class. */
    private static final class LoggedFailure extends RuntimeException {
        LoggedFailure(String text, Throwable cause) {
            super(text, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 64; depth++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
