package io.clientele.domain.identity;

import io.clientele.domain.shared.ConflictException;

import java.util.List;

/** The identifiers of one write are held by several customers and the tenant's policy is to refuse. */
public class IdentifierConflictException extends ConflictException {

    private final List<String> customerIds;

    public IdentifierConflictException(List<String> customerIds) {
        this("identifiers-held-by-several-customers", "the identifiers belong to " + customerIds.size()
                + " different customers; merge them explicitly or send identifiers of one customer", customerIds);
    }

    private IdentifierConflictException(String code, String message, List<String> customerIds) {
        super(code, message);
        this.customerIds = List.copyOf(customerIds);
    }

    /** The identifier is another customer's: remove it there first to move it. */
    public static IdentifierConflictException heldBy(String holderId) {
        return new IdentifierConflictException("identifier-held-by-another-customer",
                "the identifier belongs to customer " + holderId + "; remove it there first to move it",
                List.of(holderId));
    }

    public List<String> customerIds() {
        return customerIds;
    }
}
