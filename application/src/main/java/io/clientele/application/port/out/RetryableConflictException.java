package io.clientele.application.port.out;

/**
 * A concurrent transaction got there first (an identifier claimed, a version moved, a deadlock). Retrying the whole
 * unit of work from the start will see the winner's result.
 */
public class RetryableConflictException extends RuntimeException {

    public RetryableConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
