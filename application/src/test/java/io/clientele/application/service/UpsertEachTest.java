package io.clientele.application.service;

import io.clientele.application.fake.FixedClock;
import io.clientele.application.fake.ImmediateTransactions;
import io.clientele.application.fake.InMemoryCustomerStore;
import io.clientele.application.fake.InMemoryMergeJournal;
import io.clientele.application.fake.InMemoryTenantCatalog;
import io.clientele.application.fake.InMemoryTenantStore;
import io.clientele.application.fake.SequentialIds;
import io.clientele.application.port.in.BatchResult;
import io.clientele.application.port.in.CustomerChanges;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.application.port.in.IdentifierReplacement;
import io.clientele.application.port.in.PushInput;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertResult;
import io.clientele.application.port.out.IdentifierIndex;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.shared.DomainException;
import io.clientele.domain.tenant.MergePolicy;
import io.clientele.domain.tenant.TenantId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static io.clientele.application.fake.TestData.active;
import static io.clientele.application.fake.TestData.email;
import static io.clientele.application.fake.TestData.phone;
import static io.clientele.application.fake.TestData.stored;
import static io.clientele.application.fake.TestData.tenant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UpsertCustomerService#upsertEach} must give every record the outcome it would have had alone, in order: the
 * same commands run one by one through {@code upsert} in one world and together in a twin world must end the same.
 */
class UpsertEachTest {

    private static final TenantId ACME = TenantId.of("acme");

    /** One world: a store seeded the same way each time, and a service over it. */
    private static final class World {
        final InMemoryCustomerStore store = new InMemoryCustomerStore();
        final ImmediateTransactions transactions = new ImmediateTransactions(5);
        final UpsertCustomerService service;

        World() {
            this(store -> store);
        }

        /** {@code index}: what the service reads holders from, given the store (which is the true one). */
        World(java.util.function.Function<InMemoryCustomerStore, IdentifierIndex> index) {
            InMemoryTenantStore tenants = new InMemoryTenantStore();
            tenants.insertIfAbsent(tenant("acme", "RU", MergePolicy.MERGE));
            SequentialIds ids = new SequentialIds("c");
            IdentifierIndex holders = index.apply(store);
            service = new UpsertCustomerService(new TenantDirectory(tenants, transactions), store, holders,
                    new InMemoryMergeJournal(), new CustomerEdits(new InMemoryTenantCatalog(), transactions, ids),
                    new PushDeviceMoves(store, holders), transactions, ids,
                    new FixedClock(Instant.parse("2024-03-01T10:00:00Z")));
            store.seed(active(ACME, "x", email("x@shop.ru"), phone("+79161110001")));
            store.seed(active(ACME, "y", email("y@shop.ru")));
            store.seed(stored(ACME, "z", LifecycleState.DELETED, null, List.of(email("z@shop.ru"))));
        }

        /** What each record did: outcome (or rejection code) and the identifiers its customer holds afterwards. */
        List<String> run(List<UpsertCustomerCommand> commands, boolean together) {
            List<BatchResult> results = new ArrayList<>();
            if (together) {
                results.addAll(service.upsertEach(commands));
            } else {
                for (int i = 0; i < commands.size(); i++) {
                    try {
                        results.add(new BatchResult(i, service.upsert(commands.get(i)), null));
                    } catch (DomainException e) {
                        results.add(new BatchResult(i, null, e));
                    }
                }
            }
            List<String> described = new ArrayList<>();
            for (BatchResult result : results) {
                described.add(result.index() + ": " + (result.rejected() ? "rejected " + result.rejection().code()
                        : result.result().outcome() + " " + keys(result.result().customer())
                        + " merged " + result.result().mergedFrom().size() + " push " + result.result().customer()
                        .pushSubscriptions().stream().map(PushSubscription::key).sorted().toList()));
            }
            return described;
        }

