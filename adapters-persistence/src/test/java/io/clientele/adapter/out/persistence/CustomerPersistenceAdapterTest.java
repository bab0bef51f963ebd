package io.clientele.adapter.out.persistence;

import io.clientele.adapter.out.persistence.testing.TestDatabase;
import io.clientele.application.port.in.ConsentInput;
import io.clientele.application.port.in.CustomerChanges;
import io.clientele.application.port.in.PushInput;
import io.clientele.application.port.out.CustomerFilter;
import io.clientele.domain.consent.Channel;
import io.clientele.domain.consent.ConsentStatus;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.customer.DetailsPatch;
import io.clientele.domain.customer.MapEdit;
import io.clientele.domain.customer.SetEdit;
import io.clientele.application.port.in.CreateTenantCommand;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.application.port.in.ManageTenantsUseCase;
import io.clientele.application.port.in.PatchCustomerCommand;
import io.clientele.application.port.in.UpdateCustomerUseCase;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertCustomerUseCase;
import io.clientele.application.port.in.UpsertResult;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierConflictException;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.shared.VersionMismatchException;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The use cases on the real persistence adapter and a real MariaDB. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerPersistenceAdapterTest implements TestPropertyProvider {

    @Inject
    ManageTenantsUseCase tenants;
    @Inject
    UpsertCustomerUseCase upserts;
    @Inject
    UpdateCustomerUseCase updates;
    @Inject
    CustomerPersistenceAdapter store;
    @Inject
    JdbcOperations jdbc;
    @Inject
    Transactions transactions;
    @Inject
    CustomerRows rows;

    private Customer load(TenantId tenant, CustomerId id) {
        return transactions.readOnly(() -> store.findById(tenant, id)).orElseThrow();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>();
        TestDatabase.properties().forEach((k, v) -> properties.put(k, String.valueOf(v)));
        return properties;
    }

    private TenantId newTenant(String policy) {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 12);
        tenants.createTenant(new CreateTenantCommand(id, "Test " + id, "RU", "Europe/Moscow", policy));
        return TenantId.of(id);
    }

    private UpsertCustomerCommand upsert(TenantId tenant, ProfilePatch profile, IdentifierInput... identifiers) {
        return new UpsertCustomerCommand(tenant, List.of(identifiers), profile, null, "API", "test");
    }

    @Test
    void platformIdsStoredAsSoftLinksBecomeTheirOwnTypeThroughChangeset009() throws Exception {
        TenantId tenant = newTenant(null);
        Customer customer = upserts.upsert(upsert(tenant, ProfilePatch.none(),
                IdentifierInput.of("externalId", "p-009"))).customer();
        // as Capillary's platform ids were stored before: soft links named after them; and a real soft link
        transactions.inTransaction(() -> {
            for (String[] row : List.of(new String[]{"softLink:cuid", "cu-1"}, new String[]{"softLink:ali_uname", "al-1"},
                    new String[]{"softLink:loyalty card", "lc-1"})) {
                jdbc.prepareStatement("INSERT INTO clientele_customer_identifier (tenant_id, type, normalized_value,"
                        + " customer_id, display_value, details, created_at) VALUES (?, ?, ?, ?, ?, '{}', NOW(6))",
                        statement -> {
                            statement.setString(1, tenant.value());
                            statement.setString(2, row[0]);
                            statement.setString(3, row[1]);
                            statement.setString(4, customer.id().value());
                            statement.setString(5, row[1]);
                            return statement.executeUpdate();
                        });
            }
            return null;
        });

        String changeset;
        try (var in = getClass().getResourceAsStream("/db/clientele/changes/009-platform-id-types.sql")) {
            changeset = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String sql = changeset.lines().filter(line -> !line.startsWith("--"))
                .collect(java.util.stream.Collectors.joining("\n"));
        transactions.inTransaction(() -> jdbc.prepareStatement(sql, java.sql.PreparedStatement::executeUpdate));

        Customer loaded = load(tenant, customer.id());
        assertThat(loaded.identifiers()).extracting(Identifier::type, Identifier::value).contains(
                org.assertj.core.groups.Tuple.tuple(IdentifierType.CUID, "cu-1"),
                org.assertj.core.groups.Tuple.tuple(IdentifierType.ALI_UNAME, "al-1"),
                org.assertj.core.groups.Tuple.tuple(IdentifierType.SOFT_LINK, "lc-1"));
        IdentifierKey cuid = Identifier.parse(IdentifierType.CUID, null, "cu-1", "RU",
                io.clientele.domain.identity.PlaceholderPolicy.defaults()).key();
        assertThat(transactions.readOnly(() -> store.holders(tenant, List.of(cuid)))).containsEntry(cuid,
                customer.id());
        // a merge journal before-image written before the change reads the old form as the type too
        assertThat(rows.identifier("softLink:jd_uname", "jd-1", "jd-1", "{}").type())
                .isEqualTo(IdentifierType.JD_UNAME);
        assertThat(rows.identifier("softLink:jd_uname", "jd-1", "jd-1", "{}").name()).isNull();
    }

    @Test
    void phonesStoredBeforeTheirFormWasSettledAreSettledByChangeset010() throws Exception {
        TenantId tenant = newTenant(null);
        CustomerId[] customers = new CustomerId[4];
        for (int i = 0; i < customers.length; i++) {
            customers[i] = upserts.upsert(upsert(tenant, ProfilePatch.none(),
                    IdentifierInput.of("externalId", "p-010-" + i))).customer().id();
        }
        // 0: the old form alone; 1: both forms on one customer; 2 and 3: the bug's second customer holds the new form
        String[][] phones = {{"0", "+440114527199"}, {"1", "+440114527188"}, {"1", "+44114527188"},
                {"2", "+440114527177"}, {"3", "+44114527177"}, {"0", "+79161234567"}};
        transactions.inTransaction(() -> {
            for (String[] phone : phones) {
                jdbc.prepareStatement("INSERT INTO clientele_customer_identifier (tenant_id, type, normalized_value,"
                        + " customer_id, display_value, details, created_at) VALUES (?, 'phone', ?, ?, ?, '{}', NOW(6))",
                        statement -> {
                            statement.setString(1, tenant.value());
                            statement.setString(2, phone[1]);
                            statement.setString(3, customers[Integer.parseInt(phone[0])].value());
                            statement.setString(4, phone[1]);
                            return statement.executeUpdate();
                        });
            }
            return null;
        });

        int settled = transactions.inTransaction(() -> {
            try {
                return SettledPhones.settle(jdbc.getConnection());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        // other tenants' rows may settle too (none should exist); at least these two did
        assertThat(settled).isGreaterThanOrEqualTo(2);
        java.util.function.Function<String, IdentifierKey> key = value -> Identifier.parse(IdentifierType.PHONE, null,
                value, "RU", io.clientele.domain.identity.PlaceholderPolicy.defaults()).key();
        Map<IdentifierKey, CustomerId> holders = transactions.readOnly(() -> store.holders(tenant, List.of(
                key.apply("4400114527199"), key.apply("+44114527188"), key.apply("+44114527177"),
                key.apply("+79161234567"))));
        assertThat(holders).containsEntry(key.apply("4400114527199"), customers[0])
                .containsEntry(key.apply("+44114527188"), customers[1])
                .containsEntry(key.apply("+44114527177"), customers[3])
                .containsEntry(key.apply("+79161234567"), customers[0]);
        assertThat(load(tenant, customers[0]).identifiers()).extracting(Identifier::value)
                .contains("+44114527199", "+79161234567").doesNotContain("+440114527199");
        assertThat(load(tenant, customers[1]).identifiers()).extracting(Identifier::value)
                .containsOnlyOnce("+44114527188").doesNotContain("+440114527188");
        // the conflict is left for an operator: nothing of customer 2 is lost
        assertThat(load(tenant, customers[2]).identifiers()).extracting(Identifier::value).contains("+440114527177");
    }

    @Test
    void aCustomerRoundTripsThroughTheDatabaseWithAllItsParts() {
        TenantId tenant = newTenant(null);
        ProfilePatch profile = new ProfilePatch(Map.of(ProfileField.FIRST_NAME, "Anna",
                ProfileField.BIRTH_DATE, LocalDate.of(1990, 5, 17), ProfileField.AGE, 35,
                ProfileField.BOUGHT_SOMETHING, true), Set.of());
        UpsertResult created = upserts.upsert(upsert(tenant, profile, IdentifierInput.of("email", " Anna@Example.com "),
                IdentifierInput.of("phone", "8 (916) 123-45-67"),
                new IdentifierInput("externalId", null, "100500", "website", "acc-1", true, false, true),
                IdentifierInput.softLink("loyalty card", "7700123")));

        Customer loaded = load(tenant, created.customer().id());

        assertThat(loaded.version()).isEqualTo(1);
        assertThat(loaded.profile()).isEqualTo(created.customer().profile());
        assertThat(loaded.identifiers()).containsExactlyInAnyOrderElementsOf(created.customer().identifiers());
        assertThat(loaded.createdAt()).isEqualTo(created.customer().createdAt());
        Identifier external = loaded.identifiers().stream()
                .filter(i -> i.type() == IdentifierType.EXTERNAL_ID).findFirst().orElseThrow();
        assertThat(external.source()).isEqualTo("WEBSITE");
        assertThat(external.accountId()).isEqualTo("acc-1");
        assertThat(external.primary()).isTrue();
        assertThat(external.verified()).isFalse();
        Identifier email = loaded.identifiers().stream()
                .filter(i -> i.type() == IdentifierType.EMAIL).findFirst().orElseThrow();
        assertThat(email.value()).isEqualTo("anna@example.com");
        assertThat(email.displayValue()).isEqualTo("Anna@Example.com");
        assertThat(email.source()).isEqualTo("API");
    }

    @Test
    void consentsAndPushSubscriptionsLoadTheSameByEveryPath() {
        TenantId tenant = newTenant(null);
        Instant at = Instant.parse("2024-05-01T10:15:30.123456Z");
        CustomerChanges changes = new CustomerChanges(ProfilePatch.none(), null, List.of(
                new ConsentInput(Channel.EMAIL, ConsentStatus.GRANTED, at, "website", "form-17", "policy v2"),
                new ConsentInput(Channel.SMS, ConsentStatus.WITHDRAWN, at.plusSeconds(60), null, null, null)),
                List.of(new PushInput(PushSubscription.Provider.FCM, "fcm-token", "app.fcm", "project-1", null, at),
                        new PushInput(PushSubscription.Provider.APNS, "apns-dev", "app.ios", null, true, at),
                        new PushInput(PushSubscription.Provider.APNS, "apns-prod", "app.ios", null, false, null),
                        new PushInput(PushSubscription.Provider.HUAWEI, "hms-token", "app.hms", null, null, null)),
                false);
        Customer saved = upserts.upsert(new UpsertCustomerCommand(tenant, List.of(IdentifierInput.of("email",
                "parts@shop.ru")), changes, null, "API", "key-7", false)).customer();
        Identifier email = saved.identifiers().get(0);

        // a plain read is one UNION ALL statement; a locking or ordered one is two: all must read the same
        List<Customer> loaded = List.of(
                load(tenant, saved.id()),
                transactions.readOnly(() -> store.findByIdentifier(tenant, email.key())).orElseThrow(),
                transactions.inTransaction(() -> store.lockById(tenant, saved.id())).orElseThrow(),
                transactions.inTransaction(() -> store.lockAll(tenant, List.of(saved.id()))).get(0),
                transactions.readOnly(() -> store.list(new CustomerFilter(tenant, null, null, null, null), null, 10))
                        .get(0));

        assertThat(saved.consents().events()).hasSize(2);
        assertThat(saved.pushSubscriptions()).hasSize(4)
                .anySatisfy(push -> assertThat(push.devEnvironment()).isTrue())
                .anySatisfy(push -> assertThat(push.devEnvironment()).isFalse())
                .anySatisfy(push -> assertThat(push.devEnvironment()).isNull());
        for (Customer customer : loaded) {
            assertThat(customer.id()).isEqualTo(saved.id());
            assertThat(customer.identifiers()).containsExactlyInAnyOrderElementsOf(saved.identifiers());
            assertThat(customer.consents().events()).containsExactlyInAnyOrderElementsOf(saved.consents().events());
            assertThat(customer.pushSubscriptions()).containsExactlyInAnyOrderElementsOf(saved.pushSubscriptions());
            assertThat(customer.version()).isEqualTo(saved.version());
            assertThat(customer.createdAt()).isEqualTo(saved.createdAt());
        }
    }

    @Test
    void listFilterRowsFollowTagsAndConsentsAndStayWhenOnlyAttributesChange() {
        TenantId tenant = newTenant(null);
        IdentifierInput email = IdentifierInput.of("email", "filters@shop.ru");
        java.util.function.BiFunction<DetailsPatch, List<ConsentInput>, Customer> write = (details, consents) ->
                upserts.upsert(new UpsertCustomerCommand(tenant, List.of(email), new CustomerChanges(
                        ProfilePatch.none(), details, consents, null, false), null, "API", "key-7", false)).customer();
        java.util.function.Function<CustomerFilter, Integer> count = filter ->
                transactions.readOnly(() -> store.list(filter, null, 10)).size();
        CustomerFilter vip = new CustomerFilter(tenant, "vip", null, null, null);
        CustomerFilter emailable = new CustomerFilter(tenant, null, null, Channel.EMAIL, null);

        write.apply(new DetailsPatch(new SetEdit(null, Set.of("vip"), Set.of()), null, null, null, null, null, null,
                false, null), List.of(new ConsentInput(Channel.EMAIL, ConsentStatus.GRANTED, null, null, null, null)));
        assertThat(count.apply(vip)).isEqualTo(1);
        assertThat(count.apply(emailable)).isEqualTo(1);

        Customer attributesOnly = write.apply(new DetailsPatch(null, null, new MapEdit<>(false, Map.of("colour",
                "green"), Set.of()), null, null, null, null, false, null), List.of());
        assertThat(attributesOnly.version()).isEqualTo(2);
        assertThat(count.apply(vip)).isEqualTo(1);
        assertThat(count.apply(emailable)).isEqualTo(1);

        write.apply(new DetailsPatch(new SetEdit(null, Set.of(), Set.of("vip")), null, null, null, null, null, null,
                false, null), List.of(new ConsentInput(Channel.EMAIL, ConsentStatus.WITHDRAWN, null, null, null, null)));
        assertThat(count.apply(vip)).isZero();
        assertThat(count.apply(emailable)).isZero();
    }

    @Test
    void theSurvivorOfAMergeIsFoundByTheConsentItTookOver() {
        TenantId tenant = newTenant(null);
        UpsertResult older = upserts.upsert(upsert(tenant, ProfilePatch.none(), IdentifierInput.of("email",
                "older@shop.ru")));
        UpsertResult granted = upserts.upsert(new UpsertCustomerCommand(tenant, List.of(IdentifierInput.of("phone",
                "+79161234599")), new CustomerChanges(ProfilePatch.none(), null, List.of(new ConsentInput(
                Channel.EMAIL, ConsentStatus.GRANTED, null, null, null, null)), null, false), null, "API", "key-7",
                false));
        CustomerFilter emailable = new CustomerFilter(tenant, null, null, Channel.EMAIL, null);
        assertThat(transactions.readOnly(() -> store.list(emailable, null, 10))).extracting(Customer::id)
                .containsExactly(granted.customer().id());

        UpsertResult merged = upserts.upsert(upsert(tenant, ProfilePatch.none(),
                IdentifierInput.of("email", "older@shop.ru"), IdentifierInput.of("phone", "+79161234599")));

        // the older customer survives and now holds the grant: the filter must find it (it found nobody)
        assertThat(merged.outcome()).isEqualTo(UpsertResult.Outcome.MERGED);
        assertThat(merged.customer().id()).isEqualTo(older.customer().id());
        assertThat(merged.customer().consents().isGranted(Channel.EMAIL)).isTrue();
        assertThat(transactions.readOnly(() -> store.list(emailable, null, 10))).extracting(Customer::id)
                .containsExactly(older.customer().id());
    }

    @Test
    void theConsentRowsChangesetRebuildsStaleRowsFromTheLedger() throws Exception {
        TenantId tenant = newTenant(null);
        java.util.function.Function<List<ConsentInput>, Customer> write = consents -> upserts.upsert(
                new UpsertCustomerCommand(tenant, List.of(IdentifierInput.of("email", "c" + consents.size()
                        + "@shop.ru")), new CustomerChanges(ProfilePatch.none(), null, consents, null, false), null,
                        "API", "key-7", false)).customer();
        Instant at = Instant.parse("2024-05-01T10:00:00Z");
        Customer granted = write.apply(List.of(
                new ConsentInput(Channel.EMAIL, ConsentStatus.GRANTED, at, null, null, null)));
        Customer withdrawn = write.apply(List.of(
                new ConsentInput(Channel.SMS, ConsentStatus.GRANTED, at, null, null, null),
                new ConsentInput(Channel.SMS, ConsentStatus.WITHDRAWN, at.plusSeconds(1), null, null, null)));
        // stale rows, as the merge bug left them: a grant without its row, a row without a grant
        transactions.inTransaction(() -> {
            jdbc.prepareStatement("DELETE FROM clientele_customer_membership WHERE tenant_id = ? AND kind = 'consent'",
                    statement -> {
                        statement.setString(1, tenant.value());
                        return statement.executeUpdate();
                    });
            return jdbc.prepareStatement("INSERT INTO clientele_customer_membership VALUES (?, 'consent', 'sms', ?)",
                    statement -> {
                        statement.setString(1, tenant.value());
                        statement.setString(2, withdrawn.id().value());
                        return statement.executeUpdate();
                    });
        });
        CustomerFilter email = new CustomerFilter(tenant, null, null, Channel.EMAIL, null);
        CustomerFilter sms = new CustomerFilter(tenant, null, null, Channel.SMS, null);
        assertThat(transactions.readOnly(() -> store.list(email, null, 10))).isEmpty();

        String changeset;
        try (var in = getClass().getResourceAsStream("/db/clientele/changes/006-consent-memberships.sql")) {
            changeset = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String sql = changeset.lines().filter(line -> !line.startsWith("--"))
                .collect(java.util.stream.Collectors.joining("\n"));
        transactions.inTransaction(() -> {
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    jdbc.prepareStatement(statement, java.sql.PreparedStatement::executeUpdate);
                }
            }
            return null;
        });

        assertThat(transactions.readOnly(() -> store.list(email, null, 10))).extracting(Customer::id)
                .containsExactly(granted.id());
        assertThat(transactions.readOnly(() -> store.list(sms, null, 10))).isEmpty();
    }

    @Test
    void anUpsertNamingAKnownIdentifierUpdatesThatCustomerAndAddsTheNewOnes() {
        TenantId tenant = newTenant(null);
        UpsertResult first = upserts.upsert(upsert(tenant, ProfilePatch.none(), IdentifierInput.of("email", "a@shop.ru")));
        UpsertResult second = upserts.upsert(upsert(tenant,
                new ProfilePatch(Map.of(ProfileField.CITY, "Moscow"), Set.of()),
                IdentifierInput.of("email", "A@SHOP.RU"), IdentifierInput.of("phone", "+79161234567")));

        assertThat(second.outcome()).isEqualTo(UpsertResult.Outcome.UPDATED);
        assertThat(second.customer().id()).isEqualTo(first.customer().id());
        Customer loaded = load(tenant, first.customer().id());
        assertThat(loaded.identifiers()).hasSize(2);
        assertThat(loaded.profile().get(ProfileField.CITY)).isEqualTo("Moscow");
        assertThat(loaded.version()).isEqualTo(2);
    }

    @Test
    void identifiersOfTwoCustomersInOneWriteAreAConflictNamingBoth() {
        TenantId tenant = newTenant("REJECT");
        UpsertResult a = upserts.upsert(upsert(tenant, ProfilePatch.none(), IdentifierInput.of("email", "a@shop.ru")));
        UpsertResult b = upserts.upsert(upsert(tenant, ProfilePatch.none(), IdentifierInput.of("phone", "+79161234567")));

        assertThatThrownBy(() -> upserts.upsert(upsert(tenant, ProfilePatch.none(),
                IdentifierInput.of("email", "a@shop.ru"), IdentifierInput.of("phone", "89161234567"))))
                .isInstanceOfSatisfying(IdentifierConflictException.class, e -> assertThat(e.customerIds())
                        .containsExactlyInAnyOrder(a.customer().id().value(), b.customer().id().value()));
    }

    @Test
    void theSameIdentifierInAnotherTenantIsAnotherCustomer() {
        TenantId one = newTenant(null);
        TenantId two = newTenant(null);
        UpsertResult a = upserts.upsert(upsert(one, ProfilePatch.none(), IdentifierInput.of("email", "same@shop.ru")));
        UpsertResult b = upserts.upsert(upsert(two, ProfilePatch.none(), IdentifierInput.of("email", "same@shop.ru")));

        assertThat(b.outcome()).isEqualTo(UpsertResult.Outcome.CREATED);
        assertThat(b.customer().id()).isNotEqualTo(a.customer().id());
        assertThat(transactions.readOnly(() -> store.findById(two, a.customer().id()))).isEmpty();
    }

    @Test
    void aPatchWithAStaleVersionIsRefusedAndChangesNothing() {
        TenantId tenant = newTenant(null);
        UpsertResult created = upserts.upsert(upsert(tenant,
                new ProfilePatch(Map.of(ProfileField.CITY, "Moscow"), Set.of()), IdentifierInput.of("externalId", "x1")));
        updates.patch(new PatchCustomerCommand(tenant, created.customer().id(), 1L,
                new ProfilePatch(Map.of(), Set.of(ProfileField.CITY)), "test"));

        assertThatThrownBy(() -> updates.patch(new PatchCustomerCommand(tenant, created.customer().id(), 1L,
                new ProfilePatch(Map.of(ProfileField.CITY, "Kazan"), Set.of()), "test")))
                .isInstanceOf(VersionMismatchException.class);
        Customer loaded = load(tenant, created.customer().id());
        assertThat(loaded.profile().get(ProfileField.CITY)).isNull();
        assertThat(loaded.version()).isEqualTo(2);
    }

    @Test
    void fiftyConcurrentUpsertsOfOneEmailInDifferentSpellingsMakeOneCustomer() throws Exception {
        TenantId tenant = newTenant(null);
        int writers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<UpsertResult>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String spelling = (i % 3 == 0 ? "  Race@Shop.RU " : i % 3 == 1 ? "race@shop.ru" : "RACE@SHOP.ru");
            String city = "City" + i;
            Callable<UpsertResult> write = () -> {
                start.await();
                return upserts.upsert(upsert(tenant, new ProfilePatch(Map.of(ProfileField.CITY, city), Set.of()),
                        IdentifierInput.of("email", spelling)));
            };
            results.add(pool.submit(write));
        }
        start.countDown();
        List<UpsertResult> done = new ArrayList<>();
        for (Future<UpsertResult> result : results) {
            done.add(result.get());
        }
        pool.shutdown();

        assertThat(done).extracting(r -> r.customer().id()).containsOnly(done.get(0).customer().id());
        assertThat(done).filteredOn(r -> r.outcome() == UpsertResult.Outcome.CREATED).hasSize(1);
        Long customers = transactions.readOnly(() -> jdbc.prepareStatement(
                "SELECT COUNT(*) FROM clientele_customer WHERE tenant_id = ?", statement -> {
                    statement.setString(1, tenant.value());
                    try (var rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getLong(1);
                    }
                }));
        assertThat(customers).isEqualTo(1L);
        Customer survivor = load(tenant, done.get(0).customer().id());
        // every write landed: 1 create + 49 updates that each changed the city
        assertThat(survivor.version()).isEqualTo(writers);
    }

    private long count(String sql, TenantId tenant) {
        return transactions.readOnly(() -> jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, tenant.value());
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }));
    }

    private UpsertCustomerCommand withConsent(TenantId tenant, String city, String... emails) {
        List<IdentifierInput> identifiers = java.util.Arrays.stream(emails).map(e -> IdentifierInput.of("email", e))
                .toList();
        return new UpsertCustomerCommand(tenant, identifiers, new io.clientele.application.port.in.CustomerChanges(
                new ProfilePatch(Map.of(ProfileField.CITY, city), Set.of()), null,
                List.of(new io.clientele.application.port.in.ConsentInput(io.clientele.domain.consent.Channel.EMAIL,
                        io.clientele.domain.consent.ConsentStatus.GRANTED, null, null, null, null,
                        io.clientele.application.port.in.ConsentInput.Recording.IF_CHANGED)),
                List.of(), false), "/identifiers", "API", "test", false);
    }

    @Test
    void recordsWrittenTogetherLandWithAllTheirRowsAsTheyWouldAlone() {
        TenantId tenant = newTenant(null);
        Customer existing = upserts.upsert(withConsent(tenant, "Old", "old@shop.ru")).customer();
        List<UpsertCustomerCommand> commands = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            commands.add(withConsent(tenant, "City" + i, "bulk" + i + "@shop.ru"));
        }
        commands.set(600, withConsent(tenant, "Updated", "old@shop.ru", "second@shop.ru"));

        List<io.clientele.application.port.in.BatchResult> results = upserts.upsertEach(commands);

        assertThat(results).hasSize(1_200).allMatch(r -> !r.rejected());
        assertThat(results).filteredOn(r -> r.result().outcome() == UpsertResult.Outcome.CREATED).hasSize(1_199);
        assertThat(results.get(600).result().customer().id()).isEqualTo(existing.id());
        assertThat(count("SELECT COUNT(*) FROM clientele_customer WHERE tenant_id = ?", tenant)).isEqualTo(1_200);
        assertThat(count("SELECT COUNT(*) FROM clientele_customer_identifier WHERE tenant_id = ?", tenant))
                .isEqualTo(1_201);
        // the consent is restated only where it changed: 1,199 new customers, not the one granted already
        assertThat(count("SELECT COUNT(*) FROM clientele_consent_event WHERE tenant_id = ?", tenant)).isEqualTo(1_200);
        assertThat(count("SELECT COUNT(*) FROM clientele_customer_membership WHERE tenant_id = ? AND kind = 'consent'",
                tenant)).isEqualTo(1_200);
        assertThat(count("SELECT COUNT(*) FROM clientele_customer_change WHERE tenant_id = ?", tenant))
                .isEqualTo(1_201);
        Customer updated = load(tenant, existing.id());
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.profile().get(ProfileField.CITY)).isEqualTo("Updated");
        assertThat(updated.identifiers()).extracting(Identifier::value)
                .containsExactlyInAnyOrder("old@shop.ru", "second@shop.ru");
        Customer created = load(tenant, results.get(1_199).result().customer().id());
        assertThat(created.profile().get(ProfileField.CITY)).isEqualTo("City1199");
        assertThat(created.consents().currentStates()).containsKey(io.clientele.domain.consent.Channel.EMAIL);
    }

    @Test
    void manyCustomersUpdatedTogetherEachGetTheirOwnChanges() {
        TenantId tenant = newTenant(null);
        List<UpsertCustomerCommand> first = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            first.add(upsert(tenant, new ProfilePatch(Map.of(ProfileField.CITY, "Old" + i), Set.of()),
                    IdentifierInput.of("email", "many" + i + "@shop.ru")));
        }
        List<io.clientele.application.port.in.BatchResult> created = upserts.upsertEach(first);
        List<UpsertCustomerCommand> second = new ArrayList<>();
        List<String> cities = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // text that needs quoting or is not ASCII, beside plain text, in the same statement
            String city = switch (i % 3) {
                case 0 -> "New" + i;
                case 1 -> "O'Hare \\ " + i;
                default -> "Тверь " + i;
            };
            cities.add(city);
            second.add(upsert(tenant, new ProfilePatch(Map.of(ProfileField.CITY, city), Set.of()),
                    IdentifierInput.of("email", "many" + i + "@shop.ru")));
        }
        second.add(upsert(tenant, ProfilePatch.none(), IdentifierInput.of("email", "another@shop.ru")));

        List<io.clientele.application.port.in.BatchResult> updated = upserts.upsertEach(second);

        assertThat(updated.subList(0, 300)).allMatch(r -> r.result().outcome() == UpsertResult.Outcome.UPDATED);
        assertThat(updated.get(300).result().outcome()).isEqualTo(UpsertResult.Outcome.CREATED);
        for (int i = 0; i < 300; i++) {
            Customer loaded = load(tenant, created.get(i).result().customer().id());
            assertThat(loaded.version()).isEqualTo(2);
            assertThat(loaded.profile().get(ProfileField.CITY)).isEqualTo(cities.get(i));
        }
        assertThat(count("SELECT COUNT(*) FROM clientele_customer_change WHERE tenant_id = ?", tenant)).isEqualTo(601);
    }

    @Test
    void chunksWrittenSideBySideEndAsTheRecordsWouldOneByOneInOrder() {
        // chunks of 500 (UpsertCustomerService.CHUNK): the first creates customers with an email and a phone, the
        // second re-sends half of those emails, the third reaches the same customers by their phones and the seeded
        // ones by email, the fourth the seeded ones by phone
        java.util.function.BiFunction<TenantId, Integer, UpsertCustomerCommand> record = (tenant, i) -> {
            List<IdentifierInput> identifiers;
            if (i < 500) {
                identifiers = List.of(IdentifierInput.of("email", "e" + i + "@shop.ru"),
                        IdentifierInput.of("phone", String.format("+7916200%04d", i)));
            } else if (i < 1000) {
                identifiers = List.of(IdentifierInput.of("email", (i < 750 ? "f" + i : "e" + (i - 750)) + "@shop.ru"));
            } else if (i < 1500) {
                identifiers = List.of(i < 1250 ? IdentifierInput.of("phone", String.format("+7916200%04d", i - 1000))
                        : IdentifierInput.of("email", "seed" + (i - 1250) + "@shop.ru"));
            } else if (i < 2000) {
                identifiers = List.of(i < 1750 ? IdentifierInput.of("phone", String.format("+7916100%04d", i - 1500))
                        : IdentifierInput.of("email", "h" + i + "@shop.ru"));
            } else {
                identifiers = List.of(IdentifierInput.of("email", "k" + i + "@shop.ru"));
            }
            return new UpsertCustomerCommand(tenant, identifiers, new ProfilePatch(Map.of(ProfileField.CITY,
                    "City" + i), Set.of()), null, "API", "test");
        };
        TenantId together = newTenant(null);
        TenantId oneByOne = newTenant(null);
        for (TenantId tenant : List.of(together, oneByOne)) {
            List<UpsertCustomerCommand> seeds = new ArrayList<>();
            for (int j = 0; j < 250; j++) {
                seeds.add(upsert(tenant, ProfilePatch.none(), IdentifierInput.of("email", "seed" + j + "@shop.ru"),
                        IdentifierInput.of("phone", String.format("+7916100%04d", j))));
            }
            upserts.upsertEach(seeds);
        }

        List<io.clientele.application.port.in.BatchResult> written = upserts.upsertEach(
                java.util.stream.IntStream.range(0, 2100).mapToObj(i -> record.apply(together, i)).toList());
        List<UpsertResult.Outcome> alone = new ArrayList<>();
        for (int i = 0; i < 2100; i++) {
            alone.add(upserts.upsert(record.apply(oneByOne, i)).outcome());
        }

        assertThat(written).extracting(r -> r.result().outcome()).containsExactlyElementsOf(alone);
        for (int i = 0; i < 2100; i++) {
            IdentifierInput identifier = record.apply(together, i).identifiers().get(0);
            // both written normalised already (lower-case email, E.164 phone)
            io.clientele.domain.identity.IdentifierKey key = new io.clientele.domain.identity.IdentifierKey(
                    identifier.type(), identifier.value());
            Customer mine = transactions.readOnly(() -> store.findByIdentifier(together, key)).orElseThrow();
            Customer theirs = transactions.readOnly(() -> store.findByIdentifier(oneByOne, key)).orElseThrow();
            assertThat(mine.profile().get(ProfileField.CITY)).as(key.toString())
                    .isEqualTo(theirs.profile().get(ProfileField.CITY));
            assertThat(mine.version()).as(key.toString()).isEqualTo(theirs.version());
        }
        assertThat(count("SELECT COUNT(*) FROM clientele_customer WHERE tenant_id = ?", together))
                .isEqualTo(count("SELECT COUNT(*) FROM clientele_customer WHERE tenant_id = ?", oneByOne));
    }

    /** Three customers, by the emails {@code <prefix>0@shop.ru} to {@code <prefix>2@shop.ru}. */
    private List<CustomerId> threeCustomers(TenantId tenant, String prefix) {
        List<CustomerId> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(upserts.upsert(upsert(tenant, ProfilePatch.none(), IdentifierInput.of("email", prefix + i
                    + "@shop.ru"))).customer().id());
        }
        return ids;
    }

    /** Each copy changed, then all saved together: the save must fail as a lost race. */
    private void assertThatSavingChangedCopiesLosesARace(List<Customer> copies) {
        java.time.Instant now = java.time.Instant.now();
        copies.forEach(copy -> copy.applyProfile(new ProfilePatch(Map.of(ProfileField.CITY, "Mine"), Set.of()), now));
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            store.saveAll(copies);
            return null;
        })).isInstanceOf(io.clientele.application.port.out.RetriesExhaustedException.class);
    }

    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> hostTransactions;

    @Test
    void insideTheHostApplicationsTransactionALostRaceIsTheHostsToRetry() {
        // the host (an app embedding the registry) owns the transaction: a unit run inside it joins it, and hands a
        // lost race back instead of retrying on in whatever state the race left the host's transaction
        int[] runs = {0};
        assertThatThrownBy(() -> hostTransactions.executeWrite(status -> transactions.inTransaction(() -> {
            runs[0]++;
            throw new io.clientele.application.port.out.RetryableConflictException("lost", null);
        }))).isInstanceOf(io.clientele.application.port.out.RetryableConflictException.class);
        assertThat(runs[0]).isEqualTo(1);
    }

    @Test
    void aDeviceAnotherWriteClaimedIsAConflictNotATakeover() throws Exception {
        TenantId tenant = newTenant(null);
        List<CustomerId> ids = threeCustomers(tenant, "claim");
        String device = PushSubscription.key(PushSubscription.Provider.FCM, "tok-claimed");
        java.time.Instant now = java.time.Instant.now();
        java.util.concurrent.CountDownLatch claimed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicLong firstCommitted = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong secondSent = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.Future<?> first = other.submit(() -> {
            transactions.inTransaction(() -> {
                store.claimDevices(tenant, Map.of(device, ids.get(0)), now);
                claimed.countDown();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            firstCommitted.set(System.nanoTime());
        });
        claimed.await();
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            secondSent.compareAndSet(0, System.nanoTime());
            store.claimDevices(tenant, Map.of(device, ids.get(1)), now);
            return null;
        })).isInstanceOf(io.clientele.application.port.out.RetriesExhaustedException.class);
        first.get();
        other.shutdown();

        // the second claim went out while the first was not committed yet: it waited for it, then conflicted
        assertThat(secondSent.get()).isLessThan(firstCommitted.get());
        assertThat(transactions.readOnly(() -> store.deviceHolders(tenant, List.of(device))))
                .containsExactly(Map.entry(device, ids.get(0)));
    }

    @Test
    void aStaleCustomerAmongManySavedTogetherFailsTheWholeSave() {
        TenantId tenant = newTenant(null);
        List<CustomerId> ids = threeCustomers(tenant, "stale");
        List<Customer> copies = ids.stream().map(id -> load(tenant, id)).toList();
        // someone else writes the second customer meanwhile
        upserts.upsert(upsert(tenant, new ProfilePatch(Map.of(ProfileField.CITY, "Elsewhere"), Set.of()),
                IdentifierInput.of("email", "stale1@shop.ru")));

        assertThatSavingChangedCopiesLosesARace(copies);
        assertThat(load(tenant, ids.get(0)).profile().get(ProfileField.CITY)).isNull();
        assertThat(load(tenant, ids.get(1)).profile().get(ProfileField.CITY)).isEqualTo("Elsewhere");
        assertThat(load(tenant, ids.get(2)).version()).isEqualTo(1);
    }

    @Test
    void aCustomerWhoseRowVanishedIsNotWrittenBackAmongOthers() {
        TenantId tenant = newTenant(null);
        List<CustomerId> ids = threeCustomers(tenant, "gone");
        List<Customer> copies = ids.stream().map(id -> load(tenant, id)).toList();
        transactions.inTransaction(() -> jdbc.prepareStatement(
                "DELETE FROM clientele_customer WHERE tenant_id = ? AND id = ?", statement -> {
                    statement.setString(1, tenant.value());
                    statement.setString(2, ids.get(1).value());
                    return statement.executeUpdate();
                }));

        assertThatSavingChangedCopiesLosesARace(copies);
        assertThat(count("SELECT COUNT(*) FROM clientele_customer WHERE tenant_id = ?", tenant)).isEqualTo(2);
        assertThat(load(tenant, ids.get(0)).profile().get(ProfileField.CITY)).isNull();
    }

    @Test
    void twoBulkWritersRacingOverTheSameNewIdentifiersMakeEachCustomerOnce() throws Exception {
        TenantId tenant = newTenant(null);
        int records = 600;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<io.clientele.application.port.in.BatchResult>>> runs = new ArrayList<>();
        for (int writer = 0; writer < 4; writer++) {
            int offset = writer * 150;
            runs.add(pool.submit(() -> {
                List<UpsertCustomerCommand> commands = new ArrayList<>();
                for (int i = 0; i < records; i++) {
                    // each writer starts elsewhere in the same 600 emails, so chunks overlap in every way
                    commands.add(withConsent(tenant, "W", "race" + ((i + offset) % records) + "@shop.ru"));
                }
                start.await();
                return upserts.upsertEach(commands);
            }));
        }
        start.countDown();
        int created = 0;
        for (Future<List<io.clientele.application.port.in.BatchResult>> run : runs) {
            List<io.clientele.application.port.in.BatchResult> results = run.get();
            assertThat(results).hasSize(records).allMatch(r -> !r.rejected());
            created += (int) results.stream().filter(r -> r.result().outcome() == UpsertResult.Outcome.CREATED)
                    .count();
        }
        pool.shutdown();

        assertThat(created).isEqualTo(records);
        assertThat(count("SELECT COUNT(*) FROM clientele_customer WHERE tenant_id = ?", tenant)).isEqualTo(records);
        assertThat(count("SELECT COUNT(*) FROM clientele_customer_identifier WHERE tenant_id = ?", tenant))
                .isEqualTo(records);
        // one grant per customer: the later writers found it granted
        assertThat(count("SELECT COUNT(*) FROM clientele_consent_event WHERE tenant_id = ?", tenant)).isEqualTo(records);
    }

    @Test
    void consentsAndPushSubscriptionsRoundTripExactlyWhateverTheirText() {
        TenantId tenant = newTenant(null);
        String evidence = "form \"checkout\" \\ step 2\nпринято ✓ 'ok'";
        java.time.Instant at = java.time.Instant.parse("2024-05-06T07:08:09.123456Z");
        var channels = io.clientele.domain.consent.Channel.values();
        List<io.clientele.application.port.in.ConsentInput> consents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            consents.add(new io.clientele.application.port.in.ConsentInput(channels[i % channels.length],
                    i % 2 == 0 ? io.clientele.domain.consent.ConsentStatus.GRANTED
                            : io.clientele.domain.consent.ConsentStatus.WITHDRAWN,
                    at.plusSeconds(i), "SHOP_" + i, evidence + i, "v" + i));
        }
        List<io.clientele.application.port.in.PushInput> push = List.of(
                new io.clientele.application.port.in.PushInput(io.clientele.domain.customer.PushSubscription.Provider
                        .values()[0], "tok\"en-1", "app", null, true, at),
                new io.clientele.application.port.in.PushInput(io.clientele.domain.customer.PushSubscription.Provider
                        .values()[0], "token-2", null, "proj", false, at),
                new io.clientele.application.port.in.PushInput(io.clientele.domain.customer.PushSubscription.Provider
                        .values()[0], "token-3", null, null, null, at));
        UpsertResult written = upserts.upsert(new UpsertCustomerCommand(tenant,
                List.of(IdentifierInput.of("email", "ledger@shop.ru")), new io.clientele.application.port.in.CustomerChanges(
                null, null, consents, push, false), "/identifiers", "API", "test", false));

        Customer loaded = load(tenant, written.customer().id());

        assertThat(loaded.consents().events()).containsExactlyElementsOf(written.customer().consents().events());
        assertThat(loaded.consents().events()).hasSize(40)
                .anySatisfy(e -> assertThat(e.evidence()).isEqualTo(evidence + "7"));
        assertThat(loaded.pushSubscriptions()).containsExactlyInAnyOrderElementsOf(
                written.customer().pushSubscriptions());
        assertThat(loaded.pushSubscriptions()).extracting(io.clientele.domain.customer.PushSubscription::devEnvironment)
                .containsExactlyInAnyOrder(true, false, null);
    }

    private UpsertResult withPush(TenantId tenant, String email, List<io.clientele.application.port.in.PushInput> push,
                                  boolean replace, String... otherEmails) {
        List<IdentifierInput> identifiers = new ArrayList<>(List.of(IdentifierInput.of("email", email)));
        for (String other : otherEmails) {
            identifiers.add(IdentifierInput.of("email", other));
        }
        return upserts.upsert(new UpsertCustomerCommand(tenant, identifiers,
                new io.clientele.application.port.in.CustomerChanges(null, null, null, push, replace), "/identifiers",
                "API", "test", false));
    }

    private static io.clientele.application.port.in.PushInput fcm(String token, java.time.Instant createdAt) {
        return new io.clientele.application.port.in.PushInput(
                io.clientele.domain.customer.PushSubscription.Provider.FCM, token, null, null, null, createdAt);
    }

    private long pushRows(TenantId tenant, String token) {
        return transactions.readOnly(() -> jdbc.prepareStatement(
                "SELECT COUNT(*) FROM clientele_push_subscription WHERE tenant_id = ? AND token = ?", statement -> {
                    statement.setString(1, tenant.value());
                    statement.setString(2, token);
                    try (java.sql.ResultSet result = statement.executeQuery()) {
                        result.next();
                        return result.getLong(1);
                    }
                }));
    }

    @Test
    void aTokenMovingInKeepsTheCreationTimeItWasAnsweredWith() {
        TenantId tenant = newTenant(null);
        withPush(tenant, "b-holder@shop.ru", List.of(fcm("c-x", java.time.Instant.parse("2020-01-01T00:00:00Z"))),
                false);

        UpsertResult moved = withPush(tenant, "a-taker@shop.ru",
                List.of(fcm("c-x", java.time.Instant.parse("2023-05-05T00:00:00Z"))), false);

        assertThat(load(tenant, moved.customer().id()).pushSubscriptions())
                .containsExactlyElementsOf(moved.customer().pushSubscriptions());
        assertThat(moved.customer().pushSubscriptions().get(0).createdAt())
                .isEqualTo(java.time.Instant.parse("2023-05-05T00:00:00Z"));
    }

    @Test
    void aWriteThatMergesAndDropsAllDevicesLeavesNoneOfTheAbsorbedCustomersBehind() {
        TenantId tenant = newTenant(null);
        UpsertResult older = withPush(tenant, "u-a@shop.ru", List.of(fcm("u-a", null)), false);
        UpsertResult younger = withPush(tenant, "u-b@shop.ru", List.of(fcm("u-b", null)), false);

        UpsertResult merged = withPush(tenant, "u-a@shop.ru", List.of(), true, "u-b@shop.ru");

        assertThat(merged.mergedFrom()).containsExactly(younger.customer().id());
        assertThat(merged.customer().pushSubscriptions()).isEmpty();
        assertThat(load(tenant, older.customer().id()).pushSubscriptions()).isEmpty();
        // the absorbed customer's device went too, not left under the MERGED record
        assertThat(pushRows(tenant, "u-b")).isZero();
        assertThat(pushRows(tenant, "u-a")).isZero();
    }

    @Test
    void aChunkOfCustomersLargerThanTheServersPacketLimitIsWrittenWhole() {
        TenantId tenant = newTenant(null);
        String value = "x".repeat(1_990);
        List<UpsertCustomerCommand> commands = new ArrayList<>();
        // 60 customers with 150 attributes of ~2,000 characters: about 18 MB, over MariaDB's 16 MiB packet limit
        for (int c = 0; c < 60; c++) {
            Map<String, String> attributes = new java.util.LinkedHashMap<>();
            for (int a = 0; a < 150; a++) {
                attributes.put("attribute_" + a, value + c);
            }
            commands.add(new UpsertCustomerCommand(tenant, List.of(IdentifierInput.of("email", "big" + c + "@shop.ru")),
                    new io.clientele.application.port.in.CustomerChanges(null, new io.clientele.domain.customer.DetailsPatch(
                            io.clientele.domain.customer.SetEdit.none(), io.clientele.domain.customer.SetEdit.none(),
                            new io.clientele.domain.customer.MapEdit<>(attributes, Set.of()),
                            io.clientele.domain.customer.MapEdit.none(), null, null, null, false, null),
                            List.of(), List.of(), false), "/identifiers", "API", "test", false));
        }

        List<io.clientele.application.port.in.BatchResult> results = upserts.upsertEach(commands);

        assertThat(results).hasSize(60).allMatch(r -> !r.rejected()
                && r.result().outcome() == UpsertResult.Outcome.CREATED);
        assertThat(count("SELECT COUNT(*) FROM clientele_customer WHERE tenant_id = ?", tenant)).isEqualTo(60);
        Customer last = load(tenant, results.get(59).result().customer().id());
        assertThat(last.details().attributes()).hasSize(150).containsEntry("attribute_149", value + 59);

        // the same customers changed again: their updates, as large, are split over statements too
        List<UpsertCustomerCommand> changes = commands.stream().map(command -> new UpsertCustomerCommand(tenant,
                command.identifiers(), new io.clientele.application.port.in.CustomerChanges(null,
                new io.clientele.domain.customer.DetailsPatch(io.clientele.domain.customer.SetEdit.none(),
                        io.clientele.domain.customer.SetEdit.none(), new io.clientele.domain.customer.MapEdit<>(
                        Map.of("attribute_0", "changed " + command.identifiers().get(0).value()), Set.of()),
                        io.clientele.domain.customer.MapEdit.none(), null, null, null, false, null),
                List.of(), List.of(), false), "/identifiers", "API", "test", false)).toList();

        List<io.clientele.application.port.in.BatchResult> updated = upserts.upsertEach(changes);

        assertThat(updated).hasSize(60).allMatch(r -> !r.rejected()
                && r.result().outcome() == UpsertResult.Outcome.UPDATED);
        Customer changed = load(tenant, results.get(59).result().customer().id());
        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.details().attributes()).hasSize(150).containsEntry("attribute_0", "changed big59@shop.ru")
                .containsEntry("attribute_149", value + 59);
    }

    @Test
    void aCustomerWhoseTokenTheChunkBeforeTakesIsAnsweredWithoutIt() {
        // customer h<k> holds device-<k>; the last record of chunk k gives that device to a new customer and the first
        // record of chunk k+1 updates h<k>: chunk k+1 may run beside chunk k, and must not answer from before it
        TenantId tenant = newTenant(null);
        int chunks = 6;
        int chunk = 500;
        List<UpsertCustomerCommand> holders = new ArrayList<>();
        for (int k = 0; k < chunks; k++) {
            holders.add(withDevice(upsert(tenant, ProfilePatch.none(), IdentifierInput.of("email",
                    "h" + k + "@shop.ru")), "device-" + k));
        }
        upserts.upsertEach(holders);
        List<UpsertCustomerCommand> records = new ArrayList<>();
        for (int i = 0; i < chunks * chunk + 1; i++) {
            int k = i / chunk;
            if (i % chunk == chunk - 1) {
                records.add(withDevice(upsert(tenant, ProfilePatch.none(), IdentifierInput.of("email",
                        "taker" + k + "@shop.ru")), "device-" + k));
            } else if (i % chunk == 0 && k > 0) {
                records.add(upsert(tenant, new ProfilePatch(Map.of(ProfileField.CITY, "Later"), Set.of()),
                        IdentifierInput.of("email", "h" + (k - 1) + "@shop.ru")));
            } else {
                records.add(upsert(tenant, ProfilePatch.none(), IdentifierInput.of("email", "f" + i + "@shop.ru")));
            }
        }

        List<io.clientele.application.port.in.BatchResult> results = upserts.upsertEach(records);

        for (int k = 0; k < chunks; k++) {
            Customer answered = results.get((k + 1) * chunk).result().customer();
            assertThat(answered.profile().get(ProfileField.CITY)).isEqualTo("Later");
            assertThat(answered.pushSubscriptions()).as("h" + k + " as answered").isEmpty();
            assertThat(load(tenant, answered.id()).pushSubscriptions()).as("h" + k + " as stored").isEmpty();
            assertThat(results.get(k * chunk + chunk - 1).result().customer().pushSubscriptions())
                    .extracting(PushSubscription::token).containsExactly("device-" + k);
        }
    }

    @Test
    void theHoldersOfAnUploadsWorthOfLongTokensAreFoundWhateverTheirNumber() {
        // 6,000 tokens of 506 characters outside ASCII, written as hex literals, are ~18 MB of SQL: more than
        // max_allowed_packet (16 MiB) in one statement
        TenantId tenant = newTenant(null);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            keys.add(PushSubscription.key(PushSubscription.Provider.FCM, "\u4e2d".repeat(500) + String.format("%06d", i)));
        }
        List<CustomerId> holders = new ArrayList<>();
        for (int i : new int[]{0, 3_000, 5_999}) {
            holders.add(upserts.upsert(withDevice(upsert(tenant, ProfilePatch.none(), IdentifierInput.of("email",
                    "holder" + i + "@shop.ru")), keys.get(i).substring("fcm:".length()))).customer().id());
        }

        Map<String, CustomerId> found = transactions.readOnly(() -> store.deviceHolders(tenant, keys));

        assertThat(found).containsExactlyInAnyOrderEntriesOf(Map.of(keys.get(0), holders.get(0),
                keys.get(3_000), holders.get(1), keys.get(5_999), holders.get(2)));
        assertThat(transactions.readOnly(() -> store.deviceHolders(tenant, keys.subList(1, 2)))).isEmpty();
    }

    @Test
    void theHoldersOfAnUploadsWorthOfLongIdentifiersAreFoundWhateverTheirNumber() {
        // 12,000 external ids of 255 characters outside ASCII, written as hex literals, are ~18 MB of SQL
        TenantId tenant = newTenant(null);
        List<io.clientele.domain.identity.IdentifierKey> keys = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            keys.add(new io.clientele.domain.identity.IdentifierKey("externalId",
                    "\u4e2d".repeat(249) + String.format("%06d", i)));
        }
        Map<io.clientele.domain.identity.IdentifierKey, CustomerId> expected = new java.util.HashMap<>();
        for (int i : new int[]{0, 6_000, 11_999}) {
            expected.put(keys.get(i), upserts.upsert(upsert(tenant, ProfilePatch.none(),
                    IdentifierInput.of("externalId", keys.get(i).value()))).customer().id());
        }

        Map<io.clientele.domain.identity.IdentifierKey, CustomerId> found = transactions.readOnly(
                () -> store.holders(tenant, keys));

        assertThat(found).isEqualTo(expected);
    }

    @Test
    void identifierDetailsAreSharedUnlessTheyNameASourceAccount() {
        String plain = "{\"country\":\"RU\",\"sources\":[{\"source\":\"SHARED-TEST\"}]}";
        String account = "acc-" + UUID.randomUUID();
        String withAccount = "{\"sources\":[{\"source\":\"CRM\",\"accountId\":\"" + account + "\"}]}";

        Identifier first = rows.identifier("phone", "+79161234567", "8 916 123-45-67", plain);
        Identifier again = rows.identifier("phone", "+79161234568", "8 916 123-45-68", plain);
        Identifier crm = rows.identifier("externalId", "100500", "100500", withAccount);

        assertThat(rows.knowsDetails(plain)).isTrue();
        assertThat(first.country()).isEqualTo("RU");
        assertThat(again.value()).isEqualTo("+79161234568");
        assertThat(again.sources()).extracting(s -> s.source()).containsExactly("SHARED-TEST");
        // an account id is personal data: it is not kept past the read (an erased customer's would linger)
        assertThat(rows.knowsDetails(withAccount)).isFalse();
        assertThat(crm.accountId()).isEqualTo(account);
    }

    private static UpsertCustomerCommand withDevice(UpsertCustomerCommand command, String token) {
        return new UpsertCustomerCommand(command.tenantId(), command.identifiers(), new CustomerChanges(
                command.profile(), null, null, List.of(new PushInput(PushSubscription.Provider.FCM, token, "app",
                null, null, null)), false), command.identifierPointer(), command.defaultSource(), command.actor(),
                false);
    }
}
