package io.clientele.domain.merge;

import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.CustomerSnapshot;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.customer.Profile;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.identity.PlaceholderPolicy;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.shared.DomainException;
import io.clientele.domain.tenant.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When a merge can still be undone without losing anything. */
class MergeTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final CustomerId SURVIVOR = CustomerId.of("c-0001");
    private static final CustomerId ABSORBED = CustomerId.of("c-0002");
    private static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant MERGED_AT = Instant.parse("2024-02-01T00:00:00Z");
    private static final Instant REVERTED_AT = Instant.parse("2024-03-01T00:00:00Z");

    private static final Identifier ANNA_EMAIL = email("anna@shop.ru");
    private static final Identifier ANYA_PHONE = Identifier.parse(IdentifierType.PHONE, null, "+79161234567", "RU",
            PlaceholderPolicy.defaults());
    private static final Identifier ANYA_EMAIL = email("anya@shop.ru");

    private Merge merge;
    /** The survivor as stored after the merge (version 5). */
    private Customer survivorAfter;

    private static Identifier email(String raw) {
        return Identifier.parse(IdentifierType.EMAIL, null, raw, "RU", PlaceholderPolicy.defaults());
    }

    @BeforeEach
    void mergeTwoCustomers() {
        Customer survivor = Customer.reconstitute(SURVIVOR, TENANT, LifecycleState.ACTIVE, 4,
                new Profile(Map.of(ProfileField.FIRST_NAME, "Anna")), List.of(ANNA_EMAIL), CREATED, CREATED, null);
        Customer absorbed = Customer.reconstitute(ABSORBED, TENANT, LifecycleState.ACTIVE, 2,
                new Profile(Map.of(ProfileField.LAST_NAME, "Petrova")), List.of(ANYA_PHONE, ANYA_EMAIL), CREATED,
                CREATED, null);
        CustomerSnapshot survivorBefore = survivor.snapshot();
        CustomerSnapshot absorbedBefore = absorbed.snapshot();
        survivor.absorb(absorbed, MERGED_AT);
        merge = new Merge("m-1", TENANT, SURVIVOR, ABSORBED, MERGED_AT, MergeReason.EXPLICIT, "key-1",
                survivorBefore, absorbedBefore, survivor.version(), null, null);
        survivorAfter = survivor(LifecycleState.ACTIVE, survivor.version(), survivor.identifiers(), null);
    }

    private Customer survivor(LifecycleState state, long version, List<Identifier> identifiers,
                              CustomerId mergedInto) {
        return Customer.reconstitute(SURVIVOR, TENANT, state, version,
                new Profile(Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.LAST_NAME, "Petrova")),
                identifiers, CREATED, MERGED_AT, mergedInto);
    }

    private static Customer absorbed(LifecycleState state, CustomerId mergedInto) {
        return Customer.reconstitute(ABSORBED, TENANT, state, 3, new Profile(Map.of(ProfileField.LAST_NAME,
                "Petrova")), List.of(), CREATED, MERGED_AT, mergedInto);
    }

    private static void assertConflict(Runnable check, String code) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(ConflictException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
            // no personal data in the message
            assertThat(e.getMessage()).doesNotContain("anya@shop.ru", "+79161234567", "Petrova");
        });
    }

    @Test
    void aCleanMergeIsRevertible() {
        assertThat(merge.survivorVersionAfter()).isEqualTo(5);
        assertThat(merge.isReverted()).isFalse();

        assertThatCode(() -> merge.checkRevertible(survivorAfter, absorbed(LifecycleState.MERGED, SURVIVOR)))
                .doesNotThrowAnyException();
        assertThat(merge.absorbedIdentifierKeys()).containsExactly(ANYA_PHONE.key(), ANYA_EMAIL.key());
    }

    @Test
    void aRevertedMergeIsRefused() {
        Merge reverted = merge.reverted(REVERTED_AT, "key-2");

        assertConflict(() -> reverted.checkRevertible(survivorAfter, absorbed(LifecycleState.MERGED, SURVIVOR)),
                "merge-already-reverted");
    }

    @Test
    void revertedKeepsTheEntryAndRecordsWhenAndWhoButNoPersonalData() {
        Merge reverted = merge.reverted(REVERTED_AT, "key-2");

        assertThat(reverted.isReverted()).isTrue();
        assertThat(reverted.revertedAt()).isEqualTo(REVERTED_AT);
        assertThat(reverted.revertedBy()).isEqualTo("key-2");
        assertThat(reverted.id()).isEqualTo(merge.id());
        // it can't be reverted again: its before-images keep no personal data (the survivor's may hold another
        // customer's, which must not outlive that customer's erasure)
        assertThat(merge.absorbedBefore().identifiers()).isNotEmpty();
        assertThat(reverted.survivorBefore()).isEqualTo(merge.survivorBefore().withoutPersonalData());
        assertThat(reverted.absorbedBefore()).isEqualTo(merge.absorbedBefore().withoutPersonalData());
        assertThat(reverted.absorbedBefore().identifiers()).isEmpty();
        assertThat(reverted.absorbedBefore().profile().values()).isEmpty();
        assertThat(reverted.absorbedBefore().id()).isEqualTo(merge.absorbedBefore().id());
        assertThat(reverted.absorbedBefore().version()).isEqualTo(merge.absorbedBefore().version());
        assertThat(reverted.survivorVersionAfter()).isEqualTo(merge.survivorVersionAfter());
        assertThat(merge.isReverted()).isFalse();
    }

    @Test
    void aSurvivorThatLostOneOfItsOwnIdentifiersInTheMergingWriteIsRefused() {
        // a dialect's replacement took the survivor's email away in the write that merged (same version)
        List<Identifier> withoutItsOwn = new ArrayList<>(survivorAfter.identifiers());
        withoutItsOwn.removeIf(identifier -> identifier.key().equals(ANNA_EMAIL.key()));
        Customer replaced = survivor(LifecycleState.ACTIVE, 5, withoutItsOwn, null);

        assertConflict(() -> merge.checkRevertible(replaced, absorbed(LifecycleState.MERGED, SURVIVOR)),
                "merge-not-revertible");
    }

    @Test
    void anAbsorbedCustomerThatIsActiveAgainIsRefused() {
        assertConflict(() -> merge.checkRevertible(survivorAfter, absorbed(LifecycleState.ACTIVE, null)),
                "merge-not-revertible");
    }

    @Test
    void anAbsorbedCustomerMergedIntoAnotherCustomerIsRefused() {
        assertConflict(() -> merge.checkRevertible(survivorAfter,
                absorbed(LifecycleState.MERGED, CustomerId.of("c-0003"))), "merge-not-revertible");
    }

    @ParameterizedTest
    @EnumSource(value = LifecycleState.class, names = {"FORGOTTEN", "DELETED"})
    void anAbsorbedCustomerThatIsGoneIsRefused(LifecycleState state) {
        assertConflict(() -> merge.checkRevertible(survivorAfter, absorbed(state, null)), "merge-not-revertible");
    }

    @ParameterizedTest
    @EnumSource(value = LifecycleState.class, names = {"MERGED", "FORGOTTEN", "DELETED"})
    void aSurvivorThatIsNotActiveIsRefused(LifecycleState state) {
        Customer inactive = survivor(state, 5, survivorAfter.identifiers(),
                state == LifecycleState.MERGED ? CustomerId.of("c-0003") : null);

        assertConflict(() -> merge.checkRevertible(inactive, absorbed(LifecycleState.MERGED, SURVIVOR)),
                "merge-not-revertible");
    }

    @Test
    void aSurvivorMergedOnNamesTheMergeToRevertFirst() {
        Customer mergedOn = survivor(LifecycleState.MERGED, 6, List.of(), CustomerId.of("c-0003"));

        assertThatThrownBy(() -> merge.checkRevertible(mergedOn, absorbed(LifecycleState.MERGED, SURVIVOR)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("c-0003");
    }

    @Test
    void aSurvivorChangedSinceTheMergeIsRefused() {
        Customer changed = survivor(LifecycleState.ACTIVE, 6, survivorAfter.identifiers(), null);

        assertConflict(() -> merge.checkRevertible(changed, absorbed(LifecycleState.MERGED, SURVIVOR)),
                "merge-not-revertible");
    }

    @Test
    void theSurvivorsLoadedVersionCountsNotItsPendingOne() {
        // a survivor loaded at the version of the merge but with unsaved changes is still as it was
        Customer loaded = survivor(LifecycleState.ACTIVE, 5, survivorAfter.identifiers(), null);
        loaded.addIdentifiers(List.of(email("anna@work.ru")), REVERTED_AT);

        assertThatCode(() -> merge.checkRevertible(loaded, absorbed(LifecycleState.MERGED, SURVIVOR)))
                .doesNotThrowAnyException();
    }

    @Test
    void anAbsorbedIdentifierNoLongerOnTheSurvivorIsRefused() {
        List<Identifier> withoutAnyasEmail = new ArrayList<>(survivorAfter.identifiers());
        withoutAnyasEmail.remove(ANYA_EMAIL);
        Customer moved = survivor(LifecycleState.ACTIVE, 5, withoutAnyasEmail, null);

        assertConflict(() -> merge.checkRevertible(moved, absorbed(LifecycleState.MERGED, SURVIVOR)),
                "merge-not-revertible");
    }

    @Test
    void theAlreadyRevertedCheckComesFirst() {
        Merge reverted = merge.reverted(REVERTED_AT, "key-2");
        Customer reactivated = absorbed(LifecycleState.ACTIVE, null);

        assertConflict(() -> reverted.checkRevertible(survivorAfter, reactivated), "merge-already-reverted");
    }
}
