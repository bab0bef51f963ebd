package io.clientele.application.service;

import io.clientele.application.fake.FixedClock;
import io.clientele.application.fake.ImmediateTransactions;
import io.clientele.application.fake.InMemoryCustomerStore;
import io.clientele.application.fake.InMemoryMergeJournal;
import io.clientele.application.fake.InMemoryTenantCatalog;
import io.clientele.application.fake.InMemoryTenantStore;
import io.clientele.application.fake.SequentialIds;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertResult;
import io.clientele.application.port.in.UpsertResult.Outcome;
import io.clientele.application.port.out.RetriesExhaustedException;
import io.clientele.application.port.out.RetryableConflictException;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.customer.Profile;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierConflictException;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.shared.NotFoundException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.shared.Violation;
import io.clientele.domain.tenant.MergePolicy;
import io.clientele.domain.tenant.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.clientele.application.fake.TestData.active;
import static io.clientele.application.fake.TestData.email;
import static io.clientele.application.fake.TestData.phone;
import static io.clientele.application.fake.TestData.stored;
import static io.clientele.application.fake.TestData.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

class UpsertCustomerServiceTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId STRICT = TenantId.of("strict");

    private final InMemoryTenantStore tenantStore = new InMemoryTenantStore();
    private final InMemoryCustomerStore store = new InMemoryCustomerStore();
    private final ImmediateTransactions transactions = new ImmediateTransactions(5);
    private final InMemoryMergeJournal journal = new InMemoryMergeJournal();
    private final SequentialIds ids = new SequentialIds("c");
    private final FixedClock clock = new FixedClock(Instant.parse("2024-03-01T10:00:00Z"));
    private UpsertCustomerService service;

    @BeforeEach
    void setUp() {
        tenantStore.insertIfAbsent(tenant("acme", "RU", MergePolicy.MERGE));
        tenantStore.insertIfAbsent(tenant("strict", "RU", MergePolicy.REJECT));
        tenantStore.insertIfAbsent(tenant("other", "FI", MergePolicy.MERGE));
        service = new UpsertCustomerService(new TenantDirectory(tenantStore, transactions), store, store, journal,
                new CustomerEdits(new InMemoryTenantCatalog(), transactions, ids),
                new PushDeviceMoves(store, store), transactions, ids, clock);
    }

    @Test
    void noneKnownCreatesACustomerWithAllIdentifiersAndTheProfile() {
        UpsertResult result = service.upsert(command(ACME,
                List.of(IdentifierInput.of("email", " Anna.Petrova@Shop.RU "), IdentifierInput.of("phone", "8 916 123-45-67"),
                        IdentifierInput.of("externalId", "crm-42")),
                patch(Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.CITY, "Moscow"), Set.of())));

        assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(result.mergedFrom()).isEmpty();
        Customer created = result.customer();
        assertThat(created.id()).isEqualTo(CustomerId.of("c-0001"));
        assertThat(created.tenantId()).isEqualTo(ACME);
        assertThat(created.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.createdAt()).isEqualTo(clock.now());
        assertThat(created.identifiers()).extracting(Identifier::type, Identifier::value).containsExactly(
                tuple(IdentifierType.EMAIL, "anna.petrova@shop.ru"),
                tuple(IdentifierType.PHONE, "+79161234567"),
                tuple(IdentifierType.EXTERNAL_ID, "crm-42"));
        assertThat(created.identifiers().get(0).displayValue()).isEqualTo("Anna.Petrova@Shop.RU");
        assertThat(created.profile().values())
                .isEqualTo(Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.CITY, "Moscow"));

        Customer persisted = store.findById(ACME, created.id()).orElseThrow();
        assertThat(persisted.identifiers()).hasSize(3);
        assertThat(persisted.profile()).isEqualTo(created.profile());
        assertThat(store.versionOf(ACME, created.id())).isEqualTo(1);
        assertThat(store.holders(ACME, created.identifiers().stream().map(Identifier::key).toList()))
                .hasSize(3).containsValue(created.id());
    }

    @Test
    void sameEmailInAnotherCaseUpdatesTheSameCustomerAddingThePhoneAndPatchingTheProfile() {
        CustomerId id = service.upsert(command(ACME, List.of(IdentifierInput.of("email", "anna@shop.ru")),
                patch(Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.CITY, "Moscow"), Set.of())))
                .customer().id();
        clock.advance(Duration.ofMinutes(5));

        UpsertResult result = service.upsert(command(ACME,
                List.of(IdentifierInput.of("email", "ANNA@Shop.ru"), IdentifierInput.of("phone", "+7 916 123 45 67")),
                patch(Map.of(ProfileField.LAST_NAME, "Petrova"), Set.of(ProfileField.CITY))));

        assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
        Customer updated = result.customer();
        assertThat(updated.id()).isEqualTo(id);
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.updatedAt()).isEqualTo(clock.now());
        assertThat(updated.identifiers()).extracting(Identifier::value)
                .containsExactly("anna@shop.ru", "+79161234567");
        // the email keeps the spelling it was first sent in
        assertThat(updated.identifiers().get(0).displayValue()).isEqualTo("anna@shop.ru");
        assertThat(updated.profile().values())
                .isEqualTo(Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.LAST_NAME, "Petrova"));

        assertThat(store.count(ACME)).isEqualTo(1);
        Customer persisted = store.findById(ACME, id).orElseThrow();
        assertThat(persisted.loadedVersion()).isEqualTo(2);
        assertThat(persisted.profile()).isEqualTo(updated.profile());
        assertThat(store.findByIdentifier(ACME, phone("+79161234567").key())).map(Customer::id).contains(id);
    }

    // a REJECT tenant: under MERGE (the default) DOMAIN.md rule 3 asks for a merge into the oldest, not implemented yet
    @Test
    void identifiersHeldByTwoCustomersAreRefusedNamingBothSorted() {
        store.seed(active(STRICT, "c-0200", email("anna@shop.ru")));
        store.seed(active(STRICT, "c-0100", phone("+79161234567")));

        IdentifierConflictException conflict = catchThrowableOfType(() -> service.upsert(command(STRICT,
                List.of(IdentifierInput.of("email", "anna@shop.ru"), IdentifierInput.of("phone", "89161234567"),
                        IdentifierInput.of("externalId", "crm-7")),
                ProfilePatch.none())), IdentifierConflictException.class);

        assertThat(conflict).isNotNull();
        assertThat(conflict.code()).isEqualTo("identifiers-held-by-several-customers");
        assertThat(conflict.customerIds()).containsExactly("c-0100", "c-0200");
        assertThat(store.saveCount()).isZero();
        assertThat(store.holders(STRICT, List.of(new IdentifierKey("externalId",
                "crm-7")))).isEmpty();
    }

    @Test
    void noIdentifiersIsAValidationErrorAtTheIdentifiersPointer() {
        ValidationException e = catchThrowableOfType(() -> service.upsert(command(ACME, List.of(),
                patch(Map.of(ProfileField.FIRST_NAME, "Anna"), Set.of()))), ValidationException.class);

        assertThat(e).isNotNull();
        assertThat(e.violations()).extracting(Violation::pointer, Violation::code)
                .containsExactly(tuple("/identifiers", "identifier-required"));
        assertThat(store.saveCount()).isZero();
    }

    @Test
    void identifierPointerOfTheCommandLocatesTheErrors() {
        UpsertCustomerCommand command = new UpsertCustomerCommand(ACME,
                List.of(IdentifierInput.of("email", "anna@shop.ru"), IdentifierInput.of("email", "not-an-email")),
                ProfilePatch.none(), "/records/3/ids", "API", "key-1");

        ValidationException e = catchThrowableOfType(() -> service.upsert(command), ValidationException.class);

        assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/records/3/ids/1/value");
    }

    @Test
    void everyInvalidIdentifierIsListedWithItsPointer() {
        ValidationException e = catchThrowableOfType(() -> service.upsert(command(ACME, List.of(
                IdentifierInput.of("email", "anna@shop.ru"),
                IdentifierInput.of("email", "anna@"),
                IdentifierInput.of("fax", "12345"),
                IdentifierInput.of("phone", "0000000000"),
                IdentifierInput.of("email", "test@test.com"),
                new IdentifierInput("externalId", null, "crm-1", "web site!", null, null, null, null),
                new IdentifierInput("softLink", null, "card-1", null, null, null, null, null),
                IdentifierInput.softLink("x".repeat(101), "card-2")),
                ProfilePatch.none())), ValidationException.class);

        assertThat(e).isNotNull();
        assertThat(e.violations()).extracting(Violation::pointer, Violation::code).containsExactly(
                tuple("/identifiers/1/value", "invalid-email"),
                tuple("/identifiers/2/type", "unknown-identifier-type"),
                tuple("/identifiers/3/value", "placeholder-value"),
                tuple("/identifiers/4/value", "placeholder-value"),
                tuple("/identifiers/5/source", "invalid-source"),
                tuple("/identifiers/6/name", "invalid-soft-link-name"),
                tuple("/identifiers/7/name", "invalid-soft-link-name"));
        assertThat(store.saveCount()).isZero();
        assertThat(store.count(ACME)).isZero();
    }

    @Test
    void defaultSourceIsRecordedWhenNoneIsGivenAndAnExplicitSourceIsUpperCased() {
        UpsertResult result = service.upsert(command(ACME, List.of(
                IdentifierInput.of("email", "anna@shop.ru"),
                new IdentifierInput("phone", null, "+79161234567", " mobile_app ", "acc-1", true, true, false)),
                ProfilePatch.none()));

        List<Identifier> identifiers = store.findById(ACME, result.customer().id()).orElseThrow().identifiers();
        assertThat(identifiers.get(0).source()).isEqualTo("API");
        Identifier phone = identifiers.get(1);
        assertThat(phone.source()).isEqualTo("MOBILE_APP");
        assertThat(phone.accountId()).isEqualTo("acc-1");
        assertThat(phone.primary()).isTrue();
        assertThat(phone.verified()).isTrue();
        assertThat(phone.subscribed()).isFalse();
    }

    @Test
    void theCommandsDefaultSourceIsUsedForIdentifiersWithoutOne() {
        UpsertCustomerCommand command = new UpsertCustomerCommand(ACME,
                List.of(IdentifierInput.of("email", "anna@shop.ru")), ProfilePatch.none(), null, "RETAILROCKET",
                "key-1");

        assertThat(service.upsert(command).customer().identifiers().get(0).source()).isEqualTo("RETAILROCKET");
    }

    // FORGOTTEN is left out on purpose: forgetting releases the identifiers (DOMAIN.md "Lifecycle"), so a forgotten
    // customer never holds one in the index. A MERGED customer holds none either (they moved to the survivor); an
    // index read that still names one was stale, which retries (see aHolderMergedAwayMeanwhileMakesTheWriteRetry).
    @ParameterizedTest
    @EnumSource(value = LifecycleState.class, names = {"DELETED"})
    void anIdentifierHeldByACustomerThatIsNotActiveIsReserved(LifecycleState state) {
        store.seed(active(ACME, "c-0001", email("survivor@shop.ru")));
        store.seed(stored(ACME, "c-0002", state, state == LifecycleState.MERGED ? CustomerId.of("c-0001") : null,
                List.of(email("anna@shop.ru"))));

        ConflictException conflict = catchThrowableOfType(() -> service.upsert(command(ACME,
                List.of(IdentifierInput.of("email", "anna@shop.ru"), IdentifierInput.of("phone", "+79161234567")),
                patch(Map.of(ProfileField.FIRST_NAME, "Anna"), Set.of()))), ConflictException.class);

        assertThat(conflict).isNotNull();
        assertThat(conflict.code()).isEqualTo("identifier-reserved");
        assertThat(store.saveCount()).isZero();
        assertThat(store.count(ACME)).isEqualTo(2);
        assertThat(store.findByIdentifier(ACME, phone("+79161234567").key())).isEmpty();
    }

    @Test
    void anUnchangedUpsertDoesNotBumpTheVersion() {
        UpsertCustomerCommand command = command(ACME,
                List.of(IdentifierInput.of("email", "anna@shop.ru"), IdentifierInput.of("phone", "+79161234567")),
                patch(Map.of(ProfileField.FIRST_NAME, "Anna"), Set.of(ProfileField.CITY)));
        Customer created = service.upsert(command).customer();
        Instant createdAt = clock.now();
        clock.advance(Duration.ofHours(1));

        UpsertResult again = service.upsert(command(ACME,
                List.of(IdentifierInput.of("phone", "8 916 123 45 67"), IdentifierInput.of("email", "Anna@Shop.ru")),
                patch(Map.of(ProfileField.FIRST_NAME, "Anna"), Set.of(ProfileField.CITY))));

        assertThat(again.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(again.customer().id()).isEqualTo(created.id());
        assertThat(again.customer().hasChanges()).isFalse();
        assertThat(again.customer().version()).isEqualTo(1);
        assertThat(again.customer().updatedAt()).isEqualTo(createdAt);
        assertThat(store.saveCount()).isEqualTo(1);
        assertThat(store.versionOf(ACME, created.id())).isEqualTo(1);
    }

    @Test
    void aConcurrentClaimOfTheIdentifierIsRetriedAndUpdatesTheWinner() {
        // another request creates the customer between our "nobody holds it" and our insert
        store.beforeNextSave(() -> store.save(Customer.create(CustomerId.of("winner"), ACME,
                new Profile(Map.of(ProfileField.FIRST_NAME, "Anna")), List.of(email("anna@shop.ru")),
                clock.now())));

        UpsertResult result = service.upsert(command(ACME,
                List.of(IdentifierInput.of("email", "anna@shop.ru"), IdentifierInput.of("phone", "+79161234567")),
                patch(Map.of(ProfileField.LAST_NAME, "Petrova"), Set.of())));

        assertThat(transactions.lastAttempts()).isEqualTo(2);
        assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(result.customer().id()).isEqualTo(CustomerId.of("winner"));
        assertThat(store.count(ACME)).isEqualTo(1);
        Customer persisted = store.findById(ACME, CustomerId.of("winner")).orElseThrow();
        assertThat(persisted.loadedVersion()).isEqualTo(2);
        assertThat(persisted.identifiers()).extracting(Identifier::value)
                .containsExactly("anna@shop.ru", "+79161234567");
        assertThat(persisted.profile().values())
                .isEqualTo(Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.LAST_NAME, "Petrova"));
    }

    @Test
    void aTransientConflictOnCreateIsRetriedAndCreatesOnce() {
        store.failNextSaves(1);

        UpsertResult result = service.upsert(command(ACME, List.of(IdentifierInput.of("email", "anna@shop.ru")),
                ProfilePatch.none()));

        assertThat(transactions.lastAttempts()).isEqualTo(2);
        assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(store.count(ACME)).isEqualTo(1);
        assertThat(store.findById(ACME, result.customer().id())).isPresent();
    }

    @Test
    void aVersionMovedByAConcurrentWriterIsRetriedAndKeepsBothChanges() {
        CustomerId id = service.upsert(command(ACME, List.of(IdentifierInput.of("email", "anna@shop.ru")),
                ProfilePatch.none())).customer().id();
        store.beforeNextSave(() -> {
            Customer other = store.lockById(ACME, id).orElseThrow();
            other.applyProfile(patch(Map.of(ProfileField.CITY, "Kazan"), Set.of()), clock.now());
            store.save(other);
        });

        UpsertResult result = service.upsert(command(ACME,
                List.of(IdentifierInput.of("email", "anna@shop.ru"), IdentifierInput.of("phone", "+79161234567")),
                patch(Map.of(ProfileField.FIRST_NAME, "Anna"), Set.of())));

        assertThat(transactions.lastAttempts()).isEqualTo(2);
        assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
        Customer persisted = store.findById(ACME, id).orElseThrow();
        assertThat(persisted.loadedVersion()).isEqualTo(3);
        assertThat(persisted.profile().values())
                .isEqualTo(Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.CITY, "Kazan"));
        assertThat(persisted.identifiers()).hasSize(2);
    }

    @Test
    void retriesAreBounded() {
        store.failNextSaves(100);

        assertThatThrownBy(() -> service.upsert(command(ACME, List.of(IdentifierInput.of("email", "anna@shop.ru")),
                ProfilePatch.none()))).isInstanceOf(RetriesExhaustedException.class)
                .hasFieldOrPropertyWithValue("code", "write-contended");
        assertThat(transactions.lastAttempts()).isEqualTo(5);
        assertThat(store.count(ACME)).isZero();
    }

    @Test
    void unknownTenantIsNotFound() {
        NotFoundException e = catchThrowableOfType(() -> service.upsert(command(TenantId.of("nobody"),
                List.of(IdentifierInput.of("email", "anna@shop.ru")), ProfilePatch.none())), NotFoundException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("tenant-not-found");
        assertThat(store.saveCount()).isZero();
    }

    @Test
    void tenantsAreSeparate() {
        Customer inAcme = service.upsert(command(ACME, List.of(IdentifierInput.of("email", "anna@shop.ru")),
                ProfilePatch.none())).customer();

        UpsertResult inOther = service.upsert(command(TenantId.of("other"),
                List.of(IdentifierInput.of("email", "anna@shop.ru")), ProfilePatch.none()));

        assertThat(inOther.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(inOther.customer().id()).isNotEqualTo(inAcme.id());
        assertThat(store.count(ACME)).isEqualTo(1);
        assertThat(store.count(TenantId.of("other"))).isEqualTo(1);
    }

    @Test
    void phonesAreReadWithTheTenantsRegion() {
        // 040 123 4567 is a national Finnish number; the "other" tenant's region is FI
        UpsertResult result = service.upsert(command(TenantId.of("other"),
                List.of(IdentifierInput.of("phone", "040 123 4567")), ProfilePatch.none()));

        assertThat(result.customer().identifiers().get(0).value()).isEqualTo("+358401234567");
    }

    private static UpsertCustomerCommand command(TenantId tenant, List<IdentifierInput> identifiers,
                                                 ProfilePatch profile) {
        return new UpsertCustomerCommand(tenant, identifiers, profile, "/identifiers", "API", "key-1");
    }

    private static ProfilePatch patch(Map<ProfileField, Object> set, Set<ProfileField> removed) {
        return new ProfilePatch(set, removed);
    }
}
