package io.clientele.application.port.in;

import io.clientele.domain.shared.DomainException;

import java.util.ArrayList;
import java.util.List;

/** Upsert by identifiers (DOMAIN.md "Identity rules" 3). */
public interface UpsertCustomerUseCase {

    UpsertResult upsert(UpsertCustomerCommand command);

    /**
     * Many upserts, each succeeding or failing alone, with the outcome each would have had on its own, applied in the
     * order of the commands (records that share an identifier, a customer or a push token land in that order); results
     * in the order of the commands ({@link BatchResult#index()} is the position in the list).
     * An implementation may write them together in a few transactions (bulk uploads); this default runs them one
     * by one.
     */
    default List<BatchResult> upsertEach(List<UpsertCustomerCommand> commands) {
        List<BatchResult> results = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            try {
                results.add(new BatchResult(i, upsert(commands.get(i)), null));
            } catch (DomainException e) {
                results.add(new BatchResult(i, null, e));
            }
        }
        return results;
    }
}
