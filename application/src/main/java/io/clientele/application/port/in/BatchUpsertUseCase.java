package io.clientele.application.port.in;

import java.util.List;

/**
 * Many upserts in one call. Each record succeeds or fails alone; results come back in request order.
 *
 * <p>Deterministic rule for records that share an identifier: they are applied one after the other in request
 * order (a later record updates, or merges into, what an earlier one wrote), so they end as one customer and the
 * later record's values win. The same holds for records that reach one customer by different identifiers, and for
 * records that send one push token: every record ends as it would have run alone, in request order.
 */
public interface BatchUpsertUseCase {

    int MAX_RECORDS = 10_000;

    List<BatchResult> upsertAll(List<UpsertCustomerCommand> commands);
}
