package com.example.shop;

import io.clientele.application.port.in.FindCustomersUseCase;
import io.clientele.application.port.in.ManageTenantsUseCase;
import io.clientele.application.port.in.UpsertCustomerUseCase;
import io.clientele.application.port.out.Clock;
import io.clientele.application.port.out.IdGenerator;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.tenant.Tenant;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shop embeds Clientele without its REST adapter: its own bean calls the use cases, its own changelog migrates
 * its table and Clientele's on its datasource, its own Clock and IdGenerator replace Clientele's.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostApplicationTest implements TestPropertyProvider {

    @Inject
    ApplicationContext context;
    @Inject
    CheckoutService checkout;
    @Inject
    JdbcOperations jdbc;
    @Inject
    Transactions transactions;
    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return HostDatabase.properties();
    }

    private static String newShop() {
        return "shop-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private List<String> strings(String sql) {
        return transactions.readOnly(() -> jdbc.prepareStatement(sql, statement -> {
            List<String> values = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }));
    }

    @Test
    void the_host_changelog_migrates_its_own_table_and_clienteles_once_each() {
        List<String> tables = strings("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()");
        assertThat(tables).contains("shop_order", "clientele_tenant", "clientele_api_key", "clientele_customer",
                "clientele_customer_identifier");

        // Clientele's changesets are recorded under Clientele's file names, once each, whether the standalone
        // changelog or the host's master ran them (HostDatabase ran both, in that order).
        List<String> clienteleRuns = strings("SELECT CONCAT(id, '@', filename) FROM DATABASECHANGELOG "
                + "WHERE author = 'clientele'");
        assertThat(clienteleRuns).isNotEmpty().doesNotHaveDuplicates()
                .allSatisfy(run -> assertThat(run).contains("db/clientele/changes/"));
        List<String> ids = clienteleRuns.stream().map(run -> run.substring(0, run.indexOf('@'))).toList();
        assertThat(ids).doesNotHaveDuplicates().contains("001-tenant", "001-customer");
        assertThat(strings("SELECT filename FROM DATABASECHANGELOG WHERE id = 'shop-001-order'"))
                .singleElement().asString().contains("db/shop/changelog.xml");
    }

    @Test
    void the_host_bean_creates_a_tenant_and_upserts_and_looks_up_customers() {
        String shop = newShop();
        Tenant tenant = checkout.openShop(shop, "Corner shop", "DE");
        assertThat(tenant.id().value()).isEqualTo(shop);
        assertThat(checkout.openShop(shop, "Corner shop", "DE").id()).isEqualTo(tenant.id());

        CheckoutService.Order first = checkout.checkout(shop, "Anna@corner-shop.de", null, new BigDecimal("19.90"));
        assertThat(first.customerOutcome()).isEqualTo("CREATED");
        // the same buyer again, now also known by phone (normalised with the tenant's region, DE)
        CheckoutService.Order second = checkout.checkout(shop, "anna@corner-shop.de", "030 24681357",
                new BigDecimal("5.00"));
        assertThat(second.customerOutcome()).isEqualTo("UPDATED");
        assertThat(second.customerId()).isEqualTo(first.customerId());

        Customer byPhone = checkout.buyer(shop, "phone", "+49 30 24681357").orElseThrow();
        assertThat(byPhone.id().value()).isEqualTo(first.customerId());
        assertThat(checkout.buyer(shop, "email", "zoe@corner-shop.de")).isEmpty();
        assertThat(checkout.orderCount(shop, first.customerId())).isEqualTo(2);
    }

    @Test
    void the_hosts_clock_and_id_generator_replace_clienteles() {
        assertThat(context.getBean(Clock.class)).isInstanceOf(ShopClock.class);
        assertThat(context.getBeansOfType(Clock.class)).hasSize(1);
        assertThat(context.getBean(IdGenerator.class)).isInstanceOf(ShopIdGenerator.class);
        assertThat(context.getBeansOfType(IdGenerator.class)).hasSize(1);

        String shop = newShop();
        Tenant tenant = checkout.openShop(shop, "Kiosk", "RU");
        Instant fixed = Instant.parse(HostDatabase.FIXED_TIME);
        assertThat(tenant.createdAt()).isEqualTo(fixed);

        CheckoutService.Order order = checkout.checkout(shop, "boris@corner-shop.de", null, BigDecimal.ONE);
        Customer stored = checkout.buyer(shop, "email", "boris@corner-shop.de").orElseThrow();
        assertThat(stored.createdAt()).isEqualTo(fixed);
        assertThat(stored.updatedAt()).isEqualTo(fixed);
        // ShopIdGenerator makes random (version 4) UUIDs; Clientele's own would be version 7
        assertThat(UUID.fromString(stored.id().value()).version()).isEqualTo(4);
        assertThat(UUID.fromString(order.id()).version()).isEqualTo(4);
    }

    @Test
    void the_rest_adapter_is_left_out() {
        assertThatThrownBy(() -> Class.forName("io.clientele.adapter.in.rest.CustomerController"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(context.getBeanDefinitions(Object.class))
                .noneMatch(definition -> definition.getBeanType().getName().startsWith("io.clientele.adapter.in."));
        // the use cases are there, for the host's beans
        assertThat(context.containsBean(UpsertCustomerUseCase.class)).isTrue();
        assertThat(context.containsBean(FindCustomersUseCase.class)).isTrue();
        assertThat(context.containsBean(ManageTenantsUseCase.class)).isTrue();

        // the host's HTTP server serves the host's routes, and no /v1 route
        String shop = newShop();
        checkout.openShop(shop, "Web shop", "RU");
        Map<String, Object> order = http.toBlocking().retrieve(HttpRequest.POST("/shop/" + shop + "/checkout",
                        Map.of("email", "vera@corner-shop.de", "total", 42)),
                Argument.mapOf(String.class, Object.class));
        assertThat(order).containsEntry("customerOutcome", "CREATED").containsKey("customerId");
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.GET("/v1/customers/" + order.get("customerId"))))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(404));
        assertThatThrownBy(() -> http.toBlocking().exchange(HttpRequest.POST("/v1/admin/tenants", Map.of())))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(404));
    }
}
