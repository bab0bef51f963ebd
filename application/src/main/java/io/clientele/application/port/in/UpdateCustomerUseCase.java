package io.clientele.application.port.in;

import io.clientele.domain.customer.Customer;

/** Changes to one known customer. */
public interface UpdateCustomerUseCase {

    /**
     * @throws io.clientele.domain.shared.NotFoundException when the customer is not active in this tenant
     * @throws io.clientele.domain.shared.VersionMismatchException when the expected version is not current
     */
    Customer patch(PatchCustomerCommand command);
}