        /** Every stored customer by its identifiers: state, first name, identifiers (ids differ between worlds). */
        Map<String, String> state() {
            Map<String, String> state = new TreeMap<>();
            for (Customer customer : store.all(ACME)) {
                state.put(keys(customer).toString(), customer.state() + " "
                        + customer.profile().values().get(ProfileField.FIRST_NAME) + " consents "
                        + customer.consents().currentStates().keySet() + " push "
                        + customer.pushSubscriptions().stream().map(PushSubscription::key).sorted().toList());
            }
            return state;
        }

        /** Every stored customer's version by its identifiers: a device taken away is a change too. */
        Map<String, Long> versions() {
            Map<String, Long> versions = new TreeMap<>();
            store.all(ACME).forEach(customer -> versions.put(keys(customer).toString(), customer.version()));
            return versions;
        }
    }

    /**
     * The same commands run one by one in one world and together in a twin world (each seeded alike, then prepared by
     * {@code setup}): both must answer and end the same.
     */
    private record Compared(World alone, World together, List<String> expected) {

        static Compared run(List<UpsertCustomerCommand> commands, java.util.function.Consumer<World> setup) {
            World alone = new World();
            World together = new World();
            setup.accept(alone);
            setup.accept(together);

            List<String> expected = alone.run(commands, false);
            List<String> actual = together.run(commands, true);

            assertThat(actual).containsExactlyElementsOf(expected);
            assertThat(together.state()).isEqualTo(alone.state());
            assertThat(together.versions()).isEqualTo(alone.versions());
            return new Compared(alone, together, expected);
        }
    }

    private static Set<String> keys(Customer customer) {
        Set<String> keys = new TreeSet<>();
        customer.identifiers().forEach(i -> keys.add(i.key().type() + "=" + i.value()));
        return keys;
    }

    private static UpsertCustomerCommand upsert(String firstName, String... identifiers) {
        List<IdentifierInput> inputs = new ArrayList<>();
        for (String identifier : identifiers) {
            int colon = identifier.indexOf(':');
            inputs.add(IdentifierInput.of(identifier.substring(0, colon), identifier.substring(colon + 1)));
        }
        return new UpsertCustomerCommand(ACME, inputs, new ProfilePatch(Map.of(ProfileField.FIRST_NAME, firstName),
                Set.of()), "/identifiers", "API", "key-1");
    }

    private static UpsertCustomerCommand withPush(UpsertCustomerCommand command, String token) {
        return new UpsertCustomerCommand(command.tenantId(), command.identifiers(), new CustomerChanges(
                command.profile(), null, null, List.of(new PushInput(PushSubscription.Provider.FCM, token, "app",
                null, null, null)), false), command.identifierPointer(), command.defaultSource(), command.actor(),
                false);
    }

    private static final List<UpsertCustomerCommand> COMMANDS = List.of(
            upsert("New", "email:a@shop.ru", "phone:+79161112233"),     // 0 creates
            upsert("Xavier", "email:x@shop.ru"),                         // 1 updates x (which 3 merges later)
            upsert("Yuri", "email:b@shop.ru", "email:y@shop.ru"),         // 2 updates y, adds b
            upsert("Both", "phone:+79161110001", "email:y@shop.ru"),      // 3 merges x and y
            upsert("Bad", "email:not an email"),                         // 4 invalid
            upsert("Zombie", "email:z@shop.ru"),                          // 5 holder deleted
            upsert("Carl", "email:c@shop.ru", "email:d@shop.ru"),         // 6 creates
            upsert("Carla", "email:c@shop.ru", "email:e@shop.ru"),        // 7 shares c with 6: updates it
            upsert("Fay", "email:f@shop.ru"),                             // 8 creates
            upsert("Gil", "externalId:g-1"));                            // 9 creates

    @Test
    void everyRecordEndsAsItWouldAloneAndInOrder() {
        List<String> expected = Compared.run(COMMANDS, world -> { }).expected();

        // the outcomes the rules give, so the comparison above is not two equal mistakes
        assertThat(expected.get(0)).startsWith("0: CREATED");
        assertThat(expected.get(3)).startsWith("3: MERGED").contains("merged 1");
        assertThat(expected.get(4)).startsWith("4: rejected");
        assertThat(expected.get(5)).isEqualTo("5: rejected identifier-reserved");
        assertThat(expected.get(7)).startsWith("7: UPDATED [email=c@shop.ru, email=d@shop.ru, email=e@shop.ru]");
    }

