package io.clientele.application.port.in;

import io.clientele.domain.customer.ChangeRecord;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.merge.Merge;

import java.util.List;

/** Everything held about one customer (GDPR access): the aggregate, its change history and its merges. */
public record CustomerExport(Customer customer, List<ChangeRecord> history, List<Merge> merges) {
}
