package io.clientele.application.port.out;

import java.util.function.Supplier;

/**
 * Runs a unit of work atomically. When a concurrent writer wins a race (deadlock, a unique key taken first, a version
 * moved: {@link RetryableConflictException}) the whole unit is run again, a bounded number of times, so the work must
 * be free of side effects outside the store.
 */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    <T> T readOnly(Supplier<T> work);

    /** Runs the work as {@link #inTransaction} would and then rolls everything back: "what would happen". */
    <T> T dryRun(Supplier<T> work);
}
