package io.clientele.adapter.in.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class IdempotencyApiTest extends ApiTest {

    @jakarta.inject.Inject
    io.clientele.application.port.out.IdempotencyStore store;
    @jakarta.inject.Inject
    io.clientele.application.port.in.IdempotencyUseCase idempotency;
    @jakarta.inject.Inject
    io.clientele.application.port.out.Transactions transactions;

    @Test
    void keysPastTheirRetentionArePurgedWithTheirAnswers() {
        io.clientele.domain.tenant.TenantId tenant = io.clientele.domain.tenant.TenantId.of("purge-test");
        String unique = java.util.UUID.randomUUID().toString();
        java.time.Instant now = java.time.Instant.now();
        transactions.inTransaction(() -> {
            store.insertIfAbsent(tenant, "old-" + unique, "h".repeat(64), now.minus(java.time.Duration.ofHours(25)));
            store.complete(tenant, "old-" + unique, 201, "application/json", "{\"email\":\"old@shop.ru\"}", null);
            store.insertIfAbsent(tenant, "new-" + unique, "h".repeat(64), now.minus(java.time.Duration.ofHours(23)));
            return null;
        });

        // (the hourly job may have purged it first: the count is not the point)
        idempotency.purgeExpired();

        assertThat(transactions.readOnly(() -> store.find(tenant, "old-" + unique))).isEmpty();
        assertThat(transactions.readOnly(() -> store.find(tenant, "new-" + unique))).isPresent();
    }

    private static final Map<String, Object> BODY = Map.of("identifiers",
            List.of(Map.of("type", "email", "value", "idem@shop.ru")), "profile", Map.of("city", "Lahti"));

    @Test
    void twentyIdenticalConcurrentRequestsRunOnceAndTheRestReplayOrWait() throws Exception {
        String key = newTenantKey("write");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object[]>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    HttpResponse<Map<String, Object>> response = send(HttpRequest.POST("/v1/customers", BODY)
                            .header("Idempotency-Key", "order-42"), key);
                    return new Object[]{response.getStatus().getCode(), response.body().get("id"),
                            response.body().get("version")};
                } catch (HttpClientResponseException e) {
                    return new Object[]{e.getStatus().getCode(), null, null};
                }
            }));
        }
        start.countDown();
        List<Object[]> results = new ArrayList<>();
        for (Future<Object[]> future : futures) {
            results.add(future.get());
        }
        pool.shutdown();

        assertThat(results).allMatch(r -> (int) r[0] == 201 || (int) r[0] == 409);
        List<Object[]> created = results.stream().filter(r -> (int) r[0] == 201).toList();
        assertThat(created).isNotEmpty();
        assertThat(created).allMatch(r -> r[1].equals(created.get(0)[1]) && Integer.valueOf(1).equals(r[2]));
        // it ran once: the customer is at version 1 (a second run would have made it 2... or a second customer)
        Map<String, Object> customer = send(HttpRequest.GET("/v1/customers/" + created.get(0)[1]), key).body();
        assertThat(customer).containsEntry("version", 1);
    }

    @Test
    void aRepeatReplaysTheFirstAnswerAndAnotherRequestUnderTheSameKeyIsRefused() {
        String key = newTenantKey("write");
        HttpResponse<Map<String, Object>> first = send(HttpRequest.POST("/v1/customers", BODY)
                .header("Idempotency-Key", "k-1"), key);
        HttpResponse<Map<String, Object>> again = send(HttpRequest.POST("/v1/customers", BODY)
                .header("Idempotency-Key", "k-1"), key);

        assertThat(again.getStatus().getCode()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        // with the headers a client reads from a create
        assertThat(first.header("Location")).startsWith("/v1/customers/");
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag")).isNotNull();
        problem(HttpRequest.POST("/v1/customers", Map.of("identifiers", List.of(Map.of("type", "email",
                "value", "other@shop.ru")))).header("Idempotency-Key", "k-1").bearerAuth(key), 422);
        // errors are answers too: a refused request replays its refusal
        problem(HttpRequest.POST("/v1/customers", Map.of("identifiers", List.of(Map.of("type", "phone",
                "value", "12")))).header("Idempotency-Key", "k-2").bearerAuth(key), 422);
        problem(HttpRequest.POST("/v1/customers", Map.of("identifiers", List.of(Map.of("type", "phone",
                "value", "12")))).header("Idempotency-Key", "k-2").bearerAuth(key), 422);
        // keys belong to a tenant: another tenant's identical key is its own
        String otherTenant = newTenantKey("write");
        assertThat(send(HttpRequest.POST("/v1/customers", BODY).header("Idempotency-Key", "k-1"), otherTenant)
                .header("Idempotent-Replayed")).isNull();
    }

    @Test
    void dialectWritesHonourTheKeyToo() {
        String key = newTenantKey("write");
        Map<String, Object> upload = Map.of("customers", List.of(Map.of("external_id", "cb-1",
                "email", "cb1@shop.ru")));
        HttpResponse<Map<String, Object>> first = send(HttpRequest.POST("/dialects/custobar/api/customers/upload/",
                upload).header("Idempotency-Key", "upload-1"), key);
        HttpResponse<Map<String, Object>> again = send(HttpRequest.POST("/dialects/custobar/api/customers/upload/",
                upload).header("Idempotency-Key", "upload-1"), key);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());

        Map<String, Object> rr = Map.of("customerId", "rr-1", "email", "rr1@shop.ru");
        HttpResponse<Map<String, Object>> rrFirst = send(HttpRequest.POST("/dialects/retailrocket/customers", rr)
                .header("Idempotency-Key", "rr-1"), key);
        HttpResponse<Map<String, Object>> rrAgain = send(HttpRequest.POST("/dialects/retailrocket/customers", rr)
                .header("Idempotency-Key", "rr-1"), key);
        assertThat(rrAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(rrAgain.body()).isEqualTo(rrFirst.body());

        Map<String, Object> pc = Map.of("id", 77, "email", "pc77@shop.ru");
        send(HttpRequest.POST("/dialects/personaclick/profile/set", pc).header("Idempotency-Key", "pc-1"), key);
        HttpResponse<Map<String, Object>> pcAgain = send(HttpRequest.POST("/dialects/personaclick/profile/set", pc)
                .header("Idempotency-Key", "pc-1"), key);
        assertThat(pcAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(pcAgain.body()).containsEntry("status", "success");
    }

    @Test
    void theOperatorsTenantCreationHonoursTheKey() {
        String id = "t-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> tenant = Map.of("id", id, "defaultRegion", "FI");
        HttpResponse<Map<String, Object>> first = send(HttpRequest.POST("/v1/admin/tenants", tenant)
                .header("Idempotency-Key", "create-" + id), OPERATOR_TOKEN);
        HttpResponse<Map<String, Object>> again = send(HttpRequest.POST("/v1/admin/tenants", tenant)
                .header("Idempotency-Key", "create-" + id), OPERATOR_TOKEN);
        assertThat(again.getStatus().getCode()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        problem(HttpRequest.POST("/v1/admin/tenants", Map.of("id", "operator", "defaultRegion", "FI"))
                .bearerAuth(OPERATOR_TOKEN), 422);
    }

    @Test
    void aRetriedBatchWithTheSameKeyIsReplayed() {
        String key = newTenantKey("write");
        Map<String, Object> batch = Map.of("customers", List.of(BODY));
        HttpResponse<Map<String, Object>> first = send(HttpRequest.POST("/v1/customers:batch", batch)
                .header("Idempotency-Key", "batch-1"), key);
        HttpResponse<Map<String, Object>> again = send(HttpRequest.POST("/v1/customers:batch", batch)
                .header("Idempotency-Key", "batch-1"), key);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    }
}