    @Test
    void aPushTokenSentByTwoRecordsEndsWithTheLaterOne() {
        List<UpsertCustomerCommand> commands = List.of(
                withPush(upsert("Ann", "email:a@shop.ru"), "device-1"),   // shares a@ with 2: goes one by one
                withPush(upsert("Bob", "email:b@shop.ru"), "device-1"),   // would be written with the chunk
                upsert("Ann", "email:a@shop.ru", "phone:+79161112233"),
                withPush(upsert("Yuri", "email:y@shop.ru"), " device-2"),
                withPush(upsert("Xavier", "email:x@shop.ru"), "device-2 "));
        World alone = Compared.run(commands, world -> { }).alone();

        // the rule, so the comparison above is not two equal mistakes: each token is the later record's
        assertThat(alone.state()).containsEntry("[email=b@shop.ru]", "ACTIVE Bob consents [] push [fcm:device-1]")
                .containsEntry("[email=x@shop.ru, phone=+79161110001]",
                        "ACTIVE Xavier consents [] push [fcm:device-2]");
    }

    @Test
    void aCustomerWhoseTokenAnEarlierRecordTakesIsAnsweredWithoutIt() {
        List<UpsertCustomerCommand> commands = List.of(
                withPush(upsert("Ann", "email:a@shop.ru"), "device-x"),   // takes x's device; one by one (a@ twice)
                upsert("Xavier", "email:x@shop.ru"),                       // x: its answer must not show device-x
                upsert("Ann", "email:a@shop.ru"));
        Compared compared = Compared.run(commands, world -> holdingDevice(world, "x", "device-x"));

        assertThat(compared.expected().get(1)).endsWith("push []");
    }

    @Test
    void aCustomerWhoseTokenARecordOfTheChunkTakesGetsANewVersionAndAHistoryEntry() {
        List<UpsertCustomerCommand> commands = List.of(
                upsert("Fay", "email:f@shop.ru"),
                withPush(upsert("Bob", "email:b@shop.ru"), "device-x"),   // new, shares nothing: but takes x's device
                upsert("Gil", "externalId:g-1"));
        Compared compared = Compared.run(commands, world -> holdingDevice(world, "x", "device-x"));

        World together = compared.together();
        assertThat(together.versions()).containsEntry("[email=x@shop.ru, phone=+79161110001]", 3L);
        assertThat(together.state()).containsEntry("[email=b@shop.ru]", "ACTIVE Bob consents [] push [fcm:device-x]");
        assertThat(together.store.history(ACME, CustomerId.of("x"))).last()
                .satisfies(change -> assertThat(change.parts()).containsExactly("pushSubscriptions"));
    }

    @Test
    void aDeviceTakenByAnotherWriteBetweenTheChunksReadAndItsLocksIsNotTakenBackUnseen() {
        // the chunk's first read says x holds device-x (x is the record's own customer); by the time x is locked a
        // write outside the chunk gave it to y
        World world = new World(store -> new IdentifierIndex() {
            boolean stale = true;

            @Override
            public Map<IdentifierKey, CustomerId> holders(TenantId tenantId, Collection<IdentifierKey> keys) {
                return store.holders(tenantId, keys);
            }

            @Override
            public Map<String, CustomerId> deviceHolders(TenantId tenantId, Collection<String> deviceKeys) {
                if (stale) {
                    stale = false;
                    return Map.of("fcm:device-x", CustomerId.of("x"));
                }
                return store.deviceHolders(tenantId, deviceKeys);
            }
        });
        Customer y = world.store.findById(ACME, CustomerId.of("y")).orElseThrow();
        world.store.seed(Customer.reconstitute(y.id(), ACME, y.state(), y.version(), y.profile(), y.identifiers(),
                y.createdAt(), y.updatedAt(), null, y.details(), y.consents(), List.of(new PushSubscription(
                        PushSubscription.Provider.FCM, "device-x", "app", null, null, y.createdAt()))));

        List<BatchResult> results = world.service.upsertEach(List.of(
                withPush(upsert("Xavier", "email:x@shop.ru"), "device-x"), upsert("Fay", "email:f@shop.ru")));

        assertThat(results).noneMatch(BatchResult::rejected);
        assertThat(world.state()).containsEntry("[email=y@shop.ru]", "ACTIVE Name of y consents [] push []")
                .containsEntry("[email=x@shop.ru, phone=+79161110001]", "ACTIVE Xavier consents [] push [fcm:device-x]");
        assertThat(world.versions()).containsEntry("[email=y@shop.ru]", 2L);
    }

