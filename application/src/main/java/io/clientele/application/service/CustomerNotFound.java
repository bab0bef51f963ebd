package io.clientele.application.service;

import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.shared.NotFoundException;

/** The one "no such customer" answer: the same whether it never existed, is gone, or is another tenant's. */
final class CustomerNotFound {

    private CustomerNotFound() {
    }

    static NotFoundException byId(CustomerId id) {
        return new NotFoundException("customer-not-found", "customer " + id + " does not exist");
    }

    static NotFoundException byIdentifier(String type) {
        return new NotFoundException("customer-not-found", "no customer has this " + type);
    }
}
