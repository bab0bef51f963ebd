package io.clientele.domain.identity;

import io.clientele.domain.shared.ConflictException;

import java.util.List;

/** The identifiers of one write are held by several customers and the tenant's policy is to refuse. */
public class IdentifierConflictException extends ConflictException {

    private final List<String> customerIds;

    public IdentifierConflictException(List<String> customerIds) {
        super("identifiers-held-by-several-customers", "the identifiers belong to " + customerIds.size()
                + " different customers; merge them explicitly or send identifiers of one customer");
        this.customerIds = List.copyOf(customerIds);
    }

    public List<String> customerIds() {
        return customerIds;
    }
}
