package com.example.shop;

import io.clientele.application.port.in.CreateTenantCommand;
import io.clientele.application.port.in.FindCustomersUseCase;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.application.port.in.LookupCustomerQuery;
import io.clientele.application.port.in.ManageTenantsUseCase;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertCustomerUseCase;
import io.clientele.application.port.in.UpsertResult;
import io.clientele.application.port.out.IdGenerator;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.shared.NotFoundException;
import io.clientele.domain.tenant.Tenant;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The host's own bean: a shop's checkout that keeps its customers in the embedded Clientele registry, calling the
 * use cases directly (no HTTP), and its orders in its own table {@code shop_order}.
 */
@Singleton
public class CheckoutService {

    private final ManageTenantsUseCase tenants;
    private final UpsertCustomerUseCase upserts;
    private final FindCustomersUseCase customers;
    private final Transactions transactions;
    private final IdGenerator ids;
    private final JdbcOperations jdbc;

    public CheckoutService(ManageTenantsUseCase tenants, UpsertCustomerUseCase upserts,
                           FindCustomersUseCase customers, Transactions transactions, IdGenerator ids,
                           JdbcOperations jdbc) {
        this.tenants = tenants;
        this.upserts = upserts;
        this.customers = customers;
        this.transactions = transactions;
        this.ids = ids;
        this.jdbc = jdbc;
    }

    /** One Clientele tenant per shop (store front); created on first use. */
    public Tenant openShop(String shopId, String name, String phoneRegion) {
        try {
            return tenants.getTenant(TenantId.of(shopId));
        } catch (NotFoundException unknown) {
            return tenants.createTenant(new CreateTenantCommand(shopId, name, phoneRegion, "UTC", null));
        }
    }

    /**
     * Records the buyer in the registry (created, or found by e-mail or phone and updated) and the order in the
     * shop's table, as one unit of work: the upsert joins it, and a race lost to a concurrent writer re-runs both.
     */
    public Order checkout(String shopId, String email, String phone, BigDecimal total) {
        return transactions.inTransaction(() -> {
            List<IdentifierInput> identifiers = phone == null
                    ? List.of(IdentifierInput.of("email", email))
                    : List.of(IdentifierInput.of("email", email), IdentifierInput.of("phone", phone));
            UpsertResult result = upserts.upsert(new UpsertCustomerCommand(TenantId.of(shopId), identifiers,
                    ProfilePatch.none(), null, "SHOP", "checkout"));
            String orderId = ids.newId();
            String customerId = result.customer().id().value();
            jdbc.prepareStatement("INSERT INTO shop_order (id, shop_id, customer_id, total) VALUES (?, ?, ?, ?)",
                    statement -> {
                        statement.setString(1, orderId);
                        statement.setString(2, shopId);
                        statement.setString(3, customerId);
                        statement.setBigDecimal(4, total);
                        return statement.executeUpdate();
                    });
            return new Order(orderId, customerId, result.outcome().name(), total);
        });
    }

    /** The buyer known by this e-mail (or phone, in any spelling), if the registry has one. */
    public Optional<Customer> buyer(String shopId, String type, String value) {
        try {
            return Optional.of(customers.lookup(new LookupCustomerQuery(TenantId.of(shopId), type, null, value)));
        } catch (NotFoundException unknown) {
            return Optional.empty();
        }
    }

    /** How many orders the shop has for this customer. */
    public int orderCount(String shopId, String customerId) {
        return transactions.readOnly(() -> jdbc.prepareStatement(
                "SELECT COUNT(*) FROM shop_order WHERE shop_id = ? AND customer_id = ?", statement -> {
                    statement.setString(1, shopId);
                    statement.setString(2, customerId);
                    try (var rows = statement.executeQuery()) {
                        rows.next();
                        return rows.getInt(1);
                    }
                }));
    }

    @io.micronaut.serde.annotation.Serdeable
    public record Order(String id, String customerId, String customerOutcome, BigDecimal total) {
    }
}
