package io.clientele.application.port.in;

import io.clientele.domain.customer.Customer;

import java.util.List;

/** One page of a list; {@code nextCursor} is null on the last page. */
public record CustomerPage(List<Customer> items, String nextCursor) {

    public CustomerPage {
        items = List.copyOf(items);
    }
}
