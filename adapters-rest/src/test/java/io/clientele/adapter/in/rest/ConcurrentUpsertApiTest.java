package io.clientele.adapter.in.rest;

import io.micronaut.http.HttpRequest;
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
class ConcurrentUpsertApiTest extends ApiTest {

    @Test
    void fiftyConcurrentUpsertsOfOneEmailSpelledDifferentlyEndAsOneCustomerWithout5xx() throws Exception {
        String key = newTenantKey("write");
        List<String> spellings = List.of("Race@Shop.ru", " race@shop.ru", "RACE@SHOP.RU ", "race@SHOP.ru");
        int writers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object[]>> futures = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Map<String, Object> body = Map.of(
                    "identifiers", List.of(Map.of("type", "email", "value", spellings.get(i % spellings.size()))),
                    "profile", Map.of("city", "City " + i));
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    var response = send(HttpRequest.POST("/v1/customers", body), key);
                    return new Object[]{response.getStatus().getCode(), response.body().get("id")};
                } catch (HttpClientResponseException e) {
                    return new Object[]{e.getStatus().getCode(), null};
                }
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        List<Object> ids = new ArrayList<>();
        for (Future<Object[]> future : futures) {
            Object[] result = future.get();
            statuses.add((Integer) result[0]);
            ids.add(result[1]);
        }
        pool.shutdown();

        assertThat(statuses).allMatch(status -> status == 200 || status == 201);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(ids).containsOnly(ids.get(0));
        Map<String, Object> customer = send(HttpRequest.GET("/v1/customers/" + ids.get(0)), key).body();
        assertThat(customer).containsEntry("version", writers);
        assertThat((List<?>) customer.get("identifiers")).hasSize(1);
    }
}
