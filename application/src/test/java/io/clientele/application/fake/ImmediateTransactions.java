package io.clientele.application.fake;

import io.clientele.application.port.out.RetryableConflictException;
import io.clientele.application.port.out.Transactions;

import java.util.function.Supplier;

/**
 * Runs the work at once. Like the real adapter, a unit that throws {@link RetryableConflictException} is run again,
 * up to {@code maxAttempts} times in all, and a unit started inside another joins it (the outer one retries).
 * The in-memory stores write only on a successful save, so there is nothing to roll back.
 */
public class ImmediateTransactions implements Transactions {

    private final int maxAttempts;
    private int depth;
    private int units;
    private int attempts;
    private int lastAttempts;

    public ImmediateTransactions() {
        this(10);
    }

    public ImmediateTransactions(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return run(work);
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return run(work);
    }

    private <T> T run(Supplier<T> work) {
        if (depth > 0) {
            return work.get();
        }
        units++;
        lastAttempts = 0;
        for (int attempt = 1; ; attempt++) {
            attempts++;
            lastAttempts = attempt;
            depth++;
            try {
                return work.get();
            } catch (RetryableConflictException e) {
                if (attempt >= maxAttempts) {
                    throw e;
                }
            } finally {
                depth--;
            }
        }
    }

    /** Top-level units of work started (read-only ones included). */
    public int units() {
        return units;
    }

    /** Runs of any unit of work, retries included. */
    public int attempts() {
        return attempts;
    }

    /** How many times the most recent top-level unit of work ran. */
    public int lastAttempts() {
        return lastAttempts;
    }

    /** Attempts beyond the first, over all units. */
    public int retries() {
        return attempts - units;
    }
}