    @Test
    void aRecordThatLosesEveryRetryFailsAloneAndTheOthersAreWritten() {
        World world = new World();
        world.store.failNextSaves(5); // as many as the unit of work tries

        List<BatchResult> results = world.service.upsertEach(List.of(
                upsert("Ann", "email:a@shop.ru"), upsert("Anna", "email:a@shop.ru"))); // shared: one by one

        assertThat(results.get(0).rejection().code()).isEqualTo("write-contended");
        assertThat(results.get(1).result().outcome()).isEqualTo(UpsertResult.Outcome.CREATED);
        assertThat(world.state()).containsEntry("[email=a@shop.ru]", "ACTIVE Anna consents [] push []");
    }

    @Test
    void insideAnOuterUnitOfWorkARecordsLostRaceIsTheOuterUnitsToRetry() {
        // as with an Idempotency-Key: the batch runs inside one unit of work, which every write joins; a record that
        // loses a race must not be answered as failed while the unit commits what it half wrote
        World world = new World();
        world.store.failNextSaves(1);

        List<BatchResult> results = world.transactions.inTransaction(() -> world.service.upsertEach(List.of(
                upsert("Ann", "email:a@shop.ru"), upsert("Anna", "email:a@shop.ru"))));

        assertThat(results).noneMatch(BatchResult::rejected);
        assertThat(world.transactions.lastAttempts()).isEqualTo(2);
        assertThat(world.state()).containsEntry("[email=a@shop.ru]", "ACTIVE Anna consents [] push []");
    }

    /** The stored customer {@code id} holding an FCM device (and one version on, as a write that gave it). */
    private static void holdingDevice(World world, String id, String token) {
        Customer held = world.store.findById(ACME, CustomerId.of(id)).orElseThrow();
        world.store.seed(Customer.reconstitute(held.id(), ACME, held.state(), held.version() + 1, held.profile(),
                held.identifiers(), held.createdAt(), held.updatedAt(), null, held.details(), held.consents(),
                List.of(new PushSubscription(PushSubscription.Provider.FCM, token, "app", null, null,
                        held.createdAt()))));
    }

    /** The command as a dialect that holds one email and one phone sends it (Custobar, its own source). */
    private static UpsertCustomerCommand replacing(UpsertCustomerCommand command, IdentifierType... cleared) {
        Set<IdentifierType> replaced = EnumSet.of(IdentifierType.EMAIL, IdentifierType.PHONE);
        List.of(cleared).forEach(replaced::remove);
        return new UpsertCustomerCommand(command.tenantId(), command.identifiers(), command.changes(),
                command.identifierPointer(), "CUSTOBAR", command.actor(), false,
                new IdentifierReplacement(replaced, Set.of(cleared)));
    }

    private static void fill(List<UpsertCustomerCommand> commands, int upTo) {
        while (commands.size() < upTo) {
            commands.add(upsert("N" + commands.size(), "externalId:n-" + commands.size()));
        }
    }

