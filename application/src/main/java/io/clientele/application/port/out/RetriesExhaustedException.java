package io.clientele.application.port.out;

import io.clientele.domain.shared.WriteContendedException;

/**
 * A unit of work lost its race with concurrent writes every time it was tried ({@link RetryableConflictException}, a
 * deadlock, a lock wait timeout), and was given up. Thrown only by an outermost unit, after its last attempt was rolled
 * back: a unit that joined an outer one lets the retryable failure through, since retrying is the outer one's business
 * (so catching this never swallows a failure half-way through a transaction). A conflict like any other for callers:
 * the write may be sent again.
 */
public class RetriesExhaustedException extends WriteContendedException {

    public RetriesExhaustedException(int attempts) {
        // like every domain exception, without a cause or stack trace: a 409 the client may resend, not a bug
        super("the write lost to concurrent writes of the same customers each of the " + attempts
                + " times it was tried; send it again");
    }
}
