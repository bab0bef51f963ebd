package io.clientele.application.service;

import io.clientele.application.fake.ImmediateTransactions;
import io.clientele.application.fake.InMemoryCustomerStore;
import io.clientele.application.fake.InMemoryTenantStore;
import io.clientele.application.port.in.LookupCustomerQuery;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.identity.PlaceholderPolicy;
import io.clientele.domain.shared.NotFoundException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.shared.Violation;
import io.clientele.domain.tenant.MergePolicy;
import io.clientele.domain.tenant.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static io.clientele.application.fake.TestData.active;
import static io.clientele.application.fake.TestData.email;
import static io.clientele.application.fake.TestData.phone;
import static io.clientele.application.fake.TestData.stored;
import static io.clientele.application.fake.TestData.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

class FindCustomersServiceTest {

    private static final TenantId ACME = TenantId.of("acme");
    private static final CustomerId A = CustomerId.of("a");
    private static final CustomerId B = CustomerId.of("b");
    private static final CustomerId C = CustomerId.of("c");

    private final InMemoryTenantStore tenantStore = new InMemoryTenantStore();
    private final InMemoryCustomerStore store = new InMemoryCustomerStore();
    private final ImmediateTransactions transactions = new ImmediateTransactions();
    private FindCustomersService service;

    @BeforeEach
    void setUp() {
        tenantStore.insertIfAbsent(tenant("acme", "RU", MergePolicy.MERGE));
        tenantStore.insertIfAbsent(tenant("other", "RU", MergePolicy.MERGE));
        service = new FindCustomersService(new TenantDirectory(tenantStore, transactions), store, transactions);
    }

    @Test
    void getReturnsAnActiveCustomer() {
        store.seed(active(ACME, "a", email("anna@shop.ru")));

        assertThat(service.get(ACME, A).id()).isEqualTo(A);
    }

    @Test
    void getFollowsAMergeChainToTheSurvivor() {
        store.seed(active(ACME, "a", email("anna@shop.ru")));
        store.seed(stored(ACME, "b", LifecycleState.MERGED, A, List.of()));
        store.seed(stored(ACME, "c", LifecycleState.MERGED, B, List.of()));

        assertThat(service.get(ACME, C).id()).isEqualTo(A);
        assertThat(service.get(ACME, B).id()).isEqualTo(A);
    }

    @Test
    void aWriteLocksTheCustomerAMergeChainEndsInAndNothingElseThatIsGone() {
        store.seed(active(ACME, "a", email("anna@shop.ru")));
        store.seed(stored(ACME, "b", LifecycleState.MERGED, A, List.of()));
        store.seed(stored(ACME, "c", LifecycleState.MERGED, B, List.of()));
        store.seed(stored(ACME, "d", LifecycleState.MERGED, CustomerId.of("e"), List.of()));
        store.seed(stored(ACME, "e", LifecycleState.DELETED, null, List.of()));

        assertThat(service.lockCurrent(ACME, C).id()).isEqualTo(A);
        assertThat(service.lockCurrent(ACME, A).id()).isEqualTo(A);
        for (CustomerId gone : List.of(CustomerId.of("d"), CustomerId.of("e"), CustomerId.of("missing"))) {
            assertThat(catchThrowableOfType(() -> service.lockCurrent(ACME, gone), NotFoundException.class).code())
                    .isEqualTo("customer-not-found");
        }
    }

