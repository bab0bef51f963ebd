package io.clientele.adapter.in.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class BatchApiTest extends ApiTest {

    private static Map<String, Object> record(String email, String city) {
        return Map.of("identifiers", List.of(Map.of("type", "email", "value", email)), "profile", Map.of("city", city));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> batch(String key, List<Object> records) {
        return (List<Map<String, Object>>) send(HttpRequest.POST("/v1/customers:batch", Map.of("customers", records)),
                key).body().get("results");
    }

    @Test
    void everyRecordGetsItsOwnResultInOrderAndBadOnesBlockNothing() {
        String key = newTenantKey("write");
        List<Object> records = new ArrayList<>();
        records.add(record("one@shop.ru", "A"));
        records.add(record("anonymous@example.com", "B"));
        records.add("not a customer");
        records.add(record("two@shop.ru", "C"));
        records.add(record("ONE@shop.ru", "D"));   // shares an identifier with record 0: same customer, applied later
        records.add(Map.of("identifiers", List.of(Map.of("type", "phone", "value", "12"))));

        List<Map<String, Object>> results = batch(key, records);

        assertThat(results).extracting(r -> r.get("index")).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(results).extracting(r -> r.get("outcome"))
                .containsExactly("created", "rejected", "rejected", "created", "updated", "rejected");
        assertThat(results.get(4).get("id")).isEqualTo(results.get(0).get("id"));
        // pointers into the request, as a single write's are into its body
        assertThat(results.get(1).get("errors").toString()).contains("/customers/1/identifiers/0/value",
                "placeholder-value");
        assertThat(results.get(5).get("errors").toString()).contains("/customers/5/identifiers/0/value",
                "invalid-phone");
        assertThat(results.get(2).get("errors").toString()).contains("pointer=/customers/2");
        Map<String, Object> one = send(HttpRequest.GET("/v1/customers/" + results.get(0).get("id")), key).body();
        assertThat(one.get("profile").toString()).contains("city=D");

        // the same batch again: nobody is created twice
        List<Map<String, Object>> retried = batch(key, records);
        assertThat(retried).extracting(r -> r.get("outcome"))
                .containsExactly("updated", "rejected", "rejected", "updated", "updated", "rejected");
        assertThat(retried.get(0).get("id")).isEqualTo(results.get(0).get("id"));
        assertThat(retried.get(3).get("id")).isEqualTo(results.get(3).get("id"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNumberTooLargeForADoubleRejectsItsRecordNamingTheField() {
        String key = newTenantKey("write");
        // 1e400 is valid JSON; the parser reads it as infinity, which no field can hold
        String body = """
                {"customers": [
                  {"identifiers": [{"type": "email", "value": "big-1@shop.ru"}], "extendedFields": {"amount": 1e400}},
                  {"identifiers": [{"type": "email", "value": "big-2@shop.ru"}]},
                  {"identifiers": [{"type": "externalId", "value": 1e400}]},
                  {"identifiers": [{"type": "email", "value": "big-3@shop.ru"}], "attributes": {"n": -1e400},
                   "loyalty": {"enrolments": [{"programmeId": 4294967303, "tierNumber": 1}]}}]}""";

        List<Map<String, Object>> results = (List<Map<String, Object>>) send(HttpRequest.POST("/v1/customers:batch",
                body), key).body().get("results");

        assertThat(results).extracting(r -> r.get("outcome")).containsExactly("rejected", "created", "rejected",
                "rejected");
        assertThat(results.get(0).get("errors").toString()).contains("/extendedFields/amount", "invalid-number");
        assertThat(results.get(2).get("errors").toString()).contains("/identifiers/0/value", "invalid-number");
        assertThat(results.get(3).get("errors").toString()).contains("/attributes/n", "invalid-number",
                "/loyalty/enrolments/0/programmeId");
        // and alone: a 422 naming it, not a 500
        Map<String, Object> problem = problem(HttpRequest.POST("/v1/customers", """
                {"identifiers": [{"type": "email", "value": "big-4@shop.ru"}], "profile": {"firstName": 1e400}}""")
                .bearerAuth(key), 422);
        assertThat(problem.toString()).contains("/profile/firstName");
    }

    @Test
    void aBatchOfMoreThanTenThousandRecordsIsRefused() {
        String key = newTenantKey("write");
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            records.add(Map.of());
        }
        problem(HttpRequest.POST("/v1/customers:batch", Map.of("customers", records)).bearerAuth(key), 413);
        problem(HttpRequest.POST("/v1/customers:batch", Map.of("people", List.of())).bearerAuth(key), 400);
        // a key beside the records is refused naming it (it was dropped without a word)
        Map<String, Object> unknown = problem(HttpRequest.POST("/v1/customers:batch", Map.of("customers",
                List.of(Map.of("identifiers", List.of(Map.of("type", "email", "value", "x1@shop.ru")))),
                "dryRun", true)).bearerAuth(key), 422);
        assertThat(unknown.get("errors").toString()).contains("/dryRun", "unknown-field");
        // nor does it take a dry run it can't do: the records were written
        unknown = problem(HttpRequest.POST("/v1/customers:batch?dryRun=true", Map.of("customers",
                List.of(Map.of("identifiers", List.of(Map.of("type", "email", "value", "x1@shop.ru")))))).bearerAuth(key),
                422);
        assertThat(unknown.get("errors").toString()).contains("/dryRun");
        problem(HttpRequest.GET("/v1/customers/lookup?type=email&value=x1%40shop.ru").bearerAuth(key), 404);
    }

    private static Map<String, Object> withDevice(Map<String, Object> record, String token) {
        Map<String, Object> withPush = new java.util.HashMap<>(record);
        withPush.put("pushSubscriptions", List.of(Map.of("provider", "fcm", "token", token, "applicationId", "app")));
        return withPush;
    }

    @Test
    void recordsThatReachOneCustomerOrOneDeviceEndInRequestOrder() {
        String key = newTenantKey("write");
        Map<String, Object> seeded = Map.of("identifiers", List.of(Map.of("type", "email", "value", "held@shop.ru"),
                Map.of("type", "phone", "value", "+79161234567")));
        Map<String, Object> seededNext = Map.of("identifiers", List.of(Map.of("type", "email",
                "value", "next@shop.ru"), Map.of("type", "phone", "value", "+79161234568")));
        String held = (String) batch(key, List.of(seeded)).get(0).get("id");
        String heldNext = (String) batch(key, List.of(seededNext)).get(0).get("id");
        List<Object> records = new ArrayList<>();
        records.add(record("held@shop.ru", "First"));
        records.add(withDevice(record("two@shop.ru", "Two"), "device-1"));    // shares two@ with record 3
        records.add(withDevice(record("three@shop.ru", "Three"), "device-1"));
        records.add(record("two@shop.ru", "Two again"));
        records.add(record("next@shop.ru", "First"));
        for (int i = 5; i < 3_000; i++) {
            records.add(i == 700
                    // the customer of record 4 by another identifier in the next chunk, which may run beside it
                    ? Map.of("identifiers", List.of(Map.of("type", "phone", "value", "+79161234568")),
                            "profile", Map.of("city", "Next"))
                    : record("filler" + i + "@shop.ru", "Filler"));
        }
        // the customer of record 0, by another identifier, some chunks later
        records.add(Map.of("identifiers", List.of(Map.of("type", "phone", "value", "+79161234567")),
                "profile", Map.of("city", "Last")));

        List<Map<String, Object>> results = batch(key, records);

        assertThat(results).hasSize(3_001).noneMatch(r -> "rejected".equals(r.get("outcome")));
        assertThat(results.get(3_000).get("id")).isEqualTo(held);
        assertThat(results.get(700).get("id")).isEqualTo(heldNext);
        Map<String, Object> customer = send(HttpRequest.GET("/v1/customers/" + held), key).body();
        assertThat(customer.get("profile").toString()).contains("city=Last");
        assertThat(send(HttpRequest.GET("/v1/customers/" + heldNext), key).body().get("profile").toString())
                .contains("city=Next");
        // one device, one customer: the later record's
        String three = (String) results.get(2).get("id");
        assertThat(send(HttpRequest.GET("/v1/customers/" + three), key).body().get("pushSubscriptions").toString())
                .contains("device-1");
        assertThat(send(HttpRequest.GET("/v1/customers/" + results.get(1).get("id")), key).body()
                .get("pushSubscriptions").toString()).doesNotContain("device-1");
    }

    @Test
    void aThousandRecordsLandAsAThousandCustomers() {
        String key = newTenantKey("write");
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            records.add(record("bulk" + i + "@shop.ru", "City" + i));
        }
        List<Map<String, Object>> results = batch(key, records);
        assertThat(results).hasSize(1000).allMatch(r -> "created".equals(r.get("outcome")));
        assertThat(results.stream().map(r -> r.get("id")).distinct().count()).isEqualTo(1000);
    }
}
