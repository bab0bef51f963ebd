package io.clientele.domain.customer;

import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.identity.PlaceholderPolicy;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.shared.DomainException;
import io.clientele.domain.shared.VersionMismatchException;
import io.clientele.domain.tenant.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerTest {

    private static final CustomerId ID = CustomerId.of("0190b6f0-0000-7000-8000-000000000001");
    private static final TenantId TENANT = TenantId.of("acme");
    private static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2024-02-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2024-03-01T00:00:00Z");

    private static Identifier email(String raw) {
        return Identifier.parse(IdentifierType.EMAIL, null, raw, "RU", PlaceholderPolicy.defaults());
    }

    private static Identifier phone(String raw) {
        return Identifier.parse(IdentifierType.PHONE, null, raw, "RU", PlaceholderPolicy.defaults());
    }

    private static Customer stored(LifecycleState state, long version, Profile profile, List<Identifier> identifiers) {
        return Customer.reconstitute(ID, TENANT, state, version, profile, identifiers, CREATED, CREATED,
                state == LifecycleState.MERGED ? CustomerId.of("survivor") : null);
    }

    private static Customer storedActive(long version) {
        return stored(LifecycleState.ACTIVE, version,
                new Profile(Map.of(ProfileField.FIRST_NAME, "Anna")),
                List.of(email("anna@example.com"), phone("+79161234567")));
    }

    // --- create ---

    @Test
    void newCustomerHasChangesAtVersionOneAndAllIdentifiersAdded() {
        List<Identifier> identifiers = List.of(email("anna@example.com"), phone("8 916 123-45-67"));
        Profile profile = new Profile(Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.COUNTRY, "RU"));

        Customer customer = Customer.create(ID, TENANT, profile, identifiers, CREATED);

        assertThat(customer.isNew()).isTrue();
        assertThat(customer.hasChanges()).isTrue();
        assertThat(customer.loadedVersion()).isZero();
        assertThat(customer.version()).isEqualTo(1);
        assertThat(customer.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(customer.isActive()).isTrue();
        assertThat(customer.addedIdentifiers()).containsExactlyElementsOf(identifiers);
        assertThat(customer.identifiers()).containsExactlyElementsOf(identifiers);
        assertThat(customer.profile()).isEqualTo(profile);
        assertThat(customer.changedFields()).containsExactlyInAnyOrder(ProfileField.FIRST_NAME, ProfileField.COUNTRY);
        assertThat(customer.createdAt()).isEqualTo(CREATED);
        assertThat(customer.updatedAt()).isEqualTo(CREATED);
        assertThat(customer.mergedInto()).isNull();
    }

    @Test
    void newCustomerWithoutProfileOrIdentifiersStillHasChanges() {
        Customer customer = Customer.create(ID, TENANT, Profile.empty(), List.of(), CREATED);

        assertThat(customer.hasChanges()).isTrue();
        assertThat(customer.version()).isEqualTo(1);
        assertThat(customer.addedIdentifiers()).isEmpty();
    }

    @Test
    void newCustomerKeepsOneIdentifierPerKey() {
        Identifier first = email("Anna@Example.com");
        Identifier second = email("anna@example.com");

        Customer customer = Customer.create(ID, TENANT, Profile.empty(), List.of(first, second), CREATED);

        assertThat(customer.identifiers()).containsExactly(first);
        assertThat(customer.addedIdentifiers()).containsExactly(first);
    }

    // --- reconstitute / identifiers ---

    @Test
    void storedCustomerWithoutChangesKeepsItsVersion() {
        Customer customer = storedActive(7);

        assertThat(customer.isNew()).isFalse();
        assertThat(customer.hasChanges()).isFalse();
        assertThat(customer.version()).isEqualTo(7);
        assertThat(customer.addedIdentifiers()).isEmpty();
        assertThat(customer.changedFields()).isEmpty();
    }

    @Test
    void addingAnIdentifierAlreadyHeldAddsNothing() {
        Customer customer = storedActive(7);

        List<Identifier> added = customer.addIdentifiers(
                List.of(email("  ANNA@example.com "), phone("8 (916) 123-45-67")), LATER);

        assertThat(added).isEmpty();
        assertThat(customer.addedIdentifiers()).isEmpty();
        assertThat(customer.identifiers()).hasSize(2);
        assertThat(customer.hasChanges()).isFalse();
        assertThat(customer.version()).isEqualTo(7);
        assertThat(customer.updatedAt()).isEqualTo(CREATED);
    }

    @Test
    void theFirstSightingOfAnIdentifierIsKept() {
        Identifier original = email("anna@example.com");
        Customer customer = stored(LifecycleState.ACTIVE, 3, Profile.empty(), List.of(original));

        customer.addIdentifiers(List.of(email("ANNA@EXAMPLE.COM")), LATER);

        assertThat(customer.identifiers()).singleElement()
                .satisfies(held -> assertThat(held.displayValue()).isEqualTo("anna@example.com"));
    }

    @Test
    void addingANewIdentifierAddsOnlyThatOne() {
        Customer customer = storedActive(7);
        Identifier work = email("anna@work.example.com");

        List<Identifier> added = customer.addIdentifiers(List.of(email("anna@example.com"), work), LATER);

        assertThat(added).containsExactly(work);
        assertThat(customer.addedIdentifiers()).containsExactly(work);
        assertThat(customer.identifiers()).hasSize(3);
        assertThat(customer.hasChanges()).isTrue();
        assertThat(customer.version()).isEqualTo(8);
        assertThat(customer.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void storedIdentifiersMustNotRepeatAKey() {
        assertThatThrownBy(() -> stored(LifecycleState.ACTIVE, 1, Profile.empty(),
                List.of(email("anna@example.com"), email("Anna@example.com"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("anna");
    }

    @Test
    void identifiersListIsACopy() {
        Customer customer = storedActive(1);

        assertThatThrownBy(() -> customer.identifiers().add(email("x@example.com")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> customer.addedIdentifiers().add(email("x@example.com")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // --- profile / version ---

    @Test
    void profileChangesBumpTheVersionOnceOnly() {
        Customer customer = storedActive(7);

        Set<ProfileField> first = customer.applyProfile(
                new ProfilePatch(Map.of(ProfileField.CITY, "Moscow"), Set.of()), LATER);
        Set<ProfileField> second = customer.applyProfile(
                new ProfilePatch(Map.of(ProfileField.LAST_NAME, "Ivanova"), Set.of(ProfileField.FIRST_NAME)), LATEST);
        customer.addIdentifiers(List.of(email("anna@work.example.com")), LATEST);

        assertThat(first).containsExactly(ProfileField.CITY);
        assertThat(second).containsExactlyInAnyOrder(ProfileField.LAST_NAME, ProfileField.FIRST_NAME);
        assertThat(customer.changedFields())
                .containsExactlyInAnyOrder(ProfileField.CITY, ProfileField.LAST_NAME, ProfileField.FIRST_NAME);
        assertThat(customer.loadedVersion()).isEqualTo(7);
        assertThat(customer.version()).isEqualTo(8);
        assertThat(customer.updatedAt()).isEqualTo(LATEST);
        assertThat(customer.profile().values()).containsOnlyKeys(ProfileField.CITY, ProfileField.LAST_NAME);
    }

    @Test
    void applyingEqualValuesIsNoChange() {
        Customer customer = storedActive(7);

        Set<ProfileField> changed = customer.applyProfile(
                new ProfilePatch(Map.of(ProfileField.FIRST_NAME, "Anna"), Set.of(ProfileField.CITY)), LATER);

        assertThat(changed).isEmpty();
        assertThat(customer.hasChanges()).isFalse();
        assertThat(customer.version()).isEqualTo(7);
        assertThat(customer.updatedAt()).isEqualTo(CREATED);
    }

    @Test
    void expectVersionAcceptsTheLoadedVersionOrNone() {
        Customer customer = storedActive(7);

        assertThatCode(() -> customer.expectVersion(7L)).doesNotThrowAnyException();
        assertThatCode(() -> customer.expectVersion(null)).doesNotThrowAnyException();
    }

    @Test
    void expectVersionRefusesAnotherVersion() {
        Customer customer = storedActive(7);

        assertThatThrownBy(() -> customer.expectVersion(6L))
                .isInstanceOfSatisfying(VersionMismatchException.class, e -> {
                    assertThat(e.currentVersion()).isEqualTo(7);
                    assertThat(e.code()).isEqualTo("version-mismatch");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.PRECONDITION_FAILED);
                });
    }

    @Test
    void expectVersionComparesWithTheLoadedVersionNotThePendingOne() {
        Customer customer = storedActive(7);
        customer.applyProfile(new ProfilePatch(Map.of(ProfileField.CITY, "Moscow"), Set.of()), LATER);

        assertThatCode(() -> customer.expectVersion(7L)).doesNotThrowAnyException();
        assertThatThrownBy(() -> customer.expectVersion(8L)).isInstanceOf(VersionMismatchException.class);
    }

    @Test
    void expectVersionWorksForLargeVersions() {
        // a boxed Long compared by reference would fail above the Long cache (127)
        Customer customer = storedActive(1_000);

        assertThatCode(() -> customer.expectVersion(Long.valueOf(1_000))).doesNotThrowAnyException();
    }

    // --- lifecycle ---

    @Test
    void mergedCustomerRefusesProfileChanges() {
        Customer merged = stored(LifecycleState.MERGED, 4, Profile.empty(), List.of());

        assertThatThrownBy(() -> merged.applyProfile(
                new ProfilePatch(Map.of(ProfileField.CITY, "Moscow"), Set.of()), LATER))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("customer-not-active");
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                });
        assertThat(merged.hasChanges()).isFalse();
        assertThat(merged.version()).isEqualTo(4);
        assertThat(merged.mergedInto()).isEqualTo(CustomerId.of("survivor"));
    }

    @ParameterizedTest
    @EnumSource(value = LifecycleState.class, names = {"MERGED", "FORGOTTEN", "DELETED"})
    void inactiveCustomerRefusesEveryChange(LifecycleState state) {
        Customer customer = stored(state, 4, Profile.empty(), List.of());

        assertThat(customer.isActive()).isFalse();
        assertThatThrownBy(() -> customer.applyProfile(ProfilePatch.none(), LATER))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> customer.addIdentifiers(List.of(email("anna@example.com")), LATER))
                .isInstanceOf(ConflictException.class);
        assertThat(customer.identifiers()).isEmpty();
    }

    // --- what list filters read ---

    private static io.clientele.domain.consent.ConsentEvent consent(String id,
                                                                   io.clientele.domain.consent.ConsentStatus status) {
        return new io.clientele.domain.consent.ConsentEvent(id, io.clientele.domain.consent.Channel.EMAIL, status,
                LATER, LATER, "API", null, null, "key-1");
    }

    private static DetailsPatch tags(Set<String> add, Set<String> remove) {
        return new DetailsPatch(new SetEdit(null, add, remove), null, null, null, null, null, null, false, null);
    }

    private static DetailsPatch attribute(String key, String value) {
        return new DetailsPatch(null, null, new MapEdit<>(false, Map.of(key, value), Set.of()), null, null, null,
                null, false, null);
    }

    @Test
    void membershipChangesWithStateTagsListsAndGrantedConsentsOnly() {
        assertThat(Customer.create(ID, TENANT, Profile.empty(), List.of(), CREATED).membershipChanged()).isTrue();

        Customer loaded = storedActive(3);
        assertThat(loaded.membershipChanged()).isFalse();
        loaded.applyProfile(new ProfilePatch(Map.of(ProfileField.CITY, "Kazan"), Set.of()), LATER);
        loaded.applyDetails(attribute("colour", "green"), LATER);
        assertThat(loaded.hasChanges()).isTrue();
        assertThat(loaded.membershipChanged()).as("profile and attributes only").isFalse();

        loaded.applyDetails(tags(Set.of("vip"), Set.of()), LATER);
        assertThat(loaded.membershipChanged()).as("a tag added").isTrue();
        loaded.applyDetails(tags(Set.of(), Set.of("vip")), LATER);
        assertThat(loaded.membershipChanged()).as("and removed again: as loaded").isFalse();

        loaded.recordConsents(List.of(consent("e-1", io.clientele.domain.consent.ConsentStatus.GRANTED)), LATER);
        assertThat(loaded.membershipChanged()).as("email granted").isTrue();

        Customer granted = storedActive(3);
        granted.recordConsents(List.of(consent("e-2", io.clientele.domain.consent.ConsentStatus.WITHDRAWN)), LATER);
        assertThat(granted.membershipChanged()).as("withdrawn where nothing was granted").isFalse();

        Customer deleted = storedActive(3);
        deleted.delete(LATER);
        assertThat(deleted.membershipChanged()).as("no longer active").isTrue();
    }

    @Test
    void aDepersonalisedViewShowsNoAttributeNamedAfterAnIdentifier() {
        Customer customer = stored(LifecycleState.ACTIVE, 1, Profile.empty(), List.of(email("anna@example.com"),
                Identifier.parse(IdentifierType.EXTERNAL_ID, null, "77001234", "RU", PlaceholderPolicy.defaults())));
        customer.applyDetails(new DetailsPatch(null, null, new MapEdit<>(false, Map.of(
                "card.77001234.statusLabel", "ACTIVE", "77001234", "x", "prefix.77001234", "y", "77001234.note", "z",
                "tier", "gold", "card.770012345.statusLabel", "ACTIVE"), Set.of()),
                null, null, null, null, false, null), LATER);

        assertThat(customer.details().attributes()).hasSize(6);
        // a dot-separated part equal to an identifier value, not any text containing it
        assertThat(customer.depersonalisedAttributes()).containsOnlyKeys("tier", "card.770012345.statusLabel");
    }

    @Test
    void aDepersonalisedViewShowsNoAttributeHoldingContactDataNamesOrIdentifierValues() {
        Customer customer = stored(LifecycleState.ACTIVE, 1, new Profile(Map.of(ProfileField.FIRST_NAME, "Anna",
                ProfileField.LAST_NAME, "Ivanova")), List.of(email("anna@example.com"),
                Identifier.parse(IdentifierType.EXTERNAL_ID, null, "R-10077", "RU", PlaceholderPolicy.defaults())));
        customer.applyDetails(new DetailsPatch(null, null, new MapEdit<>(false, Map.of(
                "work_email", "anna.w@corp.ru", "mobile", "+7 916 111-22-33", "full_name", "Anna Ivanova",
                "ref", "customer R-10077", "tier", "gold", "since", "2021-05-04", "points", "1200",
                "brand", "Annabelle", "backup.89161112233", "x"), Set.of()), null, null, null, null, false, null),
                LATER);

        assertThat(customer.depersonalisedAttributes()).containsOnlyKeys("tier", "since", "points", "brand");
    }

    @Test
    void aRemovedIdentifierTakesTheAttributesKeptAboutItAlong() {
        Identifier card = Identifier.parse(IdentifierType.CARD, null, "77001234", "RU", PlaceholderPolicy.defaults());
        Customer customer = stored(LifecycleState.ACTIVE, 1, Profile.empty(), List.of(email("anna@example.com"), card));
        customer.applyDetails(new DetailsPatch(null, null, new MapEdit<>(false, Map.of(
                "card.77001234.statusLabel", "ACTIVE", "card.77001234.seriesId", "5", "card.770012345.statusLabel",
                "ACTIVE", "tier", "gold"), Set.of()), null, null, null, null, false, null), LATER);

        assertThat(customer.removeIdentifier(card.key(), LATEST)).isTrue();

        assertThat(customer.details().attributes()).containsOnlyKeys("card.770012345.statusLabel", "tier");
        assertThat(customer.pendingChange().parts()).contains("identifiers", "attributes");
        // an identifier without attributes of its own takes nothing else
        customer.removeIdentifier(email("anna@example.com").key(), LATEST);
        assertThat(customer.details().attributes()).containsOnlyKeys("card.770012345.statusLabel", "tier");
    }

    @Test
    void aRemovedIdentifierLeavesTheAttributesOfOneStillHeldWhoseNameStartsTheSame() {
        Identifier card = Identifier.parse(IdentifierType.CARD, null, "1234", "RU", PlaceholderPolicy.defaults());
        Identifier longerCard = Identifier.parse(IdentifierType.CARD, null, "1234.5", "RU",
                PlaceholderPolicy.defaults());
        Identifier loyaltyLink = Identifier.parse(IdentifierType.SOFT_LINK, "loyalty card", "A77", "RU",
                PlaceholderPolicy.defaults());
        Identifier giftLink = Identifier.parse(IdentifierType.SOFT_LINK, "gift card", "A77", "RU",
                PlaceholderPolicy.defaults());
        Customer customer = stored(LifecycleState.ACTIVE, 1, Profile.empty(), List.of(card, longerCard, loyaltyLink,
                giftLink));
        customer.applyDetails(new DetailsPatch(null, null, new MapEdit<>(false, Map.of("card.1234.statusLabel",
                "ACTIVE", "card.1234.5.statusLabel", "ACTIVE", "softLink.A77.level", "gold"), Set.of()), null, null,
                null, null, false, null), LATER);

        customer.removeIdentifier(card.key(), LATEST);
        customer.removeIdentifier(loyaltyLink.key(), LATEST);

        assertThat(customer.details().attributes()).containsOnlyKeys("card.1234.5.statusLabel", "softLink.A77.level");
    }
}