    @ParameterizedTest
    @EnumSource(value = LifecycleState.class, names = {"DELETED", "FORGOTTEN"})
    void deletedAndForgottenCustomersAreNotFound(LifecycleState state) {
        store.seed(stored(ACME, "a", state, null, List.of()));

        NotFoundException e = catchThrowableOfType(() -> service.get(ACME, A), NotFoundException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("customer-not-found");
    }

    @Test
    void aMergeChainEndingInADeletedCustomerIsNotFound() {
        store.seed(stored(ACME, "a", LifecycleState.DELETED, null, List.of()));
        store.seed(stored(ACME, "b", LifecycleState.MERGED, A, List.of()));

        assertThat(catchThrowableOfType(() -> service.get(ACME, B), NotFoundException.class).code())
                .isEqualTo("customer-not-found");
    }

    @Test
    void aMergeChainPointingNowhereIsNotFound() {
        store.seed(stored(ACME, "b", LifecycleState.MERGED, CustomerId.of("missing"), List.of()));
        store.seed(stored(ACME, "c", LifecycleState.MERGED, null, List.of()));

        assertThat(catchThrowableOfType(() -> service.get(ACME, B), NotFoundException.class)).isNotNull();
        assertThat(catchThrowableOfType(() -> service.get(ACME, C), NotFoundException.class)).isNotNull();
    }

    @Test
    @Timeout(5)
    void aMergeCycleEndsInNotFoundInsteadOfLooping() {
        store.seed(stored(ACME, "a", LifecycleState.MERGED, B, List.of()));
        store.seed(stored(ACME, "b", LifecycleState.MERGED, A, List.of()));

        NotFoundException e = catchThrowableOfType(() -> service.get(ACME, A), NotFoundException.class);

        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("customer-not-found");
    }

    @Test
    void unknownIdsAndOtherTenantsCustomersAreNotFound() {
        store.seed(active(ACME, "a", email("anna@shop.ru")));

        assertThat(catchThrowableOfType(() -> service.get(ACME, CustomerId.of("zzz")), NotFoundException.class))
                .isNotNull();
        assertThat(catchThrowableOfType(() -> service.get(TenantId.of("other"), A), NotFoundException.class))
                .isNotNull();
    }

    @Test
    void lookupNormalisesThePhoneWithTheTenantsRegion() {
        store.seed(active(ACME, "a", phone("+79161234567")));

        Customer found = service.lookup(new LookupCustomerQuery(ACME, "phone", null, "8 916 123-45-67"));

        assertThat(found.id()).isEqualTo(A);
    }

    @Test
    void lookupComparesEmailsCaseInsensitively() {
        store.seed(active(ACME, "a", email("anna@shop.ru")));

        assertThat(service.lookup(new LookupCustomerQuery(ACME, "email", null, "  ANNA@Shop.RU ")).id())
                .isEqualTo(A);
    }

    @Test
    void lookupFindsSoftLinksByNameAndValue() {
        store.seed(active(ACME, "a", Identifier.parse(IdentifierType.SOFT_LINK, "loyalty card", "4000-1",
                "RU", PlaceholderPolicy.defaults())));

        assertThat(service.lookup(new LookupCustomerQuery(ACME, "softLink", "loyalty card", "4000-1")).id())
                .isEqualTo(A);
        assertThat(catchThrowableOfType(() -> service.lookup(new LookupCustomerQuery(ACME, "softLink", "gift card",
                "4000-1")), NotFoundException.class)).isNotNull();
    }

    @Test
    void lookupOfAMergedHolderLeadsToTheSurvivor() {
        store.seed(active(ACME, "a", email("anna@shop.ru")));
        store.seed(stored(ACME, "b", LifecycleState.MERGED, A, List.of(email("old@shop.ru"))));

        assertThat(service.lookup(new LookupCustomerQuery(ACME, "email", null, "old@shop.ru")).id()).isEqualTo(A);
    }

    @Test
    void lookupOfADeletedHolderIsNotFound() {
        store.seed(stored(ACME, "a", LifecycleState.DELETED, null, List.of(email("anna@shop.ru"))));

        NotFoundException e = catchThrowableOfType(
                () -> service.lookup(new LookupCustomerQuery(ACME, "email", null, "anna@shop.ru")),
                NotFoundException.class);

        assertThat(e.code()).isEqualTo("customer-not-found");
    }

    @Test
    void lookupOfAnUnheldIdentifierIsNotFound() {
        NotFoundException e = catchThrowableOfType(
                () -> service.lookup(new LookupCustomerQuery(ACME, "email", null, "nobody-here@shop.ru")),
                NotFoundException.class);

        assertThat(e.code()).isEqualTo("customer-not-found");
        assertThat(e.getMessage()).doesNotContain("nobody-here");
    }

    @Test
    void lookupWithAnInvalidValueIsAValidationErrorAtValue() {
        ValidationException e = catchThrowableOfType(
                () -> service.lookup(new LookupCustomerQuery(ACME, "phone", null, "12")), ValidationException.class);

        assertThat(e).isNotNull();
        assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/value");
    }

    @Test
    void lookupWithAPlaceholderOrAnUnknownTypeNamesTheParameter() {
        ValidationException placeholder = catchThrowableOfType(
                () -> service.lookup(new LookupCustomerQuery(ACME, "email", null, "test@test.com")),
                ValidationException.class);
        ValidationException unknownType = catchThrowableOfType(
                () -> service.lookup(new LookupCustomerQuery(ACME, "fax", null, "12345")), ValidationException.class);

        assertThat(placeholder.violations()).extracting(Violation::pointer, Violation::code)
                .containsExactly(tuple("/value", "placeholder-value"));
        assertThat(unknownType.violations()).extracting(Violation::pointer, Violation::code)
                .containsExactly(tuple("/type", "unknown-identifier-type"));
    }

    @Test
    void lookupInAnUnknownTenantIsNotFound() {
        NotFoundException e = catchThrowableOfType(() -> service.lookup(
                new LookupCustomerQuery(TenantId.of("nobody"), "email", null, "anna@shop.ru")), NotFoundException.class);

        assertThat(e.code()).isEqualTo("tenant-not-found");
    }
}
