package io.clientele.adapter.in.rest.dialect.custobar;

import io.clientele.application.port.in.IdentifierInput;
import io.clientele.domain.consent.Channel;
import io.clientele.domain.customer.DetailsPatch;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.identity.IdentifierType;

import java.util.List;
import java.util.Map;

/**
 * One uploaded customer record read into registry terms.
 *
 * @param externalId         the external_id as sent (echoed in the result), or null
 * @param identifiers        identifiers to upsert by, in the order of {@code identifierFields}
 * @param identifierFields   the Custobar field each identifier came from (to name it in errors)
 * @param removedIdentifiers identifier types sent as {@code ""}: dropped from the customer, by field name
 * @param permissions        can_* values sent ({@code ""} counts as false)
 * @param deleted            is_deleted as sent, null when not sent
 * @param forgotten          is_forgotten as sent, null when not sent
 * @param companyFields      the COMPANY__ fields sent (to name them in errors)
 * @param errors             what is wrong with the record; non-empty means it is rejected as it is
 */
record CustobarRecord(String externalId, List<IdentifierInput> identifiers, List<String> identifierFields,
                      Map<String, IdentifierType> removedIdentifiers, ProfilePatch profile, DetailsPatch details,
                      Map<Channel, Boolean> permissions, Boolean deleted, Boolean forgotten,
                      List<String> companyFields, List<FieldError> errors) {

    /** A problem with one field, named as Custobar names it. */
    record FieldError(String field, String message) {
    }

    static CustobarRecord rejected(String externalId, List<FieldError> errors) {
        return new CustobarRecord(externalId, List.of(), List.of(), Map.of(), ProfilePatch.none(),
                DetailsPatch.none(), Map.of(), null, null, List.of(), List.copyOf(errors));
    }

    boolean isRejected() {
        return !errors.isEmpty();
    }

    /** The field to name when the record's identifiers as a whole are the problem. */
    String identifyingField() {
        if (!identifierFields.isEmpty()) {
            return identifierFields.get(0);
        }
        return CustobarFields.EXTERNAL_ID;
    }
}
