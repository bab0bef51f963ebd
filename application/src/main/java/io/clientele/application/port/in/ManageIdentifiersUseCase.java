package io.clientele.application.port.in;

import io.clientele.domain.customer.Customer;

/** One identifier at a time. Moving an identifier between customers is a remove followed by an add. */
public interface ManageIdentifiersUseCase {

    /**
     * @throws io.clientele.domain.identity.IdentifierConflictException when another customer holds it
     */
    Customer add(IdentifierCommand command);

    /** @throws io.clientele.domain.shared.NotFoundException when the customer doesn't hold it */
    Customer remove(IdentifierCommand command);
}
