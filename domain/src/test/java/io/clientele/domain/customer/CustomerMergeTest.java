package io.clientele.domain.customer;

import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.identity.PlaceholderPolicy;
import io.clientele.domain.identity.SourceAccount;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.tenant.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DOMAIN.md "Identity rules" 4: what a merge does to both customers, and how a revert gives them back. */
class CustomerMergeTest {

    private static final TenantId TENANT = TenantId.of("acme");
    private static final CustomerId SURVIVOR = CustomerId.of("c-0001");
    private static final CustomerId ABSORBED = CustomerId.of("c-0002");
    private static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant MERGED_AT = Instant.parse("2024-02-01T00:00:00Z");
    private static final Instant REVERTED_AT = Instant.parse("2024-03-01T00:00:00Z");

    private static Identifier email(String raw) {
        return Identifier.parse(IdentifierType.EMAIL, null, raw, "RU", PlaceholderPolicy.defaults());
    }

    private static Identifier phone(String raw) {
        return Identifier.parse(IdentifierType.PHONE, null, raw, "RU", PlaceholderPolicy.defaults());
    }

    private static Identifier externalId(String raw) {
        return Identifier.parse(IdentifierType.EXTERNAL_ID, null, raw, "RU", PlaceholderPolicy.defaults());
    }

    private static Customer stored(CustomerId id, TenantId tenant, LifecycleState state, long version,
                                   Map<ProfileField, Object> profile, Identifier... identifiers) {
        return Customer.reconstitute(id, tenant, state, version, new Profile(profile), List.of(identifiers), CREATED,
                CREATED, state == LifecycleState.MERGED ? CustomerId.of("c-0009") : null);
    }

