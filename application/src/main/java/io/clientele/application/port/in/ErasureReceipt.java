package io.clientele.application.port.in;

import java.time.Instant;
import java.util.List;

/**
 * Proof that a customer was forgotten, with no personal data in it: which ids were erased (the customer and every
 * record merged into it), when, by which key, and how many rows of each kind went.
 */
public record ErasureReceipt(String customerId, List<String> erasedIds, Instant at, String actor,
                             java.util.Map<String, Integer> erased) {
}
