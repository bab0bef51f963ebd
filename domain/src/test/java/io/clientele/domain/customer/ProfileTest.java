package io.clientele.domain.customer;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 6, 15);

    private static Profile profile(Map<ProfileField, Object> values) {
        return new Profile(values);
    }

    @Test
    void ageIsDerivedFromBirthDate() {
        Profile profile = profile(Map.of(ProfileField.BIRTH_DATE, LocalDate.of(1990, 6, 15)));

        assertThat(profile.effectiveAge(TODAY)).isEqualTo(34);
        assertThat(profile.effectiveAge(TODAY.minusDays(1))).as("the day before the birthday").isEqualTo(33);
    }

    @Test
    void ageGivenWinsOverBirthDate() {
        Profile profile = profile(Map.of(ProfileField.BIRTH_DATE, LocalDate.of(1990, 6, 15), ProfileField.AGE, 30));

        assertThat(profile.effectiveAge(TODAY)).isEqualTo(30);
    }

    @Test
    void noAgeWithoutAgeOrBirthDateOrForAFutureBirthDate() {
        assertThat(Profile.empty().effectiveAge(TODAY)).isNull();
        assertThat(profile(Map.of(ProfileField.BIRTH_DATE, TODAY.plusDays(1))).effectiveAge(TODAY)).isNull();
        assertThat(profile(Map.of(ProfileField.BIRTH_DATE, TODAY)).effectiveAge(TODAY)).isZero();
    }

    @Test
    void patchSetsNewFieldsAndReportsThem() {
        Set<ProfileField> changed = EnumSet.noneOf(ProfileField.class);

        Profile next = Profile.empty().apply(new ProfilePatch(
                Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.COUNTRY, "FI"), Set.of()), changed);

        assertThat(next.get(ProfileField.FIRST_NAME)).isEqualTo("Anna");
        assertThat(next.get(ProfileField.COUNTRY)).isEqualTo("FI");
        assertThat(changed).containsExactlyInAnyOrder(ProfileField.FIRST_NAME, ProfileField.COUNTRY);
    }

    @Test
    void settingAnEqualValueIsNoChange() {
        Profile profile = profile(Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.CITY, "Espoo"));
        Set<ProfileField> changed = EnumSet.noneOf(ProfileField.class);

        Profile next = profile.apply(new ProfilePatch(
                Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.CITY, "Helsinki"), Set.of()), changed);

        assertThat(changed).containsExactly(ProfileField.CITY);
        assertThat(next.get(ProfileField.FIRST_NAME)).isEqualTo("Anna");
        assertThat(next.get(ProfileField.CITY)).isEqualTo("Helsinki");
    }

    @Test
    void settingAnEqualNonTextValueIsNoChange() {
        Profile profile = profile(Map.of(ProfileField.BIRTH_DATE, LocalDate.of(1990, 5, 17), ProfileField.AGE, 34));
        Set<ProfileField> changed = EnumSet.noneOf(ProfileField.class);

        profile.apply(new ProfilePatch(
                Map.of(ProfileField.BIRTH_DATE, LocalDate.of(1990, 5, 17), ProfileField.AGE, 34), Set.of()), changed);

        assertThat(changed).isEmpty();
    }

    @Test
    void removingAPresentFieldIsAChangeAndAnAbsentOneIsNot() {
        Profile profile = profile(Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.CITY, "Espoo"));
        Set<ProfileField> changed = EnumSet.noneOf(ProfileField.class);

        Profile next = profile.apply(new ProfilePatch(Map.of(),
                Set.of(ProfileField.CITY, ProfileField.COMPANY)), changed);

        assertThat(changed).containsExactly(ProfileField.CITY);
        assertThat(next.get(ProfileField.CITY)).isNull();
        assertThat(next.values()).containsOnlyKeys(ProfileField.FIRST_NAME);
    }

    @Test
    void fieldsInNeitherSetNorRemovedStayAsTheyAre() {
        Profile profile = profile(Map.of(ProfileField.FIRST_NAME, "Anna", ProfileField.LAST_NAME, "Virtanen"));
        Set<ProfileField> changed = EnumSet.noneOf(ProfileField.class);

        Profile next = profile.apply(new ProfilePatch(Map.of(ProfileField.CITY, "Espoo"), Set.of()), changed);

        assertThat(next.values()).containsEntry(ProfileField.FIRST_NAME, "Anna")
                .containsEntry(ProfileField.LAST_NAME, "Virtanen")
                .containsEntry(ProfileField.CITY, "Espoo");
    }

    @Test
    void applyLeavesTheOriginalProfileUntouched() {
        Profile profile = profile(Map.of(ProfileField.FIRST_NAME, "Anna"));

        profile.apply(new ProfilePatch(Map.of(ProfileField.FIRST_NAME, "Maria"), Set.of()),
                EnumSet.noneOf(ProfileField.class));
        profile.apply(new ProfilePatch(Map.of(), Set.of(ProfileField.FIRST_NAME)), EnumSet.noneOf(ProfileField.class));

        assertThat(profile.get(ProfileField.FIRST_NAME)).isEqualTo("Anna");
    }

    @Test
    void emptyPatchChangesNothing() {
        Profile profile = profile(Map.of(ProfileField.FIRST_NAME, "Anna"));
        Set<ProfileField> changed = EnumSet.noneOf(ProfileField.class);

        Profile next = profile.apply(ProfilePatch.none(), changed);

        assertThat(changed).isEmpty();
        assertThat(next).isEqualTo(profile);
        assertThat(ProfilePatch.none().isEmpty()).isTrue();
    }

    @Test
    void aFieldCannotBeBothSetAndRemoved() {
        assertThatThrownBy(() -> new ProfilePatch(Map.of(ProfileField.CITY, "Espoo"), Set.of(ProfileField.CITY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("city");
    }

    @Test
    void profileIsImmutable() {
        java.util.HashMap<ProfileField, Object> source = new java.util.HashMap<>(Map.of(ProfileField.CITY, "Espoo"));
        Profile profile = new Profile(source);
        source.put(ProfileField.CITY, "Oulu");

        assertThat(profile.get(ProfileField.CITY)).isEqualTo("Espoo");
        assertThatThrownBy(() -> profile.values().put(ProfileField.CITY, "Oulu"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
