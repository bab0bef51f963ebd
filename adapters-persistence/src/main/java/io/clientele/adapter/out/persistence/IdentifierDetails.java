package io.clientele.adapter.out.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The parts of an identifier that are not its key, stored as JSON beside it. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record IdentifierDetails(String country, Boolean reformatted, Boolean unplaced, Boolean verified, Boolean primary,
                         Boolean subscribed, List<Sighting> sources) {

    /** Immutable all through: read ones are shared (see CustomerRows). */
    IdentifierDetails {
        sources = sources == null ? null : List.copyOf(sources);
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Sighting(String source, String accountId) {
    }
}