    @Test
    void aNewEmailOrPhoneReplacesTheOneItsSourceGaveAndFreesItForLaterRecordsAsIfWrittenAlone() {
        int chunk = UpsertCustomerService.CHUNK;
        List<UpsertCustomerCommand> commands = new ArrayList<>();
        commands.add(replacing(upsert("R", "externalId:r-1", "email:r1@shop.ru", "phone:+79161112201")));
        fill(commands, chunk);
        // the next chunk replaces r1@; the one after it, written beside it, names what it took away
        commands.add(replacing(upsert("R", "externalId:r-1", "email:r2@shop.ru")));
        fill(commands, 2 * chunk);
        commands.add(upsert("Old", "email:r1@shop.ru"));                                  // free now: a new customer
        commands.add(replacing(upsert("R", "externalId:r-1", "email:r2@shop.ru")));        // held already: no change
        commands.add(replacing(upsert("R", "externalId:r-1"), IdentifierType.PHONE));      // phone cleared
        commands.add(upsert("P", "phone:+79161112201"));                                  // free now: a new customer
        commands.add(upsert("R", "externalId:r-1", "email:api@shop.ru"));                 // another source's email
        commands.add(replacing(upsert("R", "externalId:r-1", "email:r3@shop.ru")));        // replaces r2@ only
        commands.add(replacing(upsert("X", "phone:+79161110001", "email:x2@shop.ru")));   // x@: source unknown, kept
        commands.add(replacing(upsert("R", "externalId:r-1"), IdentifierType.EMAIL));      // clears r3@, not api@
        commands.add(replacing(upsert("X", "phone:+79161110001"), IdentifierType.EMAIL));  // clears x2@, not x@
        Compared compared = Compared.run(commands, world -> { });

        assertThat(compared.expected().get(chunk)).isEqualTo(chunk + ": UPDATED [email=r2@shop.ru, externalId=r-1, "
                + "phone=+79161112201] merged 0 push []");
        assertThat(compared.alone().state())
                .containsEntry("[email=api@shop.ru, externalId=r-1]", "ACTIVE R consents [] push []")
                .containsEntry("[email=r1@shop.ru]", "ACTIVE Old consents [] push []")
                .containsEntry("[phone=+79161112201]", "ACTIVE P consents [] push []")
                .containsEntry("[email=x@shop.ru, phone=+79161110001]", "ACTIVE X consents [] push []");
        // the replacing record of the second chunk was written with its chunk, not alone
        assertThat(compared.together().store.saveAllSizes().subList(0, 2)).containsExactly(chunk, chunk);
    }

    @Test
    void aReplacingWriteThatMergesEndsTheSameWhicheverCustomerIsOlder() {
        List<String> outcomes = new ArrayList<>();
        for (String older : List.of("a", "b")) {
            World world = new World();
            // a: r-1 and a@ from this source; b: b@ and a phone from this source; one of them is older
            Instant earlier = Instant.parse("2024-01-01T00:00:00Z");
            Instant later = Instant.parse("2024-02-01T00:00:00Z");
            world.store.seed(Customer.reconstitute(CustomerId.of("a"), ACME, LifecycleState.ACTIVE, 1,
                    io.clientele.domain.customer.Profile.empty(), List.of(custobar(externalId("r-1")),
                            custobar(email("a@shop.ru"))), older.equals("a") ? earlier : later,
                    older.equals("a") ? earlier : later, null));
            world.store.seed(Customer.reconstitute(CustomerId.of("b"), ACME, LifecycleState.ACTIVE, 1,
                    io.clientele.domain.customer.Profile.empty(), List.of(custobar(email("b@shop.ru")),
                            custobar(phone("+79161112202"))), older.equals("b") ? earlier : later,
                    older.equals("b") ? earlier : later, null));

            outcomes.addAll(world.run(List.of(replacing(upsert("R", "externalId:r-1", "email:b@shop.ru"))), false));
        }

        // r-1's email is the one sent, as Custobar keeps it; the phone b brought stays (nothing replaced it)
        assertThat(outcomes).containsOnly(
                "0: MERGED [email=b@shop.ru, externalId=r-1, phone=+79161112202] merged 1 push []");
    }

    private static Identifier custobar(Identifier identifier) {
        return identifier.seenAt("CUSTOBAR", null, null, null, null);
    }

    private static Identifier externalId(String value) {
        return Identifier.parse(IdentifierType.EXTERNAL_ID, null, value, "RU",
                io.clientele.domain.identity.PlaceholderPolicy.defaults());
    }

