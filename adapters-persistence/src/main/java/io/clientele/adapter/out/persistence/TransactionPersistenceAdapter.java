package io.clientele.adapter.out.persistence;

import io.clientele.application.port.out.RetriesExhaustedException;
import io.clientele.application.port.out.RetryableConflictException;
import io.clientele.application.port.out.Transactions;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.DefaultTransactionDefinition;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Units of work on the JDBC connection, at READ COMMITTED (no gap locks on the keys we read before inserting them).
 * Reads run on a connection without a transaction: at READ COMMITTED every statement sees its own snapshot anyway, so
 * a read-only transaction would add nothing but the round trips that open and end it.
 * A unit that loses a race (deadlock 1213, lock wait timeout 1205, serialization failure 40001, or a
 * {@link RetryableConflictException} from a store) is rolled back and run again, up to {@code clientele.tx.max-attempts}
 * times, with a short random pause so that the racers don't collide again in lockstep.
 */
@Singleton
public class TransactionPersistenceAdapter implements Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionPersistenceAdapter.class);
    /** The unit of work running on this thread, if any: an inner unit joins it. */
    private static final ThreadLocal<Unit> ACTIVE = new ThreadLocal<>();

    private enum Unit { READ, WRITE }

    private final TransactionOperations<Connection> operations;
    private final ConnectionOperations<Connection> connections;
    private final int maxAttempts;
    private final int concurrentUnits;
    private final TransactionDefinition write;

    TransactionPersistenceAdapter(TransactionOperations<Connection> operations,
                                  ConnectionOperations<Connection> connections,
                                  @Value("${clientele.tx.max-attempts:10}") int maxAttempts,
                                  @Value("${clientele.bulk.concurrent-chunks:2}") int concurrentUnits) {
        this.operations = operations;
        this.connections = connections;
        this.maxAttempts = maxAttempts;
        this.concurrentUnits = Math.max(1, concurrentUnits);
        DefaultTransactionDefinition writeDefinition = new DefaultTransactionDefinition();
        writeDefinition.setIsolationLevel(TransactionDefinition.Isolation.READ_COMMITTED);
        this.write = writeDefinition;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return run(write, work);
    }

    @Override
    public <T> T readOnly(Supplier<T> work) {
        return run(null, work, false);
    }

    @Override
    public <T> T dryRun(Supplier<T> work) {
        return run(write, work, true);
    }

    /**
     * {@code clientele.bulk.concurrent-chunks} (default 2: a bulk write keeps the database busy on one connection
     * while the next chunk is prepared on another; 1 writes one chunk at a time). 1 inside a unit of work or a
     * transaction of the host application.
     */
    @Override
    public int concurrentUnits() {
        // also inside a transaction of the host application's (@Transactional), which this adapter did not start
        return ACTIVE.get() == null && operations.findTransactionStatus().isEmpty() ? concurrentUnits : 1;
    }

    private <T> T run(TransactionDefinition definition, Supplier<T> work) {
        return run(definition, work, false);
    }

    private <T> T run(TransactionDefinition definition, Supplier<T> work, boolean rollback) {
        Unit outer = ACTIVE.get();
        if (outer != null) {
            if (rollback) {
                throw new IllegalStateException("a dry run can't join a unit of work that will commit");
            }
            if (outer == Unit.READ && definition != null) {
                throw new IllegalStateException("a write can't join a read: it would run outside a transaction");
            }
            // joined an outer unit of work: the outer one owns commit and retry
            return work.get();
        }
        if (operations.findTransactionStatus().isPresent()) {
            // inside a transaction of the host application's (@Transactional): it owns commit and retry, as an outer
            // unit would; a retry here would run on in whatever state a deadlock left that transaction
            if (rollback) {
                throw new IllegalStateException("a dry run can't join a transaction of the host application's");
            }
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            ACTIVE.set(definition == null ? Unit.READ : Unit.WRITE);
            try {
                if (definition == null) {
                    return connections.executeRead(status -> work.get());
                }
                return operations.execute(definition, status -> {
                    T result = work.get();
                    if (rollback) {
                        status.setRollbackOnly();
                    }
                    return result;
                });
            } catch (RuntimeException e) {
                if (!isRetryable(e)) {
                    throw e;
                }
                if (attempt >= maxAttempts) {
                    LOG.warn("a unit of work lost {} races in a row and was given up (answered as a conflict): {}",
                            attempt, e.getClass().getSimpleName());
                    throw new RetriesExhaustedException(attempt);
                }
                LOG.debug("transaction lost a race (attempt {}), retrying: {}", attempt, e.getClass().getSimpleName());
                pause(attempt);
            } finally {
                ACTIVE.remove();
            }
        }
    }

    static boolean isRetryable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetryableConflictException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                int code = sql.getErrorCode();
                if (code == 1213 || code == 1205 || "40001".equals(sql.getSQLState())) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", interrupted);
        }
    }
}
