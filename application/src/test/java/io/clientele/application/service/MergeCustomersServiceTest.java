package io.clientele.application.service;

import io.clientele.application.fake.FixedClock;
import io.clientele.application.fake.ImmediateTransactions;
import io.clientele.application.fake.InMemoryCustomerStore;
import io.clientele.application.fake.InMemoryMergeJournal;
import io.clientele.application.fake.InMemoryTenantStore;
import io.clientele.application.fake.SequentialIds;
import io.clientele.application.port.in.MergeCustomersCommand;
import io.clientele.application.port.in.MergeResult;
import io.clientele.application.port.in.RevertResult;
import io.clientele.application.port.out.RetriesExhaustedException;
import io.clientele.application.port.out.RetryableConflictException;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.customer.Profile;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.merge.Merge;
import io.clientele.domain.merge.MergeReason;
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

import static io.clientele.application.fake.TestData.T0;
import static io.clientele.application.fake.TestData.active;
import static io.clientele.application.fake.TestData.email;
import static io.clientele.application.fake.TestData.phone;
import static io.clientele.application.fake.TestData.stored;
import static io.clientele.application.fake.TestData.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

class MergeCustomersServiceTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId OTHER = TenantId.of("other");
    private static final CustomerId ANNA = CustomerId.of("c-0001");
    private static final CustomerId ANYA = CustomerId.of("c-0002");
    private static final CustomerId HANNA = CustomerId.of("c-0003");

    private final InMemoryTenantStore tenantStore = new InMemoryTenantStore();
    private final InMemoryCustomerStore store = new InMemoryCustomerStore();
    private final InMemoryMergeJournal journal = new InMemoryMergeJournal();
    private final ImmediateTransactions transactions = new ImmediateTransactions(5).enlist(store).enlist(journal);
    private final SequentialIds ids = new SequentialIds("m");
    private final FixedClock clock = new FixedClock(Instant.parse("2024-03-01T10:00:00Z"));
    private MergeCustomersService service;

    @BeforeEach
    void setUp() {
        tenantStore.insertIfAbsent(tenant("acme", "RU", MergePolicy.MERGE));
        tenantStore.insertIfAbsent(tenant("other", "RU", MergePolicy.MERGE));
        store.seed(customer(ANNA, Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.CITY, "Moscow"),
                email("anna@shop.ru")));
        store.seed(customer(ANYA, Map.of(ProfileField.FIRST_NAME, "Anya", ProfileField.LAST_NAME, "Petrova",
                ProfileField.COUNTRY, "RU"), phone("+79161234567"), email("anya@shop.ru")));
        store.seed(customer(HANNA, Map.of(ProfileField.GENDER, "f"), email("hanna@shop.ru")));
        service = new MergeCustomersService(new TenantDirectory(tenantStore, transactions), store, journal,
                transactions, ids, clock);
    }

    private static Customer customer(CustomerId id, Map<ProfileField, Object> profile, Identifier... identifiers) {
        return Customer.reconstitute(id, ACME, LifecycleState.ACTIVE, 1, new Profile(profile), List.of(identifiers),
                T0, T0, null);
    }

    private static MergeCustomersCommand merge(CustomerId survivor, CustomerId absorbed) {
        return new MergeCustomersCommand(ACME, survivor, absorbed, false, "key-1");
    }

    private Customer load(CustomerId id) {
        return store.findById(ACME, id).orElseThrow();
    }

    private CustomerId holderOf(Identifier identifier) {
        return store.holders(ACME, List.of(identifier.key())).get(identifier.key());
    }

    // --- merge ---

    @Test
    void aMergeMovesTheIdentifiersFillsBlanksAndMarksTheAbsorbedCustomer() {
        MergeResult result = service.merge(merge(ANNA, ANYA));

        Customer survivor = load(ANNA);
        assertThat(survivor.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(survivor.loadedVersion()).isEqualTo(2);
        assertThat(survivor.profile().values()).isEqualTo(Map.of(ProfileField.FIRST_NAME, "Anna",
                ProfileField.CITY, "Moscow", ProfileField.LAST_NAME, "Petrova", ProfileField.COUNTRY, "RU"));
        assertThat(survivor.identifiers()).extracting(Identifier::value)
                .containsExactlyInAnyOrder("anna@shop.ru", "+79161234567", "anya@shop.ru");
        assertThat(survivor.updatedAt()).isEqualTo(clock.now());

        Customer absorbed = load(ANYA);
        assertThat(absorbed.state()).isEqualTo(LifecycleState.MERGED);
        assertThat(absorbed.mergedInto()).isEqualTo(ANNA);
        assertThat(absorbed.identifiers()).isEmpty();
        assertThat(absorbed.loadedVersion()).isEqualTo(2);

        assertThat(holderOf(phone("+79161234567"))).isEqualTo(ANNA);
        assertThat(holderOf(email("anya@shop.ru"))).isEqualTo(ANNA);
        assertThat(result.survivor().id()).isEqualTo(ANNA);
        assertThat(result.survivor().version()).isEqualTo(2);
        // the third customer is untouched
        assertThat(load(HANNA).loadedVersion()).isEqualTo(1);
        assertThat(store.count(ACME)).isEqualTo(3);
    }

    @Test
    void aMergeIsJournaledWithBothBeforeImages() {
        Customer annaBefore = load(ANNA);
        Customer anyaBefore = load(ANYA);

        Merge entry = service.merge(merge(ANNA, ANYA)).merge();

        assertThat(journal.entries()).containsExactly(entry);
        assertThat(entry.id()).isEqualTo("m-0001");
        assertThat(entry.tenantId()).isEqualTo(ACME);
        assertThat(entry.survivorId()).isEqualTo(ANNA);
        assertThat(entry.absorbedId()).isEqualTo(ANYA);
        assertThat(entry.reason()).isEqualTo(MergeReason.EXPLICIT);
        assertThat(entry.actor()).isEqualTo("key-1");
        assertThat(entry.at()).isEqualTo(clock.now());
        assertThat(entry.isReverted()).isFalse();
        assertThat(entry.survivorBefore()).isEqualTo(annaBefore.snapshot());
        assertThat(entry.absorbedBefore()).isEqualTo(anyaBefore.snapshot());
        assertThat(entry.survivorVersionAfter()).isEqualTo(store.versionOf(ACME, ANNA));
        assertThat(service.get(ACME, entry.id())).isEqualTo(entry);
    }

    @Test
    void theNamedSurvivorSurvivesWhateverItsAge() {
        store.seed(Customer.reconstitute(CustomerId.of("c-0009"), ACME, LifecycleState.ACTIVE, 1, Profile.empty(),
                List.of(email("young@shop.ru")), T0.plus(Duration.ofDays(30)), T0.plus(Duration.ofDays(30)), null));

        service.merge(merge(CustomerId.of("c-0009"), ANNA));

        assertThat(load(ANNA).mergedInto()).isEqualTo(CustomerId.of("c-0009"));
        assertThat(load(CustomerId.of("c-0009")).profile().get(ProfileField.FIRST_NAME)).isEqualTo("Anna");
    }

    @Test
    void aDryRunMergeShowsTheOutcomeAndWritesNothing() {
        Customer annaBefore = load(ANNA);
        Customer anyaBefore = load(ANYA);

        MergeResult result = service.merge(new MergeCustomersCommand(ACME, ANNA, ANYA, true, "key-1"));

        assertThat(result.survivor().identifiers()).hasSize(3);
        assertThat(result.survivor().profile().get(ProfileField.LAST_NAME)).isEqualTo("Petrova");
        assertThat(result.merge().absorbedId()).isEqualTo(ANYA);
        assertThat(store.saveCount()).isZero();
        assertThat(journal.entries()).isEmpty();
        assertThat(load(ANNA).snapshot()).isEqualTo(annaBefore.snapshot());
        assertThat(load(ANYA).snapshot()).isEqualTo(anyaBefore.snapshot());
        assertThat(holderOf(phone("+79161234567"))).isEqualTo(ANYA);
        assertThat(catchThrowableOfType(() -> service.get(ACME, result.merge().id()), NotFoundException.class))
                .isNotNull();
    }

    @Test
    void aMergeOfAMissingCustomerIsNotFound() {
        for (MergeCustomersCommand command : List.of(merge(ANNA, CustomerId.of("c-0404")),
                merge(CustomerId.of("c-0404"), ANNA))) {
            NotFoundException e = catchThrowableOfType(() -> service.merge(command), NotFoundException.class);

            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo("customer-not-found");
        }
        assertThat(store.saveCount()).isZero();
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void anotherTenantsCustomerIsNotFound() {
        store.seed(Customer.reconstitute(CustomerId.of("c-0500"), OTHER, LifecycleState.ACTIVE, 1, Profile.empty(),
                List.of(email("anna@shop.ru")), T0, T0, null));

        NotFoundException e = catchThrowableOfType(() -> service.merge(merge(ANNA, CustomerId.of("c-0500"))),
                NotFoundException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("customer-not-found");
        assertThat(store.findById(OTHER, CustomerId.of("c-0500")).orElseThrow().isActive()).isTrue();
        assertThat(store.saveCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = LifecycleState.class, names = {"DELETED", "FORGOTTEN"})
    void aMergeOfAGoneCustomerIsNotFound(LifecycleState state) {
        store.seed(stored(ACME, "c-0010", state, null, List.of()));

        NotFoundException e = catchThrowableOfType(() -> service.merge(merge(ANNA, CustomerId.of("c-0010"))),
                NotFoundException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("customer-not-found");
        assertThat(store.saveCount()).isZero();
    }

    @Test
    void aMergeOfAnAlreadyMergedCustomerIsAConflict() {
        service.merge(merge(ANNA, ANYA));
        int saves = store.saveCount();

        for (MergeCustomersCommand command : List.of(merge(HANNA, ANYA), merge(ANYA, HANNA))) {
            ConflictException e = catchThrowableOfType(() -> service.merge(command), ConflictException.class);

            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo("customer-already-merged");
        }
        assertThat(store.saveCount()).isEqualTo(saves);
        assertThat(journal.entries()).hasSize(1);
        assertThat(load(HANNA).isActive()).isTrue();
    }

    @Test
    void aMergeWithItselfIsInvalid() {
        ValidationException e = catchThrowableOfType(() -> service.merge(merge(ANNA, CustomerId.of("c-0001"))),
                ValidationException.class);

        assertThat(e).isNotNull();
        assertThat(e.violations()).extracting(Violation::pointer, Violation::code)
                .containsExactly(tuple("/absorbedId", "merge-with-itself"));
        assertThat(store.saveCount()).isZero();
        assertThat(journal.entries()).isEmpty();
    }

    @Test
    void aMergeForAnUnknownTenantIsNotFound() {
        NotFoundException e = catchThrowableOfType(() -> service.merge(new MergeCustomersCommand(
                TenantId.of("nobody"), ANNA, ANYA, false, "key-1")), NotFoundException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("tenant-not-found");
    }

    @Test
    void aRetriedMergeIsJournaledOnce() {
        store.failNextSaves(1);

        service.merge(merge(ANNA, ANYA));

        assertThat(transactions.lastAttempts()).isEqualTo(2);
        assertThat(journal.entries()).hasSize(1);
        assertThat(load(ANYA).mergedInto()).isEqualTo(ANNA);
        assertThat(store.versionOf(ACME, ANNA)).isEqualTo(journal.entries().get(0).survivorVersionAfter());
    }

    @Test
    void aMergeWhoseSurvivorSaveFailsLeavesNothingBehind() {
        // the absorbed customer is saved first; the survivor's save then loses to a concurrent writer every time
        store.beforeNextSave(() -> store.beforeNextSave(() -> store.failNextSaves(100)));

        assertThat(catchThrowableOfType(() -> service.merge(merge(ANNA, ANYA)), RetriesExhaustedException.class))
                .isNotNull();

        assertThat(load(ANYA).isActive()).isTrue();
        assertThat(load(ANYA).identifiers()).hasSize(2);
        assertThat(holderOf(phone("+79161234567"))).isEqualTo(ANYA);
        assertThat(journal.entries()).isEmpty();
    }

    // --- get ---

    @Test
    void anUnknownMergeIsNotFound() {
        NotFoundException e = catchThrowableOfType(() -> service.get(ACME, "m-0404"), NotFoundException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("merge-not-found");
    }

    @Test
    void anotherTenantsMergeIsNotFound() {
        String mergeId = service.merge(merge(ANNA, ANYA)).merge().id();

        assertThat(catchThrowableOfType(() -> service.get(OTHER, mergeId), NotFoundException.class)).isNotNull();
        assertThat(catchThrowableOfType(() -> service.revert(OTHER, mergeId, "key-9"), NotFoundException.class))
                .isNotNull();
        assertThat(load(ANYA).state()).isEqualTo(LifecycleState.MERGED);
    }

    // --- revert ---

    @Test
    void aRevertRestoresBothCustomersAndMarksTheEntry() {
        Customer annaBefore = load(ANNA);
        Customer anyaBefore = load(ANYA);
        String mergeId = service.merge(merge(ANNA, ANYA)).merge().id();
        clock.advance(Duration.ofHours(2));

        RevertResult result = service.revert(ACME, mergeId, "key-2");

        Customer anna = load(ANNA);
        Customer anya = load(ANYA);
        assertThat(anna.profile()).isEqualTo(annaBefore.profile());
        assertThat(Set.copyOf(anna.identifiers())).isEqualTo(Set.copyOf(annaBefore.identifiers()));
        assertThat(anna.isActive()).isTrue();
        assertThat(anna.loadedVersion()).isEqualTo(3);
        assertThat(anya.profile()).isEqualTo(anyaBefore.profile());
        assertThat(Set.copyOf(anya.identifiers())).isEqualTo(Set.copyOf(anyaBefore.identifiers()));
        assertThat(anya.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(anya.mergedInto()).isNull();
        assertThat(anya.loadedVersion()).isEqualTo(3);
        assertThat(holderOf(phone("+79161234567"))).isEqualTo(ANYA);
        assertThat(holderOf(email("anya@shop.ru"))).isEqualTo(ANYA);
        assertThat(holderOf(email("anna@shop.ru"))).isEqualTo(ANNA);

        Merge entry = service.get(ACME, mergeId);
        assertThat(entry.isReverted()).isTrue();
        assertThat(entry.revertedAt()).isEqualTo(clock.now());
        assertThat(entry.revertedBy()).isEqualTo("key-2");
        assertThat(journal.entries()).hasSize(1);
        assertThat(result.merge()).isEqualTo(entry);
        assertThat(result.survivor().id()).isEqualTo(ANNA);
        assertThat(result.absorbed().id()).isEqualTo(ANYA);
        assertThat(result.absorbed().isActive()).isTrue();
    }

    @Test
    void aRevertedCustomerCanBeWrittenAndMergedAgain() {
        String mergeId = service.merge(merge(ANNA, ANYA)).merge().id();
        service.revert(ACME, mergeId, "key-2");

        MergeResult again = service.merge(merge(HANNA, ANYA));

        assertThat(again.merge().id()).isNotEqualTo(mergeId);
        assertThat(load(ANYA).mergedInto()).isEqualTo(HANNA);
        assertThat(holderOf(phone("+79161234567"))).isEqualTo(HANNA);
    }

    @Test
    void aSecondRevertIsAConflict() {
        String mergeId = service.merge(merge(ANNA, ANYA)).merge().id();
        service.revert(ACME, mergeId, "key-2");
        int saves = store.saveCount();

        ConflictException e = catchThrowableOfType(() -> service.revert(ACME, mergeId, "key-3"),
                ConflictException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("merge-already-reverted");
        assertThat(store.saveCount()).isEqualTo(saves);
        assertThat(service.get(ACME, mergeId).revertedBy()).isEqualTo("key-2");
    }

    @Test
    void anOlderMergeIsNotRevertedWhileALaterOneIntoTheSameSurvivorStands() {
        String older = service.merge(merge(ANNA, ANYA)).merge().id();
        clock.advance(Duration.ofMinutes(1));
        String later = service.merge(merge(ANNA, HANNA)).merge().id();
        int saves = store.saveCount();

        ConflictException e = catchThrowableOfType(() -> service.revert(ACME, older, "key-2"),
                ConflictException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("merge-not-revertible");
        assertThat(e.getMessage()).contains(later);
        assertThat(store.saveCount()).isEqualTo(saves);
        assertThat(load(ANYA).state()).isEqualTo(LifecycleState.MERGED);
        assertThat(service.get(ACME, older).isReverted()).isFalse();
    }

    @Test
    void theLaterMergeCanBeRevertedFirst() {
        service.merge(merge(ANNA, ANYA));
        clock.advance(Duration.ofMinutes(1));
        Customer annaBetween = load(ANNA);
        String later = service.merge(merge(ANNA, HANNA)).merge().id();

        service.revert(ACME, later, "key-2");

        assertThat(load(HANNA).isActive()).isTrue();
        assertThat(load(ANNA).profile()).isEqualTo(annaBetween.profile());
        assertThat(Set.copyOf(load(ANNA).identifiers())).isEqualTo(Set.copyOf(annaBetween.identifiers()));
        assertThat(load(ANYA).mergedInto()).isEqualTo(ANNA);
    }

    @Test
    void aRevertAfterTheSurvivorChangedIsAConflict() {
        String mergeId = service.merge(merge(ANNA, ANYA)).merge().id();
        Customer anna = store.lockById(ACME, ANNA).orElseThrow();
        anna.applyProfile(new ProfilePatch(Map.of(ProfileField.ZIP_CODE, "101000"), Set.of()), clock.now());
        store.save(anna);
        int saves = store.saveCount();

        ConflictException e = catchThrowableOfType(() -> service.revert(ACME, mergeId, "key-2"),
                ConflictException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("merge-not-revertible");
        assertThat(store.saveCount()).isEqualTo(saves);
        assertThat(load(ANYA).state()).isEqualTo(LifecycleState.MERGED);
        assertThat(load(ANNA).profile().get(ProfileField.ZIP_CODE)).isEqualTo("101000");
    }

    @Test
    void aRevertOfAnUnknownMergeIsNotFound() {
        NotFoundException e = catchThrowableOfType(() -> service.revert(ACME, "m-0404", "key-2"),
                NotFoundException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("merge-not-found");
    }

    @Test
    void aRevertWhoseSecondSaveFailsLeavesTheMergeInPlace() {
        String mergeId = service.merge(merge(ANNA, ANYA)).merge().id();
        // the survivor is saved first; the absorbed customer's save then fails every time
        store.beforeNextSave(() -> store.beforeNextSave(() -> store.failNextSaves(100)));

        assertThat(catchThrowableOfType(() -> service.revert(ACME, mergeId, "key-2"),
                RetriesExhaustedException.class)).isNotNull();

        assertThat(load(ANYA).state()).isEqualTo(LifecycleState.MERGED);
        assertThat(load(ANNA).identifiers()).hasSize(3);
        assertThat(holderOf(phone("+79161234567"))).isEqualTo(ANNA);
        assertThat(service.get(ACME, mergeId).isReverted()).isFalse();
    }
}