    private static UpsertCustomerService.Prepared prepared(int index, String... emails) {
        List<Identifier> identifiers = new ArrayList<>();
        for (String value : emails) {
            identifiers.add(email(value));
        }
        return new UpsertCustomerService.Prepared(index, null, null, identifiers, null, Set.of());
    }

    @Test
    void aChunkMayMergeWhenRecordsLinkedByIdentifiersReachTwoCustomers() {
        List<UpsertCustomerService.Prepared> chunk = List.of(prepared(0, "new@shop.ru", "b@shop.ru"),
                prepared(1, "new@shop.ru", "c@shop.ru"), prepared(2, "d@shop.ru"), prepared(3, "e@shop.ru"));
        CustomerId b = CustomerId.of("b");
        CustomerId c = CustomerId.of("c");

        // 0 gives new@ to b, then 1 names new@ beside c's identifier: b and c merge, though each found one holder
        assertThat(UpsertCustomerService.mayMerge(chunk, Map.of(0, Set.of(b), 1, Set.of(c), 2, Set.of(), 3, Set.of())))
                .isTrue();
        // one record naming two customers
        assertThat(UpsertCustomerService.mayMerge(chunk, Map.of(0, Set.of(), 1, Set.of(), 2, Set.of(b, c),
                3, Set.of()))).isTrue();
        // linked records reaching the same customer, and unlinked records reaching different ones: no merge
        assertThat(UpsertCustomerService.mayMerge(chunk, Map.of(0, Set.of(b), 1, Set.of(b), 2, Set.of(), 3,
                Set.of()))).isFalse();
        assertThat(UpsertCustomerService.mayMerge(chunk, Map.of(0, Set.of(), 1, Set.of(), 2, Set.of(b), 3,
                Set.of(c)))).isFalse();
    }

    @Test
    void recordsThatTouchNoOtherAreSavedInOneCall() {
        World world = new World();

        world.run(COMMANDS, true);

        // 0, 8 and 9 create on their own and 5 is for the single path: the first save takes exactly 0, 8, 9
        assertThat(world.store.saveAllSizes().get(0)).isEqualTo(3);
    }

    @Test
    void aChunkThatLosesARaceIsRunAgainWhole() {
        World expectedWorld = new World();
        World world = new World();
        List<UpsertCustomerCommand> independent = List.of(upsert("A", "email:a@shop.ru"),
                upsert("X", "email:x@shop.ru"), upsert("F", "email:f@shop.ru"));
        List<String> expected = expectedWorld.run(independent, false);

        world.store.failNextSaves(1);
        List<String> actual = world.run(independent, true);

        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(world.state()).isEqualTo(expectedWorld.state());
        assertThat(world.store.count(ACME)).isEqualTo(5);
    }

    @Test
    void moreRecordsThanAChunkAreAllWritten() {
        World world = new World();
        List<UpsertCustomerCommand> many = new ArrayList<>();
        for (int i = 0; i < UpsertCustomerService.CHUNK * 2 + 7; i++) {
            many.add(upsert("N" + i, "externalId:n-" + i));
        }

        List<BatchResult> results = world.service.upsertEach(many);

        assertThat(results).hasSize(many.size());
        assertThat(results).allMatch(r -> !r.rejected());
        assertThat(results.get(many.size() - 1).index()).isEqualTo(many.size() - 1);
        assertThat(world.store.count(ACME)).isEqualTo(3 + many.size());
        assertThat(world.store.saveAllSizes()).containsExactly(UpsertCustomerService.CHUNK,
                UpsertCustomerService.CHUNK, 7);
    }

    @Test
    void anEmptyListWritesNothing() {
        World world = new World();

        assertThat(world.service.upsertEach(List.of())).isEmpty();
        assertThat(world.store.saveAllSizes()).isEmpty();
        assertThat(world.store.findByIdentifier(ACME, Identifier.parse(
                io.clientele.domain.identity.IdentifierType.EMAIL, null, "x@shop.ru", "RU",
                io.clientele.domain.identity.PlaceholderPolicy.defaults()).key()).map(Customer::id))
                .contains(CustomerId.of("x"));
    }
}
