package io.clientele.application.fake;

import io.clientele.application.port.out.RetryableConflictException;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.Profile;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.tenant.TenantId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.clientele.application.fake.TestData.T0;
import static io.clientele.application.fake.TestData.email;
import static io.clientele.application.fake.TestData.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fakes must behave like the database where the service tests rely on it. */
class InMemoryCustomerStoreTest {

    private static final TenantId ACME = TenantId.of("acme");

    private final InMemoryCustomerStore store = new InMemoryCustomerStore();

    @Test
    void aSavedCustomerIsStoredAsACopyAtItsNewVersion() {
        Customer created = Customer.create(CustomerId.of("a"), ACME, Profile.empty(), List.of(email("a@shop.ru")), T0);
        store.save(created);

        Customer loaded = store.lockById(ACME, CustomerId.of("a")).orElseThrow();
        loaded.applyProfile(new ProfilePatch(Map.of(ProfileField.CITY, "Moscow"), Set.of()), T0);

        assertThat(loaded.loadedVersion()).isEqualTo(1);
        assertThat(loaded.isNew()).isFalse();
        // unsaved changes are not visible
        assertThat(store.findById(ACME, CustomerId.of("a")).orElseThrow().profile().isEmpty()).isTrue();
        store.save(loaded);
        assertThat(store.versionOf(ACME, CustomerId.of("a"))).isEqualTo(2);
    }

    @Test
    void aStaleVersionIsARetryableConflictAndChangesNothing() {
        store.save(Customer.create(CustomerId.of("a"), ACME, Profile.empty(), List.of(email("a@shop.ru")), T0));
        Customer first = store.lockById(ACME, CustomerId.of("a")).orElseThrow();
        Customer second = store.lockById(ACME, CustomerId.of("a")).orElseThrow();
        first.applyProfile(new ProfilePatch(Map.of(ProfileField.CITY, "Moscow"), Set.of()), T0);
        second.addIdentifiers(List.of(phone("+79161234567")), T0);
        store.save(first);

        assertThatThrownBy(() -> store.save(second)).isInstanceOf(RetryableConflictException.class);
        assertThat(store.findByIdentifier(ACME, phone("+79161234567").key())).isEmpty();
        assertThat(store.versionOf(ACME, CustomerId.of("a"))).isEqualTo(2);
    }

    @Test
    void anIdentifierHeldByAnotherCustomerIsARetryableConflict() {
        store.save(Customer.create(CustomerId.of("a"), ACME, Profile.empty(), List.of(email("a@shop.ru")), T0));

        assertThatThrownBy(() -> store.save(Customer.create(CustomerId.of("b"), ACME, Profile.empty(),
                List.of(phone("+79161234567"), email("A@shop.ru")), T0)))
                .isInstanceOf(RetryableConflictException.class);
        assertThat(store.findById(ACME, CustomerId.of("b"))).isEmpty();
        assertThat(store.findByIdentifier(ACME, phone("+79161234567").key())).isEmpty();
        // another tenant may hold the same value
        store.save(Customer.create(CustomerId.of("b"), TenantId.of("other"), Profile.empty(),
                List.of(email("a@shop.ru")), T0));
    }

    @Test
    void transactionsRetryOnlyRetryableConflictsAndCountAttempts() {
        ImmediateTransactions transactions = new ImmediateTransactions(3);
        int[] calls = {0};

        String result = transactions.inTransaction(() -> {
            if (++calls[0] < 3) {
                throw new RetryableConflictException("race", null);
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(transactions.lastAttempts()).isEqualTo(3);
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            throw new IllegalStateException("not retryable");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(transactions.lastAttempts()).isEqualTo(1);
        assertThat(transactions.retries()).isEqualTo(2);
    }
}
