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

    /**
     * How many units of work one caller may run side by side, each on its own thread (and connection): 1 means one
     * at a time. Inside a unit of work it is 1, as work on another thread would not be part of that unit.
     */
    default int concurrentUnits() {
        return 1;
    }
}
