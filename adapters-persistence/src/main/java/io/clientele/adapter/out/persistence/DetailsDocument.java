package io.clientele.adapter.out.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.clientele.domain.customer.Child;
import io.clientele.domain.customer.CustomerDetails;
import io.clientele.domain.customer.Enrolment;
import io.clientele.domain.customer.Loyalty;
import io.clientele.domain.customer.Vehicle;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** The JSON form of {@link CustomerDetails} in {@code clientele_customer.details} (canonical id has a column). */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record DetailsDocument(List<String> tags, List<String> mailingLists, Map<String, String> attributes,
                       Map<String, Object> extendedFields, List<ChildDocument> children,
                       List<VehicleDocument> vehicles, LoyaltyDocument loyalty) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChildDocument(String gender, String birthDate) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VehicleDocument(String brand, String model, String vin, String vds) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LoyaltyDocument(String loyaltyId, String status, Long bonuses, Long bonusesToNextLevel,
                           String cardLocation, List<EnrolmentDocument> enrolments) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EnrolmentDocument(int programmeId, Integer tierNumber, Long points, String tierExpiry,
                             String pointsExpiry) {
    }

    static DetailsDocument of(CustomerDetails details) {
        Loyalty loyalty = details.loyalty();
        return new DetailsDocument(List.copyOf(details.tags()), List.copyOf(details.mailingLists()),
                details.attributes(), details.extendedFields(),
                details.children().stream().map(c -> new ChildDocument(c.gender(),
                        c.birthDate() == null ? null : c.birthDate().toString())).toList(),
                details.vehicles().stream().map(v -> new VehicleDocument(v.brand(), v.model(), v.vin(), v.vds()))
                        .toList(),
                loyalty.isEmpty() ? null : new LoyaltyDocument(loyalty.loyaltyId(), loyalty.status(), loyalty.bonuses(),
                        loyalty.bonusesToNextLevel(), loyalty.cardLocation(), loyalty.enrolments().stream()
                        .map(e -> new EnrolmentDocument(e.programmeId(), e.tierNumber(), e.points(), text(e.tierExpiry()),
                                text(e.pointsExpiry()))).toList()));
    }

    CustomerDetails toDetails(String canonicalId) {
        Map<String, Object> extended = new LinkedHashMap<>();
        if (extendedFields != null) {
            extendedFields.forEach((key, value) -> extended.put(key, number(value)));
        }
        LoyaltyDocument l = loyalty;
        return new CustomerDetails(
                tags == null ? new LinkedHashSet<>() : new LinkedHashSet<>(tags),
                mailingLists == null ? new LinkedHashSet<>() : new LinkedHashSet<>(mailingLists),
                attributes == null ? Map.of() : attributes, extended,
                children == null ? List.of() : children.stream().map(c -> new Child(c.gender(),
                        c.birthDate() == null ? null : LocalDate.parse(c.birthDate()))).toList(),
                vehicles == null ? List.of() : vehicles.stream().map(v -> new Vehicle(v.brand(), v.model(), v.vin(),
                        v.vds())).toList(),
                l == null ? Loyalty.NONE : new Loyalty(l.loyaltyId(), l.status(), l.bonuses(), l.bonusesToNextLevel(),
                        l.cardLocation(), l.enrolments() == null ? List.of() : l.enrolments().stream()
                        .map(e -> new Enrolment(e.programmeId(), e.tierNumber(), e.points(), instant(e.tierExpiry()),
                                instant(e.pointsExpiry()))).toList()),
                canonicalId);
    }

    /** Whole numbers read back as Long, others as BigDecimal: the canonical forms of extended-field values. */
    private static Object number(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString());
        }
        return value;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
