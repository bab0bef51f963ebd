package io.clientele.application.service;

import io.clientele.application.fake.FixedClock;
import io.clientele.application.fake.ImmediateTransactions;
import io.clientele.application.fake.InMemoryCustomerStore;
import io.clientele.application.fake.InMemoryMergeJournal;
import io.clientele.application.fake.InMemoryTenantStore;
import io.clientele.application.fake.SequentialIds;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.application.port.in.MergeCustomersCommand;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertResult;
import io.clientele.application.port.in.UpsertResult.Outcome;
import io.clientele.application.port.out.IdentifierIndex;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.CustomerSnapshot;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.customer.Profile;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierConflictException;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.identity.PlaceholderPolicy;
import io.clientele.domain.merge.Merge;
import io.clientele.domain.merge.MergeReason;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.tenant.MergePolicy;
import io.clientele.domain.tenant.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.clientele.application.fake.TestData.T0;
import static io.clientele.application.fake.TestData.email;
import static io.clientele.application.fake.TestData.phone;
import static io.clientele.application.fake.TestData.stored;
import static io.clientele.application.fake.TestData.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

/** Upserts whose identifiers are spread over several customers (DOMAIN.md "Identity rules" 3 and 4). */
class UpsertMergeTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId STRICT = TenantId.of("strict");
    private static final Instant LATER = T0.plus(Duration.ofHours(1));
    private static final Identifier CRM_7 = Identifier.parse(IdentifierType.EXTERNAL_ID, null, "crm-7", "RU",
            PlaceholderPolicy.defaults());

    private final InMemoryTenantStore tenantStore = new InMemoryTenantStore();
    private final InMemoryCustomerStore store = new InMemoryCustomerStore();
    private final InMemoryMergeJournal journal = new InMemoryMergeJournal();
    private final ImmediateTransactions transactions = new ImmediateTransactions(5).enlist(store).enlist(journal);
    private final SequentialIds ids = new SequentialIds("m");
    private final FixedClock clock = new FixedClock(Instant.parse("2024-03-01T10:00:00Z"));
    private UpsertCustomerService service;

    @BeforeEach
    void setUp() {
        tenantStore.insertIfAbsent(tenant("acme", "RU", MergePolicy.MERGE));
        tenantStore.insertIfAbsent(tenant("strict", "RU", MergePolicy.REJECT));
        service = upsertService(store, transactions);
    }

    private UpsertCustomerService upsertService(IdentifierIndex index, Transactions tx) {
        return new UpsertCustomerService(new TenantDirectory(tenantStore, tx), store, index, journal,
                new CustomerEdits(new io.clientele.application.fake.InMemoryTenantCatalog(), tx, ids),
                new PushDeviceMoves(store, index), tx, ids, clock);
    }

    private static Customer customer(TenantId tenant, String id, Instant createdAt, Map<ProfileField, Object> profile,
                                     Identifier... identifiers) {
        return Customer.reconstitute(CustomerId.of(id), tenant, LifecycleState.ACTIVE, 1, new Profile(profile),
                List.of(identifiers), createdAt, createdAt, null);
    }

    private static UpsertCustomerCommand command(TenantId tenant, List<IdentifierInput> identifiers,
                                                 ProfilePatch profile) {
        return new UpsertCustomerCommand(tenant, identifiers, profile, "/identifiers", "API", "key-1");
    }

    private static ProfilePatch patch(Map<ProfileField, Object> set) {
        return new ProfilePatch(set, Set.of());
    }

    private Customer load(TenantId tenant, String id) {
        return store.findById(tenant, CustomerId.of(id)).orElseThrow();
    }

    private CustomerId holderOf(TenantId tenant, Identifier identifier) {
        return store.holders(tenant, List.of(identifier.key())).get(identifier.key());
    }

    private void seedTwoHolders(TenantId tenant, Instant olderCreatedAt, Instant newerCreatedAt) {
        // the customer with the larger id is the older one unless the creation times are equal
        store.seed(customer(tenant, "c-0200", olderCreatedAt, Map.of(ProfileField.FIRST_NAME, "Anna"),
                email("anna@shop.ru")));
        store.seed(customer(tenant, "c-0100", newerCreatedAt,
                Map.of(ProfileField.FIRST_NAME, "Anya", ProfileField.LAST_NAME, "Petrova"), phone("+79161234567")));
    }

    private static List<IdentifierInput> annasEmailAndPhone() {
        return List.of(IdentifierInput.of("email", "anna@shop.ru"), IdentifierInput.of("phone", "8 916 123-45-67"));
    }

    // --- merge into the oldest ---

    @Test
    void twoHoldersAreMergedIntoTheEarlierCreatedOne() {
        seedTwoHolders(ACME, T0, LATER);
        CustomerSnapshot survivorBefore = load(ACME, "c-0200").snapshot();
        CustomerSnapshot absorbedBefore = load(ACME, "c-0100").snapshot();

        UpsertResult result = service.upsert(command(ACME, List.of(IdentifierInput.of("email", "anna@shop.ru"),
                IdentifierInput.of("phone", "8 916 123-45-67"), IdentifierInput.of("externalId", "crm-7")),
                patch(Map.of(ProfileField.CITY, "Moscow"))));

        assertThat(result.outcome()).isEqualTo(Outcome.MERGED);
        assertThat(result.customer().id()).isEqualTo(CustomerId.of("c-0200"));
        assertThat(result.mergedFrom()).containsExactly(CustomerId.of("c-0100"));

        Customer survivor = load(ACME, "c-0200");
        assertThat(survivor.isActive()).isTrue();
        assertThat(survivor.profile().values()).isEqualTo(Map.of(ProfileField.FIRST_NAME, "Anna",
                ProfileField.LAST_NAME, "Petrova", ProfileField.CITY, "Moscow"));
        assertThat(survivor.identifiers()).extracting(Identifier::value)
                .containsExactlyInAnyOrder("anna@shop.ru", "+79161234567", "crm-7");
        Customer absorbed = load(ACME, "c-0100");
        assertThat(absorbed.state()).isEqualTo(LifecycleState.MERGED);
        assertThat(absorbed.mergedInto()).isEqualTo(CustomerId.of("c-0200"));
        assertThat(absorbed.identifiers()).isEmpty();
        assertThat(holderOf(ACME, phone("+79161234567"))).isEqualTo(CustomerId.of("c-0200"));
        assertThat(holderOf(ACME, CRM_7)).isEqualTo(CustomerId.of("c-0200"));

        assertThat(journal.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo("m-0001");
            assertThat(entry.survivorId()).isEqualTo(CustomerId.of("c-0200"));
            assertThat(entry.absorbedId()).isEqualTo(CustomerId.of("c-0100"));
            assertThat(entry.reason()).isEqualTo(MergeReason.SHARED_IDENTIFIERS);
            assertThat(entry.actor()).isEqualTo("key-1");
            assertThat(entry.at()).isEqualTo(clock.now());
            // the survivor as the write would have left it without the merge: a revert keeps the write's city
            assertThat(entry.survivorBefore().profile().values()).isEqualTo(Map.of(ProfileField.FIRST_NAME, "Anna",
                    ProfileField.CITY, "Moscow"));
            assertThat(entry.survivorBefore().identifiers()).isEqualTo(survivorBefore.identifiers());
            assertThat(entry.survivorBefore().version()).isEqualTo(survivorBefore.version());
            assertThat(entry.absorbedBefore()).isEqualTo(absorbedBefore);
            assertThat(entry.survivorVersionAfter()).isEqualTo(survivor.loadedVersion());
            assertThat(entry.isReverted()).isFalse();
        });
        assertThat(survivor.loadedVersion()).isEqualTo(2);
    }

    @Test
    void equalCreationTimesAreBrokenByTheSmallerId() {
        seedTwoHolders(ACME, T0, T0);

        UpsertResult result = service.upsert(command(ACME, annasEmailAndPhone(), ProfilePatch.none()));

        assertThat(result.outcome()).isEqualTo(Outcome.MERGED);
        assertThat(result.customer().id()).isEqualTo(CustomerId.of("c-0100"));
        assertThat(result.mergedFrom()).containsExactly(CustomerId.of("c-0200"));
        assertThat(load(ACME, "c-0200").mergedInto()).isEqualTo(CustomerId.of("c-0100"));
        // the survivor's own first name wins
        assertThat(load(ACME, "c-0100").profile().get(ProfileField.FIRST_NAME)).isEqualTo("Anya");
        assertThat(journal.entries()).singleElement()
                .satisfies(entry -> assertThat(entry.survivorId()).isEqualTo(CustomerId.of("c-0100")));
    }

    @Test
    void threeHoldersAreMergedIntoTheOldestWithOneJournalEntryEach() {
        store.seed(customer(ACME, "c-0100", LATER, Map.of(ProfileField.FIRST_NAME, "Anya",
                ProfileField.LAST_NAME, "Petrova"), phone("+79161234567")));
        store.seed(customer(ACME, "c-0300", T0, Map.of(ProfileField.FIRST_NAME, "Anna"), email("anna@shop.ru")));
        store.seed(customer(ACME, "c-0200", LATER, Map.of(ProfileField.LAST_NAME, "Ivanova",
                ProfileField.CITY, "Kazan"), CRM_7, email("anya@shop.ru")));
        CustomerSnapshot before100 = load(ACME, "c-0100").snapshot();
        CustomerSnapshot before200 = load(ACME, "c-0200").snapshot();
        CustomerSnapshot before300 = load(ACME, "c-0300").snapshot();

        UpsertResult result = service.upsert(command(ACME, List.of(IdentifierInput.of("externalId", "crm-7"),
                IdentifierInput.of("phone", "+79161234567"), IdentifierInput.of("email", "anna@shop.ru")),
                patch(Map.of(ProfileField.ZIP_CODE, "101000"))));

        CustomerId survivorId = CustomerId.of("c-0300");
        assertThat(result.outcome()).isEqualTo(Outcome.MERGED);
        assertThat(result.customer().id()).isEqualTo(survivorId);
        assertThat(result.mergedFrom()).containsExactly(CustomerId.of("c-0100"), CustomerId.of("c-0200"));

        Customer survivor = load(ACME, "c-0300");
        // survivor's values win; blanks are filled by the absorbed customers, oldest (then smallest id) first
        assertThat(survivor.profile().values()).isEqualTo(Map.of(ProfileField.FIRST_NAME, "Anna",
                ProfileField.LAST_NAME, "Petrova", ProfileField.CITY, "Kazan", ProfileField.ZIP_CODE, "101000"));
        assertThat(survivor.identifiers()).extracting(Identifier::value).containsExactlyInAnyOrder(
                "anna@shop.ru", "+79161234567", "crm-7", "anya@shop.ru");
        for (String absorbedId : List.of("c-0100", "c-0200")) {
            Customer absorbed = load(ACME, absorbedId);
            assertThat(absorbed.state()).isEqualTo(LifecycleState.MERGED);
            assertThat(absorbed.mergedInto()).isEqualTo(survivorId);
            assertThat(absorbed.identifiers()).isEmpty();
        }
        assertThat(holderOf(ACME, email("anya@shop.ru"))).isEqualTo(survivorId);

        List<Merge> entries = journal.entries();
        assertThat(entries).extracting(Merge::absorbedId)
                .containsExactly(CustomerId.of("c-0100"), CustomerId.of("c-0200"));
        assertThat(entries).extracting(Merge::survivorId).containsOnly(survivorId);
        assertThat(entries).extracting(Merge::reason).containsOnly(MergeReason.SHARED_IDENTIFIERS);
        assertThat(entries).extracting(Merge::survivorVersionAfter).containsOnly(survivor.loadedVersion());
        assertThat(entries).extracting(Merge::id).doesNotHaveDuplicates();
        assertThat(entries.get(0).survivorBefore().profile().values()).isEqualTo(Map.of(ProfileField.FIRST_NAME,
                "Anna", ProfileField.ZIP_CODE, "101000"));
        assertThat(entries.get(0).survivorBefore().identifiers()).isEqualTo(before300.identifiers());
        assertThat(entries.get(0).absorbedBefore()).isEqualTo(before100);
        assertThat(entries.get(1).absorbedBefore()).isEqualTo(before200);
        // the second merge's "before" is the survivor after the first one
        assertThat(entries.get(1).survivorBefore().identifiers()).extracting(Identifier::value)
                .containsExactlyInAnyOrder("anna@shop.ru", "+79161234567");
        assertThat(survivor.loadedVersion()).isEqualTo(2);
        assertThat(store.count(ACME)).isEqualTo(3);
    }

    @Test
    void aMergingUpsertCanBeRevertedLikeAnExplicitMerge() {
        // already seen from the upsert's source, so the upsert itself adds no sighting (a revert keeps those)
        store.seed(customer(ACME, "c-0200", T0, Map.of(ProfileField.FIRST_NAME, "Anna"),
                email("anna@shop.ru").seenAt("API", null, null, null, null)));
        store.seed(customer(ACME, "c-0100", LATER, Map.of(ProfileField.FIRST_NAME, "Anya",
                ProfileField.LAST_NAME, "Petrova"), phone("+79161234567").seenAt("API", null, null, null, null)));
        Customer survivorBefore = load(ACME, "c-0200");
        Customer absorbedBefore = load(ACME, "c-0100");
        service.upsert(command(ACME, annasEmailAndPhone(), ProfilePatch.none()));
        MergeCustomersService merges = new MergeCustomersService(new TenantDirectory(tenantStore, transactions),
                store, journal, transactions, ids, clock);

        merges.revert(ACME, journal.entries().get(0).id(), "key-2");

        Customer survivor = load(ACME, "c-0200");
        Customer absorbed = load(ACME, "c-0100");
        assertThat(survivor.profile()).isEqualTo(survivorBefore.profile());
        assertThat(Set.copyOf(survivor.identifiers())).isEqualTo(Set.copyOf(survivorBefore.identifiers()));
        assertThat(absorbed.isActive()).isTrue();
        assertThat(absorbed.profile()).isEqualTo(absorbedBefore.profile());
        assertThat(Set.copyOf(absorbed.identifiers())).isEqualTo(Set.copyOf(absorbedBefore.identifiers()));
        assertThat(holderOf(ACME, phone("+79161234567"))).isEqualTo(CustomerId.of("c-0100"));
        assertThat(journal.entries().get(0).isReverted()).isTrue();
    }

    @Test
    void revertingAMergingUpsertUndoesTheMergeAndKeepsWhatTheWriteItselfSet() {
        store.seed(customer(ACME, "c-0200", T0, Map.of(ProfileField.FIRST_NAME, "Anna"),
                email("anna@shop.ru").seenAt("API", null, null, null, null)));
        store.seed(customer(ACME, "c-0100", LATER, Map.of(ProfileField.FIRST_NAME, "Anya",
                ProfileField.LAST_NAME, "Petrova"), phone("+79161234567").seenAt("API", null, null, null, null)));
        service.upsert(command(ACME, annasEmailAndPhone(), patch(Map.of(ProfileField.CITY, "Kazan"))));
        assertThat(load(ACME, "c-0200").profile().get(ProfileField.LAST_NAME)).isEqualTo("Petrova");
        MergeCustomersService merges = new MergeCustomersService(new TenantDirectory(tenantStore, transactions),
                store, journal, transactions, ids, clock);

        merges.revert(ACME, journal.entries().get(0).id(), "key-2");

        Customer survivor = load(ACME, "c-0200");
        // the write's city stays (it was restored away with the before-image taken before the write); the last name
        // the merge filled in goes back with the absorbed customer
        assertThat(survivor.profile().get(ProfileField.CITY)).isEqualTo("Kazan");
        assertThat(survivor.profile().get(ProfileField.FIRST_NAME)).isEqualTo("Anna");
        assertThat(survivor.profile().get(ProfileField.LAST_NAME)).isNull();
        assertThat(load(ACME, "c-0100").profile().get(ProfileField.LAST_NAME)).isEqualTo("Petrova");
    }

    // --- reject ---

    @Test
    void underRejectSeveralHoldersAreAConflictAndNothingIsWritten() {
        seedTwoHolders(STRICT, T0, LATER);
        store.seed(customer(STRICT, "c-0300", T0, Map.of(), CRM_7));
        List<Customer> before = store.all(STRICT);

        IdentifierConflictException conflict = catchThrowableOfType(() -> service.upsert(command(STRICT,
                List.of(IdentifierInput.of("email", "anna@shop.ru"), IdentifierInput.of("phone", "+79161234567"),
                        IdentifierInput.of("externalId", "crm-7"), IdentifierInput.of("email", "new@shop.ru")),
                patch(Map.of(ProfileField.CITY, "Moscow")))), IdentifierConflictException.class);

        assertThat(conflict).isNotNull();
        assertThat(conflict.code()).isEqualTo("identifiers-held-by-several-customers");
        assertThat(conflict.customerIds()).containsExactly("c-0100", "c-0200", "c-0300");
        assertThat(store.saveCount()).isZero();
        assertThat(journal.entries()).isEmpty();
        assertThat(store.all(STRICT)).extracting(Customer::snapshot)
                .containsExactlyElementsOf(before.stream().map(Customer::snapshot).toList());
        assertThat(holderOf(STRICT, email("new@shop.ru"))).isNull();
    }

    @Test
    void underRejectOneHolderIsStillUpdated() {
        seedTwoHolders(STRICT, T0, LATER);

        UpsertResult result = service.upsert(command(STRICT, List.of(IdentifierInput.of("email", "anna@shop.ru"),
                IdentifierInput.of("externalId", "crm-7")), ProfilePatch.none()));

        assertThat(result.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(result.customer().id()).isEqualTo(CustomerId.of("c-0200"));
        assertThat(holderOf(STRICT, CRM_7)).isEqualTo(CustomerId.of("c-0200"));
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void aDeletedHolderAmongSeveralRefusesTheWholeWrite() {
        seedTwoHolders(ACME, T0, LATER);
        store.seed(stored(ACME, "c-0050", LifecycleState.DELETED, null, List.of(CRM_7)));

        ConflictException conflict = catchThrowableOfType(() -> service.upsert(command(ACME,
                List.of(IdentifierInput.of("email", "anna@shop.ru"), IdentifierInput.of("phone", "+79161234567"),
                        IdentifierInput.of("externalId", "crm-7")), ProfilePatch.none())), ConflictException.class);

        assertThat(conflict).isNotNull();
        assertThat(conflict.code()).isEqualTo("identifier-reserved");
        assertThat(store.saveCount()).isZero();
        assertThat(journal.entries()).isEmpty();
        assertThat(load(ACME, "c-0100").isActive()).isTrue();
    }

    // --- dry run ---

    @Test
    void aDryRunMergingUpsertShowsTheOutcomeAndWritesNothing() {
        seedTwoHolders(ACME, T0, LATER);
        List<CustomerSnapshot> before = store.all(ACME).stream().map(Customer::snapshot).toList();

        UpsertResult result = service.upsert(new UpsertCustomerCommand(ACME,
                List.of(IdentifierInput.of("email", "anna@shop.ru"), IdentifierInput.of("phone", "+79161234567"),
                        IdentifierInput.of("externalId", "crm-7")),
                patch(Map.of(ProfileField.CITY, "Moscow")), "/identifiers", "API", "key-1", true));

        assertThat(result.outcome()).isEqualTo(Outcome.MERGED);
        assertThat(result.customer().id()).isEqualTo(CustomerId.of("c-0200"));
        assertThat(result.mergedFrom()).containsExactly(CustomerId.of("c-0100"));
        assertThat(result.customer().identifiers()).hasSize(3);
        assertThat(result.customer().profile().get(ProfileField.CITY)).isEqualTo("Moscow");

        assertThat(store.saveCount()).isZero();
        assertThat(journal.entries()).isEmpty();
        assertThat(store.all(ACME).stream().map(Customer::snapshot).toList()).isEqualTo(before);
        assertThat(holderOf(ACME, phone("+79161234567"))).isEqualTo(CustomerId.of("c-0100"));
        assertThat(holderOf(ACME, CRM_7)).isNull();
    }

    @Test
    void aDryRunCreateWritesNothing() {
        UpsertResult result = service.upsert(new UpsertCustomerCommand(ACME,
                List.of(IdentifierInput.of("email", "anna@shop.ru")), ProfilePatch.none(), "/identifiers", "API",
                "key-1", true));

        assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(store.count(ACME)).isZero();
        assertThat(holderOf(ACME, email("anna@shop.ru"))).isNull();
    }

    /** The store's index, except that its first answer names {@code staleHolder} for {@code key}. */
    private IdentifierIndex staleOnce(IdentifierKey key, CustomerId staleHolder) {
        return new IdentifierIndex() {
            private boolean stale = true;

            @Override
            public Map<IdentifierKey, CustomerId> holders(TenantId tenantId, Collection<IdentifierKey> keys) {
                Map<IdentifierKey, CustomerId> holders = new LinkedHashMap<>(store.holders(tenantId, keys));
                if (stale) {
                    stale = false;
                    holders.put(key, staleHolder);
                }
                return holders;
            }

            @Override
            public Map<String, CustomerId> deviceHolders(TenantId tenantId, Collection<String> deviceKeys) {
                return store.deviceHolders(tenantId, deviceKeys);
            }
        };
    }

    // --- races ---

    @Test
    void aHolderMergedAwayMeanwhileMakesTheWriteRetry() {
        // c-0200 was merged into c-0100 by a concurrent transaction, which moved the phone to c-0100; our first read
        // of the index happened just before that committed and still names c-0200
        store.seed(customer(ACME, "c-0100", T0, Map.of(ProfileField.FIRST_NAME, "Anna"), email("anna@shop.ru"),
                phone("+79161234567")));
        store.seed(stored(ACME, "c-0200", LifecycleState.MERGED, CustomerId.of("c-0100"), List.of()));
        store.seed(customer(ACME, "c-0300", LATER, Map.of(ProfileField.CITY, "Kazan"), CRM_7));
        IdentifierIndex staleOnce = staleOnce(phone("+79161234567").key(), CustomerId.of("c-0200"));
        UpsertCustomerService racing = upsertService(staleOnce, transactions);

        UpsertResult result = racing.upsert(command(ACME, List.of(IdentifierInput.of("phone", "+79161234567"),
                IdentifierInput.of("externalId", "crm-7")), ProfilePatch.none()));

        assertThat(transactions.lastAttempts()).isEqualTo(2);
        assertThat(result.outcome()).isEqualTo(Outcome.MERGED);
        assertThat(result.customer().id()).isEqualTo(CustomerId.of("c-0100"));
        assertThat(result.mergedFrom()).containsExactly(CustomerId.of("c-0300"));
        Customer survivor = load(ACME, "c-0100");
        assertThat(survivor.identifiers()).extracting(Identifier::value)
                .containsExactlyInAnyOrder("anna@shop.ru", "+79161234567", "crm-7");
        assertThat(survivor.profile().values())
                .isEqualTo(Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.CITY, "Kazan"));
        assertThat(load(ACME, "c-0300").mergedInto()).isEqualTo(CustomerId.of("c-0100"));
        // the customer merged meanwhile is left as the other transaction made it
        Customer mergedMeanwhile = load(ACME, "c-0200");
        assertThat(mergedMeanwhile.mergedInto()).isEqualTo(CustomerId.of("c-0100"));
        assertThat(mergedMeanwhile.loadedVersion()).isEqualTo(1);
        assertThat(journal.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.absorbedId()).isEqualTo(CustomerId.of("c-0300"));
            assertThat(entry.survivorVersionAfter()).isEqualTo(survivor.loadedVersion());
        });
    }

    @Test
    void aHolderForgottenMeanwhileMakesTheWriteRetryAndCreateANewCustomer() {
        // c-0400 held the email and was forgotten by a concurrent transaction (which freed its identifiers) after our
        // first read of the index: the retry finds the email free, and nothing about the erased customer shows
        store.seed(stored(ACME, "c-0400", LifecycleState.FORGOTTEN, null, List.of()));
        IdentifierIndex staleOnce = staleOnce(email("anna@shop.ru").key(), CustomerId.of("c-0400"));
        UpsertCustomerService racing = upsertService(staleOnce, transactions);

        UpsertResult result = racing.upsert(command(ACME, List.of(IdentifierInput.of("email", "anna@shop.ru")),
                ProfilePatch.none()));

        assertThat(transactions.lastAttempts()).isEqualTo(2);
        assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(result.customer().id()).isNotEqualTo(CustomerId.of("c-0400"));
        assertThat(load(ACME, "c-0400").state()).isEqualTo(LifecycleState.FORGOTTEN);
    }

    @Test
    void anAbsorbedCustomerMergedElsewhereBeforeOurSaveMakesTheWriteRetry() {
        // the concurrent merge must survive our failed attempt: these transactions don't roll the fakes back
        ImmediateTransactions committing = new ImmediateTransactions(5);
        UpsertCustomerService racing = upsertService(store, committing);
        MergeCustomersService otherWriter = new MergeCustomersService(
                new TenantDirectory(tenantStore, new ImmediateTransactions()), store, journal,
                new ImmediateTransactions(), new SequentialIds("x"), clock);
        seedTwoHolders(ACME, T0, LATER);                       // c-0200 (older) and c-0100
        store.seed(customer(ACME, "c-0300", LATER.plus(Duration.ofHours(1)), Map.of(ProfileField.CITY, "Kazan"),
                CRM_7));
        // just before we save the absorbed c-0100, another request merges it into c-0300
        store.beforeNextSave(() -> otherWriter.merge(new MergeCustomersCommand(ACME, CustomerId.of("c-0300"),
                CustomerId.of("c-0100"), false, "key-9")));

        UpsertResult result = racing.upsert(command(ACME, annasEmailAndPhone(), ProfilePatch.none()));

        assertThat(committing.lastAttempts()).isEqualTo(2);
        assertThat(result.outcome()).isEqualTo(Outcome.MERGED);
        assertThat(result.customer().id()).isEqualTo(CustomerId.of("c-0200"));
        assertThat(result.mergedFrom()).containsExactly(CustomerId.of("c-0300"));
        Customer survivor = load(ACME, "c-0200");
        assertThat(survivor.identifiers()).extracting(Identifier::value)
                .containsExactlyInAnyOrder("anna@shop.ru", "+79161234567", "crm-7");
        assertThat(load(ACME, "c-0100").mergedInto()).isEqualTo(CustomerId.of("c-0300"));
        assertThat(load(ACME, "c-0300").mergedInto()).isEqualTo(CustomerId.of("c-0200"));
        assertThat(holderOf(ACME, phone("+79161234567"))).isEqualTo(CustomerId.of("c-0200"));
        assertThat(journal.entries()).extracting(Merge::survivorId, Merge::absorbedId).containsExactly(
                tuple(CustomerId.of("c-0300"), CustomerId.of("c-0100")),
                tuple(CustomerId.of("c-0200"), CustomerId.of("c-0300")));
        assertThat(journal.entries().get(1).survivorVersionAfter()).isEqualTo(survivor.loadedVersion());
    }

    @Test
    void aFailedMergingAttemptIsRolledBackBeforeTheRetry() {
        seedTwoHolders(ACME, T0, LATER);
        // the absorbed customer is saved, then the survivor's save loses once
        store.beforeNextSave(() -> store.beforeNextSave(() -> store.failNextSaves(1)));

        UpsertResult result = service.upsert(command(ACME, annasEmailAndPhone(), ProfilePatch.none()));

        assertThat(transactions.lastAttempts()).isEqualTo(2);
        assertThat(result.outcome()).isEqualTo(Outcome.MERGED);
        assertThat(journal.entries()).hasSize(1);
        assertThat(load(ACME, "c-0100").loadedVersion()).isEqualTo(2);
        assertThat(load(ACME, "c-0200").loadedVersion()).isEqualTo(2);
    }
}
