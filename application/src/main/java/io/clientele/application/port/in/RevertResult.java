package io.clientele.application.port.in;

import io.clientele.domain.customer.Customer;
import io.clientele.domain.merge.Merge;

/** Both customers after a merge was undone. */
public record RevertResult(Merge merge, Customer survivor, Customer absorbed) {
}
