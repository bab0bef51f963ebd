package io.clientele.application.fake;

import io.clientele.application.port.out.RetriesExhaustedException;
import io.clientele.application.port.out.RetryableConflictException;
import io.clientele.application.port.out.Transactions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the work at once. Like the real adapter, a unit that throws {@link RetryableConflictException} is run again,
 * up to {@code maxAttempts} times in all, and a unit started inside another joins it (the outer one retries).
 * Stores that {@link #enlist} themselves are checkpointed when a unit starts and restored when it fails (or, for a
 * dry run, when it ends), like a database rollback.
 */
public class ImmediateTransactions implements Transactions {

    /** A fake store that can be rolled back. */
    public interface Participant {
        Object checkpoint();

        void restore(Object checkpoint);
    }

    private final List<Participant> participants = new ArrayList<>();

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

    @Override
    public <T> T dryRun(Supplier<T> work) {
        List<Object> checkpoints = checkpoint();
        try {
            return run(work);
        } finally {
            restore(checkpoints);
        }
    }

    public ImmediateTransactions enlist(Participant participant) {
        participants.add(participant);
        return this;
    }

    private List<Object> checkpoint() {
        List<Object> checkpoints = new ArrayList<>();
        participants.forEach(p -> checkpoints.add(p.checkpoint()));
        return checkpoints;
    }

    private void restore(List<Object> checkpoints) {
        for (int i = 0; i < participants.size(); i++) {
            participants.get(i).restore(checkpoints.get(i));
        }
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
            List<Object> checkpoints = checkpoint();
            try {
                return work.get();
            } catch (RetryableConflictException e) {
                restore(checkpoints);
                if (attempt >= maxAttempts) {
                    throw new RetriesExhaustedException(attempt);
                }
            } catch (RuntimeException e) {
                restore(checkpoints);
                throw e;
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
