package io.clientele.application.port.in;

import io.clientele.domain.customer.ChangeRecord;
import io.clientele.domain.customer.CustomerId;

/**
 * One change in a customer's history, with the record it was made on: a customer's history holds those of the
 * records merged into it too (DOMAIN.md: "both histories are kept").
 */
public record HistoryEntry(CustomerId customerId, ChangeRecord change) {
}
