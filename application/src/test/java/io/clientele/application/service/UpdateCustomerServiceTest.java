package io.clientele.application.service;

import io.clientele.application.fake.FixedClock;
import io.clientele.application.fake.ImmediateTransactions;
import io.clientele.application.fake.InMemoryCustomerStore;
import io.clientele.application.fake.InMemoryTenantCatalog;
import io.clientele.application.fake.InMemoryTenantStore;
import io.clientele.application.port.in.CustomerChanges;
import io.clientele.application.port.in.PatchCustomerCommand;
import io.clientele.application.port.in.PushInput;
import io.clientele.application.port.out.IdentifierIndex;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.shared.NotFoundException;
import io.clientele.domain.shared.VersionMismatchException;
import io.clientele.domain.tenant.MergePolicy;
import io.clientele.domain.tenant.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.clientele.application.fake.TestData.T0;
import static io.clientele.application.fake.TestData.active;
import static io.clientele.application.fake.TestData.email;
import static io.clientele.application.fake.TestData.stored;
import static io.clientele.application.fake.TestData.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UpdateCustomerServiceTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final CustomerId ANNA = CustomerId.of("c-0001");

    private final InMemoryTenantStore tenantStore = new InMemoryTenantStore();
    private final InMemoryCustomerStore store = new InMemoryCustomerStore();
    private final ImmediateTransactions transactions = new ImmediateTransactions();
    private final FixedClock clock = new FixedClock();
    private UpdateCustomerService service;

    @BeforeEach
    void setUp() {
        tenantStore.insertIfAbsent(tenant("acme", "RU", MergePolicy.MERGE));
        tenantStore.insertIfAbsent(tenant("other", "RU", MergePolicy.MERGE));
        store.seed(active(ACME, ANNA.value(), email("anna@shop.ru"))); // version 1, firstName "Name of c-0001"
        service = new UpdateCustomerService(new TenantDirectory(tenantStore, transactions), store,
                new FindCustomersService(new TenantDirectory(tenantStore, transactions), store, transactions),
                new CustomerEdits(new InMemoryTenantCatalog(), transactions, new io.clientele.application.fake.SequentialIds()),
                new PushDeviceMoves(store, store), transactions, clock);
    }

    @Test
    void aPatchSetsAndRemovesFieldsAndBumpsTheVersion() {
        service.patch(command(ANNA, null, Map.of(ProfileField.CITY, "Moscow"), Set.of()));
        clock.advance(Duration.ofMinutes(1));

        Customer patched = service.patch(command(ANNA, 2L,
                Map.of(ProfileField.LAST_NAME, "Petrova"), Set.of(ProfileField.FIRST_NAME, ProfileField.GENDER)));

        assertThat(patched.profile().values())
                .isEqualTo(Map.of(ProfileField.CITY, "Moscow", ProfileField.LAST_NAME, "Petrova"));
        assertThat(patched.version()).isEqualTo(3);
        assertThat(patched.updatedAt()).isEqualTo(clock.now());
        assertThat(patched.createdAt()).isEqualTo(T0);
        Customer persisted = store.findById(ACME, ANNA).orElseThrow();
        assertThat(persisted.loadedVersion()).isEqualTo(3);
        assertThat(persisted.profile()).isEqualTo(patched.profile());
        assertThat(persisted.identifiers()).extracting(i -> i.value()).containsExactly("anna@shop.ru");
    }

    @Test
    void aPatchThatChangesNothingSavesNothing() {
        Customer same = service.patch(command(ANNA, 1L, Map.of(ProfileField.FIRST_NAME, "Name of c-0001"),
                Set.of(ProfileField.CITY)));

        assertThat(same.version()).isEqualTo(1);
        assertThat(same.updatedAt()).isEqualTo(T0);
        assertThat(store.saveCount()).isZero();
    }

    @Test
    void aStaleExpectedVersionIsRefusedAndNothingIsSaved() {
        VersionMismatchException e = catchThrowableOfType(() -> service.patch(command(ANNA, 0L,
                Map.of(ProfileField.CITY, "Moscow"), Set.of())), VersionMismatchException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("version-mismatch");
        assertThat(e.currentVersion()).isEqualTo(1);
        assertThat(store.saveCount()).isZero();
        Customer persisted = store.findById(ACME, ANNA).orElseThrow();
        assertThat(persisted.loadedVersion()).isEqualTo(1);
        assertThat(persisted.profile().get(ProfileField.CITY)).isNull();
        assertThat(transactions.lastAttempts()).isEqualTo(1);
    }

    @Test
    void aConcurrentChangeDuringThePatchIsRetriedOnTheNewVersion() {
        store.beforeNextSave(() -> {
            Customer other = store.lockById(ACME, ANNA).orElseThrow();
            other.applyProfile(new ProfilePatch(Map.of(ProfileField.CITY, "Kazan"), Set.of()), clock.now());
            store.save(other);
        });

        Customer patched = service.patch(command(ANNA, null, Map.of(ProfileField.LAST_NAME, "Petrova"), Set.of()));

        assertThat(transactions.lastAttempts()).isEqualTo(2);
        assertThat(patched.version()).isEqualTo(3);
        assertThat(store.findById(ACME, ANNA).orElseThrow().profile().values())
                .containsEntry(ProfileField.CITY, "Kazan").containsEntry(ProfileField.LAST_NAME, "Petrova");
    }

    @Test
    void anExpectedVersionIsCheckedAgainOnTheRetry() {
        store.beforeNextSave(() -> {
            Customer other = store.lockById(ACME, ANNA).orElseThrow();
            other.applyProfile(new ProfilePatch(Map.of(ProfileField.CITY, "Kazan"), Set.of()), clock.now());
            store.save(other);
        });

        VersionMismatchException e = catchThrowableOfType(() -> service.patch(command(ANNA, 1L,
                Map.of(ProfileField.LAST_NAME, "Petrova"), Set.of())), VersionMismatchException.class);

        assertThat(e).isNotNull();
        assertThat(e.currentVersion()).isEqualTo(2);
        assertThat(transactions.lastAttempts()).isEqualTo(2);
        assertThat(store.findById(ACME, ANNA).orElseThrow().profile().get(ProfileField.LAST_NAME)).isNull();
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        NotFoundException e = catchThrowableOfType(() -> service.patch(command(CustomerId.of("c-9999"), null,
                Map.of(ProfileField.CITY, "Moscow"), Set.of())), NotFoundException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("customer-not-found");
    }

    @Test
    void anotherTenantsCustomerIsNotFound() {
        NotFoundException e = catchThrowableOfType(() -> service.patch(new PatchCustomerCommand(TenantId.of("other"),
                ANNA, null, new ProfilePatch(Map.of(ProfileField.CITY, "Moscow"), Set.of()), "key-1")),
                NotFoundException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("customer-not-found");
        assertThat(store.saveCount()).isZero();
    }

    @Test
    void anAbsorbedIdLeadsToItsSurvivorAsAReadDoes() {
        CustomerId absorbed = CustomerId.of("c-0002");
        store.seed(stored(ACME, absorbed.value(), LifecycleState.MERGED, ANNA, List.of()));

        Customer patched = service.patch(command(absorbed, null, Map.of(ProfileField.CITY, "Moscow"), Set.of()));

        assertThat(patched.id()).isEqualTo(ANNA);
        assertThat(store.findById(ACME, ANNA).orElseThrow().profile().get(ProfileField.CITY)).isEqualTo("Moscow");
        assertThat(store.findById(ACME, absorbed).orElseThrow().loadedVersion()).isEqualTo(1);
        // with a precondition: the absorbed record's versions can't be told from the survivor's, so it fails
        VersionMismatchException e = catchThrowableOfType(() -> service.patch(command(absorbed, 2L,
                Map.of(ProfileField.CITY, "Kazan"), Set.of())), VersionMismatchException.class);
        assertThat(e).isNotNull();
        assertThat(store.findById(ACME, ANNA).orElseThrow().profile().get(ProfileField.CITY)).isEqualTo("Moscow");
    }

    @ParameterizedTest
    @EnumSource(value = LifecycleState.class, names = {"DELETED", "FORGOTTEN"})
    void aCustomerThatIsNotActiveIsNotFound(LifecycleState state) {
        CustomerId gone = CustomerId.of("c-0002");
        store.seed(stored(ACME, gone.value(), state, null, List.of()));

        NotFoundException e = catchThrowableOfType(() -> service.patch(command(gone, null,
                Map.of(ProfileField.CITY, "Moscow"), Set.of())), NotFoundException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("customer-not-found");
        assertThat(store.saveCount()).isZero();
        assertThat(store.findById(ACME, ANNA).orElseThrow().profile().get(ProfileField.CITY)).isNull();
    }

    @Test
    void anUnknownTenantIsNotFound() {
        NotFoundException e = catchThrowableOfType(() -> service.patch(new PatchCustomerCommand(
                TenantId.of("nobody"), ANNA, null, ProfilePatch.none(), "key-1")), NotFoundException.class);

        assertThat(e.code()).isEqualTo("tenant-not-found");
    }

    @Test
    void aCustomerWhoseDeviceAPatchTakesLosesItWithANewVersionAndAHistoryEntry() {
        store.seed(holding(active(ACME, "c-0002", email("bob@shop.ru")), "device-1"));

        Customer anna = service.patch(withDevice(ANNA, "device-1"));

        assertThat(anna.pushSubscriptions()).extracting(PushSubscription::key).containsExactly("fcm:device-1");
        Customer bob = store.findById(ACME, BOB).orElseThrow();
        assertThat(bob.pushSubscriptions()).isEmpty();
        assertThat(bob.loadedVersion()).isEqualTo(2);
        assertThat(store.history(ACME, BOB)).singleElement().satisfies(change -> {
            assertThat(change.parts()).containsExactly("pushSubscriptions");
            assertThat(change.actor()).isEqualTo("key-1");
        });
    }

    @Test
    void aDeletedCustomerHoldingADeviceLosesItTooWithANewVersion() {
        store.seed(holding(stored(ACME, "c-0002", LifecycleState.DELETED, null, List.of(email("bob@shop.ru"))),
                "device-1"));

        service.patch(withDevice(ANNA, "device-1"));

        Customer bob = store.findById(ACME, BOB).orElseThrow();
        assertThat(bob.pushSubscriptions()).isEmpty();
        assertThat(bob.state()).isEqualTo(LifecycleState.DELETED);
        assertThat(bob.loadedVersion()).isEqualTo(2);
    }

    @Test
    void aDeviceThatMovedToAThirdCustomerBeforeTheLocksMakesThePatchRetry() {
        // the index read before the locks still names Bob; by then the device is Carl's
        store.seed(active(ACME, "c-0002", email("bob@shop.ru")));
        store.seed(holding(active(ACME, "c-0003", email("carl@shop.ru")), "device-1"));
        boolean[] stale = {true};
        IdentifierIndex index = new IdentifierIndex() {
            @Override
            public Map<IdentifierKey, CustomerId> holders(TenantId tenantId, Collection<IdentifierKey> keys) {
                return store.holders(tenantId, keys);
            }

            @Override
            public Map<String, CustomerId> deviceHolders(TenantId tenantId, Collection<String> deviceKeys) {
                if (stale[0]) {
                    stale[0] = false;
                    return Map.of("fcm:device-1", BOB);
                }
                return store.deviceHolders(tenantId, deviceKeys);
            }
        };
        service = new UpdateCustomerService(new TenantDirectory(tenantStore, transactions), store,
                new FindCustomersService(new TenantDirectory(tenantStore, transactions), store, transactions),
                new CustomerEdits(new InMemoryTenantCatalog(), transactions,
                        new io.clientele.application.fake.SequentialIds()),
                new PushDeviceMoves(store, index), transactions, clock);

        service.patch(withDevice(ANNA, "device-1"));

        assertThat(transactions.lastAttempts()).isEqualTo(2);
        assertThat(store.findById(ACME, CustomerId.of("c-0003")).orElseThrow().loadedVersion()).isEqualTo(2);
        assertThat(store.findById(ACME, BOB).orElseThrow().loadedVersion()).isEqualTo(1);
    }

    private static final CustomerId BOB = CustomerId.of("c-0002");

    private static Customer holding(Customer customer, String token) {
        return Customer.reconstitute(customer.id(), customer.tenantId(), customer.state(), customer.loadedVersion(),
                customer.profile(), customer.identifiers(), customer.createdAt(), customer.updatedAt(), null,
                customer.details(), customer.consents(), List.of(new PushSubscription(PushSubscription.Provider.FCM,
                        token, "app", null, null, customer.createdAt())));
    }

    private static PatchCustomerCommand withDevice(CustomerId id, String token) {
        return new PatchCustomerCommand(ACME, id, null, new CustomerChanges(ProfilePatch.none(), null, null,
                List.of(new PushInput(PushSubscription.Provider.FCM, token, "app", null, null, null)), false),
                "key-1", "API");
    }

    private static PatchCustomerCommand command(CustomerId id, Long expectedVersion, Map<ProfileField, Object> set,
                                                Set<ProfileField> removed) {
        return new PatchCustomerCommand(ACME, id, expectedVersion, new ProfilePatch(set, removed), "key-1");
    }
}
