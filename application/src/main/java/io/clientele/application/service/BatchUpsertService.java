package io.clientele.application.service;

import io.clientele.application.port.in.BatchResult;
import io.clientele.application.port.in.BatchUpsertUseCase;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertCustomerUseCase;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.shared.DomainException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.tenant.Tenant;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a batch: records are grouped by shared identifiers (union-find over normalised keys); each group of several
 * records runs in request order on one worker, one transaction per record, groups run on a small pool. The records
 * that share nothing with another go to {@link UpsertCustomerUseCase#upsertEach}, which writes them together in
 * chunks. Either way one bad record never blocks or undoes the others, and a retried batch finds its customers by
 * their identifiers (no duplicates).
 */
@Singleton
public class BatchUpsertService implements BatchUpsertUseCase {

    private static final int WORKERS = 8;
    /** Records that share nothing, per task of the pool (each writes them in chunks). */
    private static final int SLICE = 2_500;

    private final UpsertCustomerUseCase upserts;
    private final TenantDirectory tenants;
    private final ExecutorService pool;

    public BatchUpsertService(UpsertCustomerUseCase upserts, TenantDirectory tenants) {
        this.upserts = upserts;
        this.tenants = tenants;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(WORKERS, runnable -> {
            Thread thread = new Thread(runnable, "clientele-batch-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public List<BatchResult> upsertAll(List<UpsertCustomerCommand> commands) {
        if (commands.size() > MAX_RECORDS) {
            throw ValidationException.of("/customers", "batch-too-large",
                    "a batch holds at most " + MAX_RECORDS + " records");
        }
        BatchResult[] results = new BatchResult[commands.size()];
        Map<Integer, List<Integer>> groups = group(commands, results);
        List<Future<?>> running = new ArrayList<>();
        List<Integer> singles = new ArrayList<>();
        for (List<Integer> group : groups.values()) {
            if (group.size() == 1) {
                singles.add(group.get(0));
                continue;
            }
            running.add(pool.submit(() -> {
                for (int index : group) {
                    results[index] = run(index, commands.get(index));
                }
            }));
        }
        // the records that share nothing: written together, in slices that run side by side
        for (int from = 0; from < singles.size(); from += SLICE) {
            List<Integer> slice = singles.subList(from, Math.min(singles.size(), from + SLICE));
            running.add(pool.submit(() -> {
                List<BatchResult> done = upserts.upsertEach(slice.stream().map(commands::get).toList());
                for (BatchResult result : done) {
                    int index = slice.get(result.index());
                    results[index] = new BatchResult(index, result.result(), result.rejection());
                }
            }));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running a batch", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a batch worker failed", e.getCause());
            }
        }
        return List.of(results);
    }

    private BatchResult run(int index, UpsertCustomerCommand command) {
        try {
            return new BatchResult(index, upserts.upsert(command), null);
        } catch (DomainException e) {
            return new BatchResult(index, null, e);
        }
    }

    /**
     * Records that share a normalised identifier end in one group (in request order). A record whose identifiers
     * can't be read is rejected here and joins no group.
     */
    private Map<Integer, List<Integer>> group(List<UpsertCustomerCommand> commands, BatchResult[] results) {
        int[] parent = new int[commands.size()];
        Map<IdentifierKey, Integer> firstHolder = new HashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            parent[i] = i;
            UpsertCustomerCommand command = commands.get(i);
            try {
                Tenant tenant = tenants.require(command.tenantId());
                for (Identifier identifier : IdentifierInputs.normalize(command.identifiers(), tenant,
                        command.defaultSource(), command.identifierPointer())) {
                    Integer other = firstHolder.putIfAbsent(identifier.key(), i);
                    if (other != null) {
                        union(parent, other, i);
                    }
                }
            } catch (DomainException e) {
                results[i] = new BatchResult(i, null, e);
            }
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            if (results[i] == null) {
                groups.computeIfAbsent(find(parent, i), root -> new ArrayList<>()).add(i);
            }
        }
        return groups;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int rootA = find(parent, a);
        int rootB = find(parent, b);
        if (rootA != rootB) {
            parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
        }
    }
}
