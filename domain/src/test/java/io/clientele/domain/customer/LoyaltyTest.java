package io.clientele.domain.customer;

import io.clientele.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoyaltyTest {

    private static final Enrolment SEVEN = new Enrolment(7, 1, 100L, null, null);
    private static final Enrolment EIGHT = new Enrolment(8, 2, 5L, null, null);

    @Test
    void theSameEnrolmentsInAnotherOrderAreTheSameLoyalty() {
        Loyalty one = new Loyalty("L-1", "gold", 5L, null, null, List.of(EIGHT, SEVEN));
        Loyalty other = new Loyalty("L-1", "gold", 5L, null, null, List.of(SEVEN, EIGHT));

        assertThat(one).isEqualTo(other);
        assertThat(one.enrolments()).containsExactly(SEVEN, EIGHT);
    }

    @Test
    void aProgrammeListedTwiceIsRefused() {
        assertThatThrownBy(() -> new Loyalty(null, null, null, null, null, List.of(SEVEN, SEVEN)))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("listed twice");
    }

    @Test
    void valuesNamedAreRemovedAndAnEnrolmentsArrayAfterThemReplacesTheList() {
        Loyalty held = new Loyalty("L-1", "gold", 5L, 10L, "NY", List.of(SEVEN));

        Loyalty without = held.without(Set.of("status", "bonuses", "enrolments"));

        assertThat(without).isEqualTo(new Loyalty("L-1", null, null, 10L, "NY", List.of()));
        assertThat(without.updatedWith(new Loyalty(null, null, null, null, null, List.of(EIGHT))).enrolments())
                .containsExactly(EIGHT);
    }
}
