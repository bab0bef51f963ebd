package io.clientele.application.service;

import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.identity.IdentifierKey;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs the steps of a bulk write in their order, two side by side where that can't change what any record does.
 * One chunk at a time leaves a core idle: while the database writes a chunk on one connection, the next chunk's
 * identifiers can be resolved on another, and its customers changed and rendered in memory.
 *
 * <p>A step that writes side by side first resolves what it touches (its records' identifier keys and the customers
 * holding them) and hands that {@link Footprint} to {@link Turn#resolved} before it locks or writes anything. If it
 * overlaps the footprint of the step before it, the step gives up (its transaction rolls back, it has taken no lock),
 * waits until that step is done and starts again (also when that step has ended meanwhile: what it wrote may have been
 * uncommitted when this step resolved its identifiers): so two records that share an identifier, a customer or a push
 * token are written in upload order, whichever chunks they are in. A step that does not write side by side (a record
 * alone, a dry run) starts after the step before it is done, and the next one after it is done.
 *
 * <p>Not covered: a step that loses a race to another request and runs again may then touch customers it did not
 * resolve the first time (the other request moved identifiers meanwhile); the two racing writes have no order anyway.
 */
final class ChunkPipeline {

    private static final AtomicInteger THREADS = new AtomicInteger();
    /** The second writer of each running bulk write; one thread per write, so writes never wait for each other's. */
    private static final ExecutorService HELPERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "clientele-chunk-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private ChunkPipeline() {
    }

    /**
     * What a step touches: its records' identifier keys, the customers that held them or the push tokens it writes
     * when it resolved them, and those push tokens (a token moves to whichever customer writes it last).
     */
    record Footprint(Set<IdentifierKey> keys, Set<CustomerId> holders, Set<String> pushTokens) {

        /** Whatever a step without a footprint of its own might touch. */
        static final Footprint EVERYTHING = new Footprint(null, null, null);

        boolean overlaps(Footprint other) {
            if (this == EVERYTHING || other == EVERYTHING) {
                return true;
            }
            return intersect(keys, other.keys) || intersect(holders, other.holders)
                    || intersect(pushTokens, other.pushTokens);
        }

        private static <T> boolean intersect(Set<T> a, Set<T> b) {
            Set<T> small = a.size() <= b.size() ? a : b;
            Set<T> large = small == a ? b : a;
            for (T element : small) {
                if (large.contains(element)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * One step of a bulk write. A step that writes {@code sideBySide} calls {@code turn.resolved} once it knows its
     * footprint, before it locks or writes anything, and lets {@link MustWait} pass out of its transaction.
     */
    record Step(Consumer<Turn> body, boolean sideBySide) {

        void run(Turn turn) {
            body.accept(turn);
        }
    }

    /** A step that writes side by side with the one before it where their footprints allow. */
    static Step sideBySide(Consumer<Turn> body) {
        return new Step(body, true);
    }

    /** A step that runs with nothing beside it. */
    static Step alone(Runnable body) {
        return new Step(turn -> body.run(), false);
    }

    /** Thrown by {@link Turn#resolved} when the step must wait for the one before it. */
    static final class MustWait extends RuntimeException {
        MustWait() {
            super("the step before touches the same identifiers or customers", null, false, false);
        }
    }

    /** A step's place in the pipeline. */
    static final class Turn {

        /** No step runs beside this one. */
        static final Turn ALONE = new Turn(null, null);

        private final Footprint previous;
        private final CompletableFuture<Footprint> published;

        private Turn(Footprint previous, CompletableFuture<Footprint> published) {
            this.previous = previous;
            this.published = published;
        }

        /**
         * Goes on if {@code footprint} and the step before it touch nothing in common, and lets the next step compare
         * with it (only the first footprint counts: a step run again after a lost race keeps its place); throws
         * {@link MustWait} otherwise, even when the step before has ended meanwhile: the footprint was resolved while
         * it may still have been writing, so it may miss what that step wrote.
         */
        void resolved(Footprint footprint) {
            if (previous != null && previous.overlaps(footprint)) {
                throw new MustWait();
            }
            if (published != null) {
                published.complete(footprint);
            }
        }
    }

    /**
     * Runs the steps in order, one at a time when {@code writers} is 1, else two, and returns when all are done. The
     * first failure stops the steps not yet started and is thrown once the running ones have ended: nothing is written
     * after this returns.
     */
    @SuppressWarnings("unchecked")
    static void run(List<Step> steps, int writers) {
        if (writers < 2 || steps.size() < 2) {
            steps.forEach(step -> step.run(Turn.ALONE));
            return;
        }
        int count = steps.size();
        CompletableFuture<Footprint>[] resolved = new CompletableFuture[count];
        CompletableFuture<Void>[] done = new CompletableFuture[count];
        for (int i = 0; i < count; i++) {
            resolved[i] = new CompletableFuture<>();
            done[i] = new CompletableFuture<>();
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CompletableFuture<Void> second = CompletableFuture.runAsync(
                () -> steps(steps, 1, resolved, done, failure), HELPERS);
        steps(steps, 0, resolved, done, failure);
        try {
            second.join();
        } catch (CompletionException ignored) {
            // its failure is in failure
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        if (failed != null) {
            throw new IllegalStateException("a step of a bulk write failed", failed);
        }
    }

    /** The steps {@code first}, {@code first + 2}, ... on this thread. */
    private static void steps(List<Step> steps, int first, CompletableFuture<Footprint>[] resolved,
                              CompletableFuture<Void>[] done, AtomicReference<Throwable> failure) {
        for (int k = first; k < steps.size(); k += 2) {
            try {
                Footprint previous = k == 0 ? null : resolved[k - 1].join();
                CompletableFuture<Void> previousDone = k == 0 ? CompletableFuture.completedFuture(null) : done[k - 1];
                if (previous == Footprint.EVERYTHING) {
                    // it may touch anything: wait until it is done (a step ending publishes it, but so does a running
                    // step that merges), then nothing of it is left to run beside
                    previousDone.join();
                    previous = null;
                }
                Step step = steps.get(k);
                if (!step.sideBySide()) {
                    previousDone.join();
                    step.run(Turn.ALONE);
                } else {
                    try {
                        step.run(new Turn(previous, resolved[k]));
                    } catch (MustWait wait) {
                        previousDone.join();
                        step.run(new Turn(null, resolved[k]));
                    }
                }
                // a step that published nothing (not side by side, or no records) is passed only once it is done
                done[k].complete(null);
                resolved[k].complete(Footprint.EVERYTHING);
            } catch (Throwable e) {
                // the step before failed (seen through join: the other thread recorded it first) or this one did:
                // stop, and stop the other thread
                failure.compareAndSet(null,
                        e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                for (int rest = k; rest < steps.size(); rest++) {
                    resolved[rest].completeExceptionally(e);
                    done[rest].completeExceptionally(e);
                }
                return;
            }
        }
    }
}
