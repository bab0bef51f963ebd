package io.clientele.application.port.in;

import io.clientele.domain.customer.Customer;
import io.clientele.domain.merge.Merge;

import java.util.List;

/**
 * Everything held about one customer (GDPR access): the aggregate, its change history and its merges, with those of
 * the records merged into it.
 */
public record CustomerExport(Customer customer, List<HistoryEntry> history, List<Merge> merges) {
}
