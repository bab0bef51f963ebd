package io.clientele.application.service;

import io.clientele.application.fake.FixedClock;
import io.clientele.application.fake.ImmediateTransactions;
import io.clientele.application.fake.InMemoryCustomerStore;
import io.clientele.application.fake.InMemoryIdempotencyStore;
import io.clientele.application.fake.InMemoryMergeJournal;
import io.clientele.application.fake.InMemoryTenantStore;
import io.clientele.application.port.in.ErasureReceipt;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.tenant.MergePolicy;
import io.clientele.domain.tenant.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.clientele.application.fake.TestData.active;
import static io.clientele.application.fake.TestData.email;
import static io.clientele.application.fake.TestData.stored;
import static io.clientele.application.fake.TestData.tenant;
import static org.assertj.core.api.Assertions.assertThat;

class LifecycleServiceTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final CustomerId X = CustomerId.of("x");
    private static final CustomerId Y = CustomerId.of("y");

    /** Records the order of locks and listings; may let another transaction commit just before a lock. */
    private static final class RecordingStore extends InMemoryCustomerStore {
        final List<String> calls = new ArrayList<>();
        Runnable beforeLockingY = () -> { };

        @Override
        public synchronized Optional<Customer> lockById(TenantId tenantId, CustomerId id) {
            if (id.equals(Y)) {
                beforeLockingY.run();
            }
            calls.add("lock " + id.value());
            return super.lockById(tenantId, id);
        }

        @Override
        public synchronized List<CustomerId> mergedInto(TenantId tenantId, java.util.Collection<CustomerId> survivorIds) {
            calls.add("list " + survivorIds.stream().map(CustomerId::value).collect(java.util.stream.Collectors.joining(",")));
            return super.mergedInto(tenantId, survivorIds);
        }
    }

    private final RecordingStore store = new RecordingStore();
    private final LifecycleService lifecycle;

    LifecycleServiceTest() {
        ImmediateTransactions transactions = new ImmediateTransactions(3);
        InMemoryTenantStore tenants = new InMemoryTenantStore();
        tenants.insertIfAbsent(tenant("acme", "RU", MergePolicy.MERGE));
        TenantDirectory directory = new TenantDirectory(tenants, transactions);
        lifecycle = new LifecycleService(directory, store, new InMemoryMergeJournal(), new InMemoryIdempotencyStore(), store,
                new FindCustomersService(directory, store, transactions), transactions,
                new FixedClock(Instant.parse("2024-03-01T10:00:00Z")));
        store.seed(active(ACME, "x", email("x@shop.ru")));
        store.seed(stored(ACME, "y", LifecycleState.MERGED, X, List.of()));
    }

    @Test
    void theRecordsAreLockedInIdOrderAndListedAgainUnderTheLocks() {
        // a record merged into x whose id sorts before x's: merges and reverts lock both in id order, so must forget
        store.seed(stored(ACME, "a", LifecycleState.MERGED, X, List.of()));

        ErasureReceipt receipt = lifecycle.forget(ACME, X, "key-1", "API");

        List<String> locks = store.calls.stream().filter(call -> call.startsWith("lock ")).toList();
        assertThat(locks).containsExactly("lock a", "lock x", "lock y");
        // the list read again once all are locked: a merge into x, or a revert, needs one of those locks
        assertThat(store.calls.lastIndexOf("list x")).isGreaterThan(store.calls.indexOf("lock y"));
        assertThat(receipt.erasedIds()).containsExactlyInAnyOrder("a", "x", "y");
        assertThat(store.findById(ACME, Y).orElseThrow().state()).isEqualTo(LifecycleState.FORGOTTEN);
    }

    @Test
    void aRecordMergedInWhileTheOthersAreLockedIsForgottenToo() {
        // z is merged into x after the list was read and before the locks: the erasure runs again and takes it
        store.beforeLockingY = () -> {
            store.beforeLockingY = () -> { };
            store.seed(stored(ACME, "z", LifecycleState.MERGED, X, List.of(email("z@shop.ru"))));
        };

        ErasureReceipt receipt = lifecycle.forget(ACME, X, "key-1", "API");

        assertThat(receipt.erasedIds()).containsExactlyInAnyOrder("x", "y", "z");
        assertThat(store.findById(ACME, CustomerId.of("z")).orElseThrow().state())
                .isEqualTo(LifecycleState.FORGOTTEN);
    }

    @Test
    void aRecordWhoseMergeIsRevertedBeforeItIsLockedIsNotForgotten() {
        // y's merge into x is reverted after the list was read and before y is locked: y is its own customer again
        store.beforeLockingY = () -> {
            store.beforeLockingY = () -> { };
            store.seed(Customer.reconstitute(Y, ACME, LifecycleState.ACTIVE, 2,
                    store.findById(ACME, Y).orElseThrow().profile(), List.of(email("y@shop.ru")),
                    store.findById(ACME, Y).orElseThrow().createdAt(), Instant.parse("2024-02-01T00:00:00Z"), null));
        };

        ErasureReceipt receipt = lifecycle.forget(ACME, X, "key-1", "API");

        assertThat(receipt.erasedIds()).containsExactly("x");
        Customer y = store.findById(ACME, Y).orElseThrow();
        assertThat(y.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(y.identifiers()).hasSize(1);
    }

    @Test
    void anExportWalksMergeChainsAStepAtATimeNotARecordAtATime() {
        // x absorbed y (seeded) and 40 more; each of those absorbed one record itself: three steps down
        for (int i = 0; i < 40; i++) {
            String id = String.format("m%02d", i);
            store.seed(stored(ACME, id, LifecycleState.MERGED, X, List.of()));
            store.seed(stored(ACME, id + "-child", LifecycleState.MERGED, CustomerId.of(id), List.of()));
        }

        io.clientele.application.port.in.CustomerExport export = lifecycle.export(ACME, X);

        // x; y and the 40; the 40 children; none below: one listing per step, where there was one per record
        assertThat(store.calls.stream().filter(call -> call.startsWith("list "))).hasSize(3);
        assertThat(export.customer().id()).isEqualTo(X);
    }
}
