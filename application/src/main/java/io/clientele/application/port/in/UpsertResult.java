package io.clientele.application.port.in;

import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;

import java.util.List;

/** What an upsert did, and the customer as it now is. */
public record UpsertResult(Outcome outcome, Customer customer, List<CustomerId> mergedFrom) {

    public enum Outcome { CREATED, UPDATED, MERGED }

    public UpsertResult {
        mergedFrom = List.copyOf(mergedFrom);
    }
}