    private static Customer survivor() {
        return stored(SURVIVOR, TENANT, LifecycleState.ACTIVE, 4,
                Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.CITY, "Moscow"),
                email("anna@shop.ru").seenAt("WEBSITE", null, null, null, null));
    }

    private static Customer absorbed() {
        return stored(ABSORBED, TENANT, LifecycleState.ACTIVE, 2,
                Map.of(ProfileField.FIRST_NAME, "Anya", ProfileField.LAST_NAME, "Petrova",
                        ProfileField.COUNTRY, "RU"),
                phone("+79161234567").seenAt("INSTORE", "till-3", null, true, null), externalId("crm-7"));
    }

    private static Set<IdentifierKey> keys(List<Identifier> identifiers) {
        return Set.copyOf(identifiers.stream().map(Identifier::key).toList());
    }

    // --- absorb ---

    @Test
    void absorbFillsOnlyTheSurvivorsBlanks() {
        Customer survivor = survivor();

        survivor.absorb(absorbed(), MERGED_AT);

        assertThat(survivor.profile().values()).isEqualTo(Map.of(
                ProfileField.FIRST_NAME, "Anna",          // the survivor's value wins
                ProfileField.CITY, "Moscow",              // the survivor's own
                ProfileField.LAST_NAME, "Petrova",        // blank filled
                ProfileField.COUNTRY, "RU"));             // blank filled
        assertThat(survivor.changedFields()).containsExactlyInAnyOrder(ProfileField.LAST_NAME, ProfileField.COUNTRY);
    }

    @Test
    void absorbMovesTheIdentifiersToTheSurvivor() {
        Customer survivor = survivor();
        Customer absorbed = absorbed();
        List<Identifier> absorbedIdentifiers = absorbed.identifiers();

        survivor.absorb(absorbed, MERGED_AT);

        assertThat(survivor.identifiers()).hasSize(3)
                .containsAll(absorbedIdentifiers)
                .contains(email("anna@shop.ru").seenAt("WEBSITE", null, null, null, null));
        assertThat(survivor.movedInIdentifiers()).containsExactlyElementsOf(absorbedIdentifiers);
        assertThat(survivor.addedIdentifiers()).isEmpty();
        assertThat(survivor.removedIdentifiers()).isEmpty();
        assertThat(survivor.isActive()).isTrue();
        assertThat(survivor.hasChanges()).isTrue();
        assertThat(survivor.version()).isEqualTo(5);
        assertThat(survivor.updatedAt()).isEqualTo(MERGED_AT);

        assertThat(absorbed.identifiers()).isEmpty();
        assertThat(absorbed.addedIdentifiers()).isEmpty();
        assertThat(absorbed.movedInIdentifiers()).isEmpty();
        assertThat(absorbed.changedIdentifiers()).isEmpty();
        // the rows move: the absorbed customer doesn't delete them
        assertThat(absorbed.removedIdentifiers()).isEmpty();
    }

    @Test
    void absorbMarksTheAbsorbedCustomerMergedIntoTheSurvivor() {
        Customer survivor = survivor();
        Customer absorbed = absorbed();

        survivor.absorb(absorbed, MERGED_AT);

        assertThat(absorbed.state()).isEqualTo(LifecycleState.MERGED);
        assertThat(absorbed.isActive()).isFalse();
        assertThat(absorbed.mergedInto()).isEqualTo(SURVIVOR);
        assertThat(absorbed.hasChanges()).isTrue();
        assertThat(absorbed.version()).isEqualTo(3);
        assertThat(absorbed.updatedAt()).isEqualTo(MERGED_AT);
        // its profile stays as it was (the journal and a revert rely on it)
        assertThat(absorbed.profile()).isEqualTo(absorbed().profile());
        assertThatThrownBy(() -> absorbed.applyProfile(ProfilePatch.none(), MERGED_AT))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void absorbOfACustomerWithAnEmptyProfileChangesNoField() {
        Customer survivor = survivor();
        Customer bare = stored(ABSORBED, TENANT, LifecycleState.ACTIVE, 1, Map.of(), email("anya@shop.ru"));

        survivor.absorb(bare, MERGED_AT);

        assertThat(survivor.changedFields()).isEmpty();
        assertThat(survivor.profile()).isEqualTo(survivor().profile());
        assertThat(survivor.hasChanges()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = LifecycleState.class, names = {"MERGED", "FORGOTTEN", "DELETED"})
    void absorbRefusesAnAbsorbedCustomerThatIsNotActive(LifecycleState state) {
        Customer survivor = survivor();
        Customer inactive = stored(ABSORBED, TENANT, state, 2, Map.of(), phone("+79161234567"));

        assertThatThrownBy(() -> survivor.absorb(inactive, MERGED_AT))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("customer-not-active"));
        assertThat(survivor.hasChanges()).isFalse();
        assertThat(inactive.state()).isEqualTo(state);
        assertThat(inactive.identifiers()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = LifecycleState.class, names = {"MERGED", "FORGOTTEN", "DELETED"})
    void absorbRefusesASurvivorThatIsNotActive(LifecycleState state) {
        Customer inactive = stored(SURVIVOR, TENANT, state, 4, Map.of());
        Customer absorbed = absorbed();

        assertThatThrownBy(() -> inactive.absorb(absorbed, MERGED_AT))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("customer-not-active"));
        assertThat(absorbed.isActive()).isTrue();
        assertThat(absorbed.hasChanges()).isFalse();
    }

    @Test
    void aCustomerCannotAbsorbItself() {
        Customer survivor = survivor();
        Customer sameAgain = survivor();

        assertThatThrownBy(() -> survivor.absorb(survivor, MERGED_AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> survivor.absorb(sameAgain, MERGED_AT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(survivor.isActive()).isTrue();
        assertThat(survivor.hasChanges()).isFalse();
        assertThat(sameAgain.isActive()).isTrue();
    }

    @Test
    void aCustomerCannotAbsorbAnotherTenantsCustomer() {
        Customer survivor = survivor();
        Customer foreign = stored(ABSORBED, TenantId.of("other"), LifecycleState.ACTIVE, 1,
                Map.of(ProfileField.LAST_NAME, "Virtanen"), email("anna@shop.ru"));

        assertThatThrownBy(() -> survivor.absorb(foreign, MERGED_AT)).isInstanceOf(IllegalArgumentException.class);
        assertThat(survivor.hasChanges()).isFalse();
        assertThat(survivor.profile().get(ProfileField.LAST_NAME)).isNull();
        assertThat(foreign.isActive()).isTrue();
        assertThat(foreign.identifiers()).hasSize(1);
    }

    // --- revert ---

    @Test
    void revertAbsorbAndReactivateGiveBackBothCustomersAsBefore() {
        Customer survivor = survivor();
        Customer absorbed = absorbed();
        CustomerSnapshot survivorBefore = survivor.snapshot();
        CustomerSnapshot absorbedBefore = absorbed.snapshot();
        survivor.absorb(absorbed, MERGED_AT);
        List<IdentifierKey> handedBack = absorbedBefore.identifiers().stream().map(Identifier::key).toList();

        // as the service does it: both loaded again after the merge was saved
        Customer survivorNow = Customer.reconstitute(SURVIVOR, TENANT, survivor.state(), survivor.version(),
                survivor.profile(), survivor.identifiers(), CREATED, MERGED_AT, null);
        Customer absorbedNow = Customer.reconstitute(ABSORBED, TENANT, absorbed.state(), absorbed.version(),
                absorbed.profile(), absorbed.identifiers(), CREATED, MERGED_AT, absorbed.mergedInto());
        survivorNow.revertAbsorb(survivorBefore, absorbedBefore, REVERTED_AT);
        absorbedNow.reactivate(absorbedBefore, REVERTED_AT);

        assertThat(survivorNow.profile()).isEqualTo(survivorBefore.profile());
        assertThat(Set.copyOf(survivorNow.identifiers())).isEqualTo(Set.copyOf(survivorBefore.identifiers()));
        assertThat(survivorNow.changedFields()).containsExactlyInAnyOrder(ProfileField.LAST_NAME, ProfileField.COUNTRY);
        assertThat(survivorNow.removedIdentifiers()).isEmpty(); // the rows move back, they aren't deleted
        assertThat(survivorNow.version()).isEqualTo(survivor.version() + 1);
        assertThat(survivorNow.updatedAt()).isEqualTo(REVERTED_AT);

        assertThat(absorbedNow.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(absorbedNow.mergedInto()).isNull();
        assertThat(absorbedNow.profile()).isEqualTo(absorbedBefore.profile());
        assertThat(Set.copyOf(absorbedNow.identifiers())).isEqualTo(Set.copyOf(absorbedBefore.identifiers()));
        assertThat(keys(absorbedNow.movedInIdentifiers())).isEqualTo(Set.copyOf(handedBack));
        assertThat(absorbedNow.version()).isEqualTo(absorbed.version() + 1);
        assertThat(absorbedNow.updatedAt()).isEqualTo(REVERTED_AT);
    }

    @Test
    void revertAbsorbOnTheSameAggregatesAlsoGivesBackTheBeforeProfiles() {
        Customer survivor = survivor();
        Customer absorbed = absorbed();
        CustomerSnapshot survivorBefore = survivor.snapshot();
        CustomerSnapshot absorbedBefore = absorbed.snapshot();
        survivor.absorb(absorbed, MERGED_AT);

        survivor.revertAbsorb(survivorBefore, absorbedBefore, REVERTED_AT);
        absorbed.reactivate(absorbedBefore, REVERTED_AT);

        assertThat(survivor.profile()).isEqualTo(survivorBefore.profile());
        assertThat(survivor.identifiers()).containsExactlyElementsOf(survivorBefore.identifiers());
        assertThat(absorbed.profile()).isEqualTo(absorbedBefore.profile());
        assertThat(absorbed.identifiers()).containsExactlyInAnyOrderElementsOf(absorbedBefore.identifiers());
        assertThat(absorbed.isActive()).isTrue();
    }

    @Test
    void revertAbsorbRefusesASnapshotOfAnotherCustomer() {
        Customer survivor = survivor();

        assertThatThrownBy(() -> survivor.revertAbsorb(absorbed().snapshot(), absorbed().snapshot(), REVERTED_AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reactivateRefusesACustomerThatIsNotMerged() {
        Customer active = absorbed();

        assertThatThrownBy(() -> active.reactivate(active.snapshot(), REVERTED_AT))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("customer-not-merged"));
        assertThat(active.hasChanges()).isFalse();
    }

    @Test
    void reactivateRefusesASnapshotOfAnotherCustomer() {
        Customer merged = stored(ABSORBED, TENANT, LifecycleState.MERGED, 3, Map.of());

        assertThatThrownBy(() -> merged.reactivate(survivor().snapshot(), REVERTED_AT))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.code()).isEqualTo("customer-not-merged"));
        assertThat(merged.state()).isEqualTo(LifecycleState.MERGED);
    }

    @Test
    void aSnapshotCarriesThePendingVersionAndState() {
        Customer survivor = survivor();
        Customer absorbed = absorbed();
        survivor.absorb(absorbed, MERGED_AT);

        CustomerSnapshot snapshot = absorbed.snapshot();

        assertThat(snapshot.id()).isEqualTo(ABSORBED);
        assertThat(snapshot.state()).isEqualTo(LifecycleState.MERGED);
        assertThat(snapshot.mergedInto()).isEqualTo(SURVIVOR);
        assertThat(snapshot.version()).isEqualTo(3);
        assertThat(snapshot.identifiers()).isEmpty();
        assertThat(survivor.snapshot().identifiers()).hasSize(3);
    }

    // --- sightings ---

    @Test
    void seenAgainFromAnotherSourceAddsASourceAccount() {
        Identifier web = email("anna@shop.ru").seenAt("website", "acc-1", null, null, null);
        Identifier till = email("Anna@Shop.ru").seenAt("INSTORE", "till-3", null, true, null);

        Identifier both = web.seenAgain(till);

        assertThat(both.sources()).containsExactly(new SourceAccount("WEBSITE", "acc-1"),
                new SourceAccount("INSTORE", "till-3"));
        assertThat(both.source()).isEqualTo("WEBSITE");
        assertThat(both.accountId()).isEqualTo("acc-1");
        assertThat(both.verified()).isTrue();
        assertThat(both.displayValue()).isEqualTo("anna@shop.ru");
    }

    @Test
    void seenAgainFromTheSameAccountAddsNothing() {
        Identifier web = email("anna@shop.ru").seenAt("WEBSITE", "acc-1", null, null, null);

        Identifier again = web.seenAgain(email("anna@shop.ru").seenAt("website", "acc-1", null, null, null));

        assertThat(again).isEqualTo(web);
        assertThat(again.sources()).containsExactly(new SourceAccount("WEBSITE", "acc-1"));
    }

    @Test
    void seenAgainFromAnotherAccountOfTheSameSourceAddsOne() {
        Identifier web = email("anna@shop.ru").seenAt("WEBSITE", "acc-1", null, null, null);

        Identifier again = web.seenAgain(email("anna@shop.ru").seenAt("WEBSITE", "acc-2", null, null, null));

        assertThat(again.sources()).containsExactly(new SourceAccount("WEBSITE", "acc-1"),
                new SourceAccount("WEBSITE", "acc-2"));
    }

    @Test
    void seenAgainKeepsFlagsThatAreNotSaid() {
        Identifier flagged = phone("+79161234567").seenAt("API", null, true, true, false);

        Identifier again = flagged.seenAgain(phone("89161234567").seenAt("API", null, null, null, true));

        assertThat(again.primary()).isTrue();
        assertThat(again.verified()).isTrue();
        assertThat(again.subscribed()).isTrue();
        assertThat(again.sources()).containsExactly(new SourceAccount("API", null));
    }

    @Test
    void seenAgainRefusesAnotherIdentifier() {
        assertThatThrownBy(() -> email("anna@shop.ru").seenAgain(email("anya@shop.ru")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHeldIdentifierSeenFromAnotherSourceIsAChangedRow() {
        Customer survivor = survivor();

        List<Identifier> added = survivor.addIdentifiers(
                List.of(email("ANNA@shop.ru").seenAt("INSTORE", null, null, null, null)), MERGED_AT);

        assertThat(added).isEmpty();
        assertThat(survivor.addedIdentifiers()).isEmpty();
        assertThat(survivor.changedIdentifiers()).singleElement()
                .satisfies(changed -> assertThat(changed.sources()).extracting(SourceAccount::source)
                        .containsExactly("WEBSITE", "INSTORE"));
        assertThat(survivor.hasChanges()).isTrue();
        assertThat(survivor.updatedAt()).isEqualTo(MERGED_AT);
    }

    @Test
    void aHeldIdentifierSeenAgainFromTheSameSourceIsNoChange() {
        Customer survivor = survivor();

        survivor.addIdentifiers(List.of(email("anna@shop.ru").seenAt("WEBSITE", null, null, null, null)), MERGED_AT);

        assertThat(survivor.changedIdentifiers()).isEmpty();
        assertThat(survivor.hasChanges()).isFalse();
        assertThat(survivor.identifiers()).singleElement()
                .satisfies(held -> assertThat(held.sources()).hasSize(1));
    }

    // --- remove ---

    @Test
    void removingAnIdentifierAddedInTheSameSessionLeavesNoRemovedKey() {
        Customer survivor = survivor();
        Identifier work = email("anna@work.ru");
        survivor.addIdentifiers(List.of(work), MERGED_AT);

        boolean removed = survivor.removeIdentifier(work.key(), REVERTED_AT);

        assertThat(removed).isTrue();
        assertThat(survivor.addedIdentifiers()).isEmpty();
        assertThat(survivor.removedIdentifiers()).isEmpty();
        assertThat(survivor.identifier(work.key())).isNull();
        assertThat(survivor.identifiers()).hasSize(1);
    }

    @Test
    void removingAStoredIdentifierRecordsItsKey() {
        Customer survivor = survivor();
        IdentifierKey key = email("anna@shop.ru").key();
        survivor.addIdentifiers(List.of(email("anna@shop.ru").seenAt("INSTORE", null, null, null, null)), MERGED_AT);

        boolean removed = survivor.removeIdentifier(key, REVERTED_AT);

        assertThat(removed).isTrue();
        assertThat(survivor.removedIdentifiers()).containsExactly(key);
        assertThat(survivor.changedIdentifiers()).isEmpty();
        assertThat(survivor.identifiers()).isEmpty();
        assertThat(survivor.version()).isEqualTo(5);
        assertThat(survivor.updatedAt()).isEqualTo(REVERTED_AT);
    }

    @Test
    void removingAnIdentifierNotHeldIsFalseAndNoChange() {
        Customer survivor = survivor();

        assertThat(survivor.removeIdentifier(phone("+79161234567").key(), MERGED_AT)).isFalse();
        assertThat(survivor.hasChanges()).isFalse();
        assertThat(survivor.removedIdentifiers()).isEmpty();
    }

    @Test
    void aMergedCustomerRefusesToRemoveAnIdentifier() {
        Customer merged = stored(ABSORBED, TENANT, LifecycleState.MERGED, 3, Map.of());

        assertThatThrownBy(() -> merged.removeIdentifier(phone("+79161234567").key(), MERGED_AT))
                .isInstanceOf(ConflictException.class);
    }
}
