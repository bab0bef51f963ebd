package io.clientele.domain.customer;

import io.clientele.domain.shared.InvalidValueException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Loyalty data: card/id, status, bonuses, card location, and programme enrolments (one per programme). */
public record Loyalty(String loyaltyId, String status, Long bonuses, Long bonusesToNextLevel, String cardLocation,
                      List<Enrolment> enrolments) {

    public static final Loyalty NONE = new Loyalty(null, null, null, null, null, List.of());

    /** The names of its values, as documents spell them. */
    public static final Set<String> FIELDS = Set.of("loyaltyId", "status", "bonuses", "bonusesToNextLevel",
            "cardLocation", "enrolments");

    public Loyalty {
        for (String value : new String[]{loyaltyId, status, cardLocation}) {
            if (value != null && (value.isBlank() || value.length() > 100)) {
                throw new InvalidValueException("invalid-value", "loyalty texts must be 1 to 100 characters");
            }
        }
        Map<Integer, Enrolment> byProgramme = new java.util.TreeMap<>();
        for (Enrolment enrolment : enrolments == null ? List.<Enrolment>of() : enrolments) {
            if (byProgramme.put(enrolment.programmeId(), enrolment) != null) {
                throw new InvalidValueException("duplicate-enrolment",
                        "programme " + enrolment.programmeId() + " is listed twice");
            }
        }
        // by programme: the same enrolments sent in another order are the same loyalty, not a change
        enrolments = List.copyOf(byProgramme.values());
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The values sent in {@code patch} replace these; enrolments are upserted by programme. */
    public Loyalty updatedWith(Loyalty patch) {
        return new Loyalty(pick(patch.loyaltyId, loyaltyId), pick(patch.status, status), pick(patch.bonuses, bonuses),
                pick(patch.bonusesToNextLevel, bonusesToNextLevel), pick(patch.cardLocation, cardLocation),
                unite(patch.enrolments, enrolments));
    }

    /** These values without the ones named ({@link #FIELDS}; {@code enrolments}: all of them). */
    public Loyalty without(Set<String> fields) {
        if (fields.isEmpty()) {
            return this;
        }
        return new Loyalty(fields.contains("loyaltyId") ? null : loyaltyId, fields.contains("status") ? null : status,
                fields.contains("bonuses") ? null : bonuses,
                fields.contains("bonusesToNextLevel") ? null : bonusesToNextLevel,
                fields.contains("cardLocation") ? null : cardLocation,
                fields.contains("enrolments") ? List.of() : enrolments);
    }

    /** Merge precedence: these values win, blanks are filled from {@code other}, enrolments are united. */
    public Loyalty filledFrom(Loyalty other) {
        return new Loyalty(pick(loyaltyId, other.loyaltyId), pick(status, other.status), pick(bonuses, other.bonuses),
                pick(bonusesToNextLevel, other.bonusesToNextLevel), pick(cardLocation, other.cardLocation),
                unite(enrolments, other.enrolments));
    }

    private static List<Enrolment> unite(List<Enrolment> winning, List<Enrolment> other) {
        Map<Integer, Enrolment> byProgramme = new LinkedHashMap<>();
        other.forEach(e -> byProgramme.put(e.programmeId(), e));
        winning.forEach(e -> byProgramme.put(e.programmeId(), e));
        return new ArrayList<>(byProgramme.values());
    }

    private static <T> T pick(T first, T second) {
        return first != null ? first : second;
    }
}
