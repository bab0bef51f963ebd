package io.clientele.application.service;

import io.clientele.application.fake.FixedClock;
import io.clientele.application.fake.ImmediateTransactions;
import io.clientele.application.fake.InMemoryCustomerStore;
import io.clientele.application.fake.InMemoryMergeJournal;
import io.clientele.application.fake.InMemoryTenantStore;
import io.clientele.application.port.in.IdentifierCommand;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.customer.Profile;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierConflictException;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.identity.SourceAccount;
import io.clientele.domain.shared.NotFoundException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.shared.Violation;
import io.clientele.domain.tenant.MergePolicy;
import io.clientele.domain.tenant.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;

import static io.clientele.application.fake.TestData.active;
import static io.clientele.application.fake.TestData.email;
import static io.clientele.application.fake.TestData.phone;
import static io.clientele.application.fake.TestData.stored;
import static io.clientele.application.fake.TestData.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

class IdentifierServiceTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId OTHER = TenantId.of("other");
    private static final CustomerId ANNA = CustomerId.of("c-0001");
    private static final CustomerId ANYA = CustomerId.of("c-0002");

    private final InMemoryTenantStore tenantStore = new InMemoryTenantStore();
    private final InMemoryCustomerStore store = new InMemoryCustomerStore();
    private final ImmediateTransactions transactions = new ImmediateTransactions(5).enlist(store)
            .enlist(new InMemoryMergeJournal());
    private final FixedClock clock = new FixedClock(Instant.parse("2024-03-01T10:00:00Z"));
    private IdentifierService service;

    @BeforeEach
    void setUp() {
        tenantStore.insertIfAbsent(tenant("acme", "RU", MergePolicy.MERGE));
        tenantStore.insertIfAbsent(tenant("other", "RU", MergePolicy.MERGE));
        store.seed(active(ACME, ANNA.value(), email("anna@shop.ru")));
        store.seed(active(ACME, ANYA.value(), email("anya@shop.ru"), phone("+79161234567")));
        service = new IdentifierService(new TenantDirectory(tenantStore, transactions), store, store,
                new FindCustomersService(new TenantDirectory(tenantStore, transactions), store, transactions),
                transactions, clock);
    }

    private static IdentifierCommand command(CustomerId customer, IdentifierInput identifier) {
        return new IdentifierCommand(ACME, customer, identifier, "API", "key-1");
    }

    private Customer load(CustomerId id) {
        return store.findById(ACME, id).orElseThrow();
    }

    private CustomerId holderOf(Identifier identifier) {
        return store.holders(ACME, List.of(identifier.key())).get(identifier.key());
    }

    // --- add ---

    @Test
    void anUnheldIdentifierIsAddedNormalisedWithTheDefaultSource() {
        Customer result = service.add(command(ANNA, IdentifierInput.of("phone", "8 (926) 123-45-67")));

        assertThat(result.version()).isEqualTo(2);
        Customer anna = load(ANNA);
        assertThat(anna.loadedVersion()).isEqualTo(2);
        assertThat(anna.updatedAt()).isEqualTo(clock.now());
        assertThat(anna.identifiers()).extracting(Identifier::value)
                .containsExactly("anna@shop.ru", "+79261234567");
        assertThat(anna.identifier(phone("+79261234567").key()).source()).isEqualTo("API");
        assertThat(holderOf(phone("+79261234567"))).isEqualTo(ANNA);
    }

    @Test
    void anIdentifierHeldByAnotherCustomerIsAConflictNamingTheHolder() {
        IdentifierConflictException e = catchThrowableOfType(
                () -> service.add(command(ANNA, IdentifierInput.of("phone", "89161234567"))),
                IdentifierConflictException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("identifier-held-by-another-customer");
        assertThat(e.customerIds()).containsExactly(ANYA.value());
        assertThat(e.getMessage()).doesNotContain("+79161234567");
        assertThat(store.saveCount()).isZero();
        assertThat(holderOf(phone("+79161234567"))).isEqualTo(ANYA);
        assertThat(load(ANNA).identifiers()).hasSize(1);
    }

    @Test
    void anIdentifierHeldByADeletedCustomerStaysReserved() {
        store.seed(stored(ACME, "c-0003", LifecycleState.DELETED, null, List.of(email("gone@shop.ru"))));

        ConflictException e = catchThrowableOfType(
                () -> service.add(command(ANNA, IdentifierInput.of("email", "Gone@Shop.ru"))),
                ConflictException.class);

        // as an upsert says it; not "remove it there first" naming a customer every read answers 404 for
        assertThat(e).isNotNull().isNotInstanceOf(IdentifierConflictException.class);
        assertThat(e.code()).isEqualTo("identifier-reserved");
        assertThat(e.getMessage()).doesNotContain("c-0003");
        assertThat(store.saveCount()).isZero();
    }

    @Test
    void addingAnIdentifierTheCustomerHoldsFromTheSameSourceChangesNothing() {
        service.add(command(ANNA, IdentifierInput.of("email", "anna@shop.ru")));
        int saves = store.saveCount();

        Customer result = service.add(command(ANNA, IdentifierInput.of("email", " ANNA@shop.ru ")));

        assertThat(result.hasChanges()).isFalse();
        assertThat(store.saveCount()).isEqualTo(saves);
        assertThat(load(ANNA).identifiers()).hasSize(1);
    }

    @Test
    void addingAnIdentifierTheCustomerHoldsFromAnotherSourceRecordsTheSighting() {
        Customer result = service.add(command(ANNA,
                new IdentifierInput("email", null, "Anna@Shop.ru", "INSTORE", "till-3", null, true, null)));

        assertThat(result.version()).isEqualTo(2);
        Identifier held = load(ANNA).identifier(email("anna@shop.ru").key());
        assertThat(held.sources()).containsExactly(new SourceAccount("INSTORE", "till-3"));
        assertThat(held.verified()).isTrue();
        assertThat(held.displayValue()).isEqualTo("anna@shop.ru");
        assertThat(holderOf(email("anna@shop.ru"))).isEqualTo(ANNA);
    }

    @Test
    void anInvalidIdentifierIsAValidationErrorAtTheValue() {
        ValidationException e = catchThrowableOfType(
                () -> service.add(command(ANNA, IdentifierInput.of("email", "test@test.com"))),
                ValidationException.class);

        assertThat(e).isNotNull();
        assertThat(e.violations()).extracting(Violation::pointer, Violation::code)
                .containsExactly(tuple("/value", "placeholder-value"));
        assertThat(store.saveCount()).isZero();
    }

    @Test
    void anAbsorbedIdLeadsToItsSurvivorAsAReadDoes() {
        store.seed(stored(ACME, "c-0003", LifecycleState.MERGED, ANNA, List.of()));

        Customer added = service.add(command(CustomerId.of("c-0003"), IdentifierInput.of("email", "new@shop.ru")));

        assertThat(added.id()).isEqualTo(ANNA);
        assertThat(holderOf(email("new@shop.ru"))).isEqualTo(ANNA);
    }

    @ParameterizedTest
    @EnumSource(value = LifecycleState.class, names = {"DELETED", "FORGOTTEN"})
    void aCustomerThatIsNotActiveIsNotFound(LifecycleState state) {
        store.seed(stored(ACME, "c-0003", state, null, List.of()));

        NotFoundException onAdd = catchThrowableOfType(() -> service.add(command(CustomerId.of("c-0003"),
                IdentifierInput.of("email", "new@shop.ru"))), NotFoundException.class);
        NotFoundException onRemove = catchThrowableOfType(() -> service.remove(command(CustomerId.of("c-0003"),
                IdentifierInput.of("email", "new@shop.ru"))), NotFoundException.class);

        assertThat(onAdd).isNotNull();
        assertThat(onAdd.code()).isEqualTo("customer-not-found");
        assertThat(onRemove).isNotNull();
        assertThat(onRemove.code()).isEqualTo("customer-not-found");
        assertThat(holderOf(email("new@shop.ru"))).isNull();
        assertThat(store.saveCount()).isZero();
    }

    @Test
    void anotherTenantsCustomerIsNotFound() {
        NotFoundException e = catchThrowableOfType(() -> service.add(new IdentifierCommand(OTHER, ANNA,
                IdentifierInput.of("email", "new@shop.ru"), "API", "key-1")), NotFoundException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("customer-not-found");
        assertThat(store.saveCount()).isZero();
    }

    // --- remove ---

    @Test
    void removingAHeldIdentifierReleasesIt() {
        Customer result = service.remove(command(ANYA, IdentifierInput.of("phone", "8 916 123 45 67")));

        assertThat(result.identifiers()).extracting(Identifier::value).containsExactly("anya@shop.ru");
        Customer anya = load(ANYA);
        assertThat(anya.loadedVersion()).isEqualTo(2);
        assertThat(anya.identifiers()).extracting(Identifier::value).containsExactly("anya@shop.ru");
        assertThat(holderOf(phone("+79161234567"))).isNull();
        assertThat(holderOf(email("anya@shop.ru"))).isEqualTo(ANYA);
    }

    @Test
    void removingAnIdentifierTheCustomerDoesNotHoldIsNotFound() {
        NotFoundException e = catchThrowableOfType(
                () -> service.remove(command(ANNA, IdentifierInput.of("phone", "+79161234567"))),
                NotFoundException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("identifier-not-found");
        assertThat(e.getMessage()).doesNotContain("+79161234567");
        // the customer who does hold it keeps it
        assertThat(holderOf(phone("+79161234567"))).isEqualTo(ANYA);
        assertThat(store.saveCount()).isZero();
    }

    @Test
    void removingASoftLinkNeedsItsName() {
        service.add(command(ANNA, IdentifierInput.softLink("loyalty card", "LC-42")));

        NotFoundException e = catchThrowableOfType(
                () -> service.remove(command(ANNA, IdentifierInput.softLink("gift card", "LC-42"))),
                NotFoundException.class);
        Customer result = service.remove(command(ANNA, IdentifierInput.softLink("loyalty card", "LC-42")));

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("identifier-not-found");
        assertThat(result.identifiers()).extracting(Identifier::value).containsExactly("anna@shop.ru");
    }

    // --- move ---

    @Test
    void anIdentifierMovesByARemoveThenAnAdd() {
        service.remove(command(ANYA, IdentifierInput.of("phone", "+79161234567")));

        Customer anna = service.add(command(ANNA, IdentifierInput.of("phone", "89161234567")));

        assertThat(anna.identifiers()).extracting(Identifier::value).containsExactly("anna@shop.ru", "+79161234567");
        assertThat(holderOf(phone("+79161234567"))).isEqualTo(ANNA);
        assertThat(load(ANYA).identifier(phone("+79161234567").key())).isNull();
        assertThat(load(ANYA).loadedVersion()).isEqualTo(2);
        assertThat(load(ANNA).loadedVersion()).isEqualTo(2);
    }

    @Test
    void anAddThatLosesARaceIsRetriedAndThenRefused() {
        // the concurrent insert must survive our failed attempt: these transactions don't roll the fakes back
        ImmediateTransactions committing = new ImmediateTransactions(5);
        IdentifierService racing = new IdentifierService(new TenantDirectory(tenantStore, committing), store, store,
                new FindCustomersService(new TenantDirectory(tenantStore, committing), store, committing),
                committing, clock);
        // between our index read and our save, another request creates a customer with that phone
        store.beforeNextSave(() -> store.save(Customer.create(CustomerId.of("c-0009"), ACME, Profile.empty(),
                List.of(phone("+79261234567")), clock.now())));

        IdentifierConflictException e = catchThrowableOfType(
                () -> racing.add(command(ANNA, IdentifierInput.of("phone", "+79261234567"))),
                IdentifierConflictException.class);

        assertThat(committing.lastAttempts()).isEqualTo(2);
        assertThat(e).isNotNull();
        assertThat(e.customerIds()).containsExactly("c-0009");
        assertThat(holderOf(phone("+79261234567"))).isEqualTo(CustomerId.of("c-0009"));
        assertThat(load(ANNA).loadedVersion()).isEqualTo(1);
    }
}
