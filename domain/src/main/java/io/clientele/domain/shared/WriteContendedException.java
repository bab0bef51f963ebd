package io.clientele.domain.shared;

/**
 * A write that lost to concurrent writes of the same customers every time it was tried, and was given up: a conflict
 * of the moment, not of the request. Unlike other refusals it must not be kept as the answer to an idempotent
 * request: sent again, with the same key, it should run again.
 */
public class WriteContendedException extends ConflictException {

    public WriteContendedException(String message) {
        super("write-contended", message);
    }
}
