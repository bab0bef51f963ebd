package io.clientele.application.port.in;

import io.clientele.domain.customer.Customer;
import io.clientele.domain.merge.Merge;

/** The journal entry of a merge and the survivor as it is (or, for a dry run, would be) after it. */
public record MergeResult(Merge merge, Customer survivor) {
}
