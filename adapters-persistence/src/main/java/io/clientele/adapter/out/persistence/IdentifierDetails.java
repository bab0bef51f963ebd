package io.clientele.adapter.out.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/** The parts of an identifier that are not its key, stored as JSON beside it. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record IdentifierDetails(String country, Boolean reformatted, Boolean unplaced, Boolean verified, String source,
                         String accountId, Boolean primary, Boolean subscribed) {
}
