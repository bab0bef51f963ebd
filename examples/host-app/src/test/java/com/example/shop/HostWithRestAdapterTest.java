package com.example.shop;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same host with {@code clientele-adapters-rest} on its classpath (Maven execution "with-rest-adapter"): Clientele's
 * /v1 API is mounted next to the shop's own routes and serves what the shop's bean wrote.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostWithRestAdapterTest implements TestPropertyProvider {

    static final String OPERATOR_TOKEN = "host-test-operator-token";
    static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @Inject
    ApplicationContext context;
    @Inject
    CheckoutService checkout;
    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = HostDatabase.properties();
        properties.put("clientele.operator-token", OPERATOR_TOKEN);
        // the REST adapter brings micronaut-security, which closes every route by default: open the host's own
        properties.put("micronaut.security.intercept-url-map[0].pattern", "/shop/**");
        properties.put("micronaut.security.intercept-url-map[0].access[0]", "isAnonymous()");
        properties.put("micronaut.security.reject-not-found", "false");
        return properties;
    }

    @Test
    void clienteles_api_is_mounted_next_to_the_hosts_routes() throws ClassNotFoundException {
        assertThat(context.containsBean(Class.forName("io.clientele.adapter.in.rest.CustomerController"))).isTrue();

        String shop = "shop-" + UUID.randomUUID().toString().substring(0, 12);
        Map<String, Object> tenant = http.toBlocking().retrieve(HttpRequest.POST("/v1/admin/tenants",
                Map.of("id", shop, "name", "Shop with API", "defaultRegion", "RU")).bearerAuth(OPERATOR_TOKEN), JSON);
        assertThat(tenant).containsEntry("createdAt", HostDatabase.FIXED_TIME);
        String key = (String) http.toBlocking().retrieve(HttpRequest.POST("/v1/admin/tenants/" + shop + "/api-keys",
                Map.of("role", "admin")).bearerAuth(OPERATOR_TOKEN), JSON).get("key");

        // written by the host: through its bean and through its own (anonymous) route
        CheckoutService.Order order = checkout.checkout(shop, "gleb@corner-shop.de", null, BigDecimal.TEN);
        Map<String, Object> viaRoute = http.toBlocking().retrieve(HttpRequest.POST("/shop/" + shop + "/checkout",
                Map.of("email", "gleb@corner-shop.de", "total", 3)), JSON);
        assertThat(viaRoute).containsEntry("customerId", order.customerId())
                .containsEntry("customerOutcome", "UPDATED");

        // read through Clientele's API
        Map<String, Object> customer = http.toBlocking().retrieve(
                HttpRequest.GET("/v1/customers/" + order.customerId()).bearerAuth(key), JSON);
        assertThat(customer).containsEntry("id", order.customerId())
                .containsEntry("createdAt", HostDatabase.FIXED_TIME);
        assertThat(checkout.orderCount(shop, order.customerId())).isEqualTo(2);
    }
}
