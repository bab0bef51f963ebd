package io.clientele.adapter.in.rest;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Identity resolution and merges (issue: identity), on a real MariaDB through HTTP. */
@MicronautTest(transactional = false)
class MergeApiTest extends ApiTest {

    private static Map<String, Object> email(String value) {
        return Map.of("type", "email", "value", value);
    }

    private static Map<String, Object> phone(String value) {
        return Map.of("type", "phone", "value", value);
    }

    private static Map<String, Object> externalId(String value) {
        return Map.of("type", "externalId", "value", value);
    }

    private Map<String, Object> get(String key, String id) {
        return send(HttpRequest.GET("/v1/customers/" + id), key).body();
    }

    private String create(String key, Map<String, Object> profile, Map<String, Object> identifier) {
        return (String) upsert(key, Map.of("profile", profile, "identifiers", List.of(identifier))).get("id");
    }

    /** The document without what a write always changes (version, updatedAt). */
    private static Map<String, Object> content(Map<String, Object> document) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(document);
        copy.remove("version");
        copy.remove("updatedAt");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> identifiers = (List<Map<String, Object>>) copy.get("identifiers");
        copy.put("identifiers", new HashSet<>(identifiers));
        return copy;
    }

    @Test
    void anUpsertSpanningTwoCustomersMergesThemIntoTheOldest() {
        String key = newTenantKey("admin");
        String older = create(key, Map.of("firstName", "Anna", "city", "Moscow"), email("anna@shop.ru"));
        String newer = create(key, Map.of("firstName", "Ann", "zipCode", "101000"), phone("+79161234567"));

        Map<String, Object> merged = upsert(key, Map.of("identifiers", List.of(email("ANNA@shop.ru"),
                phone("8 916 123-45-67"), externalId("crm-7"))));

        assertThat(merged).containsEntry("outcome", "merged").containsEntry("id", older)
                .containsEntry("mergedFrom", List.of(newer));
        @SuppressWarnings("unchecked")
        Map<String, Object> profile = (Map<String, Object>) merged.get("profile");
        // the survivor's values win; its blanks are filled from the absorbed customer
        assertThat(profile).containsEntry("firstName", "Anna").containsEntry("city", "Moscow")
                .containsEntry("zipCode", "101000");
        assertThat(merged.get("identifiers").toString()).contains("anna@shop.ru", "+79161234567", "crm-7");

        HttpResponse<Map<String, Object>> absorbed = send(HttpRequest.GET("/v1/customers/" + newer), key);
        assertThat(absorbed.body()).containsEntry("id", older);
        assertThat(absorbed.header(HttpHeaders.CONTENT_LOCATION)).isEqualTo("/v1/customers/" + older);
        assertThat(send(HttpRequest.GET("/v1/customers/lookup?type=phone&value=%2B79161234567"), key).body())
                .containsEntry("id", older);
    }

    @Test
    void aWriteThroughAnAbsorbedIdLeadsToTheSurvivorAsAReadDoes() {
        String key = newTenantKey("admin");
        String survivor = create(key, Map.of("firstName", "Anna"), email("anna@shop.ru"));
        String absorbed = create(key, Map.of("firstName", "Ann"), phone("+79161234567"));
        send(HttpRequest.POST("/v1/merges", Map.of("survivorId", survivor, "absorbedId", absorbed)), key);
        // a client holding the old id writes to it: the write reaches the person it meant
        HttpResponse<Map<String, Object>> patched = send(HttpRequest.PATCH("/v1/customers/" + absorbed,
                Map.of("profile", Map.of("city", "Kazan"))).contentType("application/merge-patch+json"), key);
        HttpResponse<Map<String, Object>> added = send(HttpRequest.POST("/v1/customers/" + absorbed + "/identifiers",
                externalId("crm-9")), key);
        HttpResponse<Map<String, Object>> consented = send(HttpRequest.POST("/v1/customers/" + absorbed
                + "/consents", Map.of("channel", "sms", "status", "granted")), key);
        HttpResponse<Map<String, Object>> removed = send(HttpRequest.DELETE("/v1/customers/" + absorbed
                + "/identifiers/externalId/crm-9"), key);

        for (HttpResponse<Map<String, Object>> answer : List.of(patched, added, consented, removed)) {
            assertThat(answer.body()).containsEntry("id", survivor);
            assertThat(answer.header(HttpHeaders.CONTENT_LOCATION)).isEqualTo("/v1/customers/" + survivor);
        }
        Map<String, Object> now = get(key, survivor);
        assertThat(now.get("profile").toString()).contains("Kazan");
        assertThat(now.get("consents").toString()).contains("sms");
        // a precondition through the old id can't hold: versions are per customer, and a stale ETag of the absorbed
        // record could equal the survivor's current one
        String current = (String) send(HttpRequest.GET("/v1/customers/" + survivor), key).header(HttpHeaders.ETAG);
        problem(HttpRequest.PATCH("/v1/customers/" + absorbed, Map.of("profile", Map.of("city", "Omsk")))
                .contentType("application/merge-patch+json").header("If-Match", current).bearerAuth(key), 412);
        problem(HttpRequest.DELETE("/v1/customers/" + absorbed).header("If-Match", current).bearerAuth(key), 412);
        assertThat(send(HttpRequest.PATCH("/v1/customers/" + survivor, Map.of("profile", Map.of("city", "Omsk")))
                .contentType("application/merge-patch+json").header("If-Match", current), key).body().toString())
                .contains("Omsk");
    }

    @Test
    void underRejectTheSameUpsertIsAConflictAndNothingChanges() {
        String key = newTenantKey("admin", "RU", "REJECT")[1];
        String a = create(key, Map.of("firstName", "A"), email("a@shop.ru"));
        String b = create(key, Map.of("firstName", "B"), phone("+79161234567"));

        problem(HttpRequest.POST("/v1/customers", Map.of("identifiers", List.of(email("a@shop.ru"),
                phone("+79161234567")))).bearerAuth(key), 409);

        assertThat(get(key, a)).containsEntry("id", a).containsEntry("state", "ACTIVE");
        assertThat(get(key, b)).containsEntry("id", b).containsEntry("state", "ACTIVE");
    }

    @Test
    void dryRunsTellWhatWouldHappenAndWriteNothing() {
        String key = newTenantKey("admin");
        String a = create(key, Map.of("firstName", "A"), email("a@shop.ru"));
        String b = create(key, Map.of("firstName", "B"), phone("+79161234567"));

        Map<String, Object> wouldMerge = send(HttpRequest.POST("/v1/customers?dryRun=true", Map.of("identifiers",
                List.of(email("a@shop.ru"), phone("+79161234567")))), key).body();
        assertThat(wouldMerge).containsEntry("dryRun", true).containsEntry("outcome", "merged")
                .containsEntry("mergedFrom", List.of(b));
        Map<String, Object> wouldCreate = send(HttpRequest.POST("/v1/customers?dryRun=true", Map.of("identifiers",
                List.of(email("new@shop.ru")))), key).body();
        assertThat(wouldCreate).containsEntry("outcome", "created");
        Map<String, Object> explicit = send(HttpRequest.POST("/v1/merges?dryRun=true",
                Map.of("survivorId", a, "absorbedId", b)), key).body();
        // the would-be survivor's document itself (API.md)
        assertThat(explicit).containsEntry("id", a).containsEntry("dryRun", true);
        assertThat(explicit.get("identifiers").toString()).contains("+79161234567", "a@shop.ru");

        assertThat(get(key, b)).containsEntry("id", b).containsEntry("state", "ACTIVE").containsEntry("version", 1);
        assertThat(get(key, a)).containsEntry("version", 1);
        problem(HttpRequest.GET("/v1/customers/lookup?type=email&value=new%40shop.ru").bearerAuth(key), 404);
    }

    @Test
    void aDryRunIsTrueOrFalseAndWithAnIdempotencyKeyStillWritesNothing() {
        String key = newTenantKey("admin");
        String a = create(key, Map.of("firstName", "A"), email("a@shop.ru"));
        String b = create(key, Map.of("firstName", "B"), phone("+79161234567"));

        // with a key: was a 500 for yes/on/y (the key's transaction around a dry run); TRUE in any case is a dry run
        Map<String, Object> upsert = send(HttpRequest.POST("/v1/customers?dryRun=TRUE", Map.of("identifiers",
                List.of(email("dry@shop.ru")))).header("Idempotency-Key", "dry-1"), key).body();
        assertThat(upsert).containsEntry("dryRun", true).containsEntry("outcome", "created");
        Map<String, Object> merge = send(HttpRequest.POST("/v1/merges?dryRun=true",
                Map.of("survivorId", a, "absorbedId", b)).header("Idempotency-Key", "dry-2"), key).body();
        assertThat(merge).containsEntry("dryRun", true);
        // anything else is refused naming the parameter: "1" was read as false and wrote
        for (String value : List.of("1", "yes", "on", "y")) {
            Map<String, Object> problem = problem(HttpRequest.POST("/v1/customers?dryRun=" + value,
                    Map.of("identifiers", List.of(email("dry@shop.ru")))).header("Idempotency-Key", "dry-" + value)
                    .bearerAuth(key), 422);
            assertThat(problem.get("errors").toString()).as(value).contains("/dryRun");
            problem = problem(HttpRequest.POST("/v1/merges?dryRun=" + value, Map.of("survivorId", a,
                    "absorbedId", b)).bearerAuth(key), 422);
            assertThat(problem.get("errors").toString()).as(value).contains("/dryRun");
        }
        problem(HttpRequest.GET("/v1/customers/lookup?type=email&value=dry%40shop.ru").bearerAuth(key), 404);
        assertThat(get(key, b)).containsEntry("id", b).containsEntry("version", 1);
        // the key of a dry run was not spent on it: the real write under it runs
        assertThat(send(HttpRequest.POST("/v1/customers", Map.of("identifiers", List.of(email("dry@shop.ru"))))
                .header("Idempotency-Key", "dry-1"), key).getStatus().getCode()).isEqualTo(201);
    }

    @Test
    void revertingAMergeAnUpsertMadeKeepsWhatThatUpsertSet() {
        String key = newTenantKey("admin");
        String a = (String) upsert(key, Map.of("identifiers", List.of(email("rv-s@shop.ru")))).get("id");
        String b = (String) upsert(key, Map.of("identifiers", List.of(email("rv-a@shop.ru")),
                "profile", Map.of("lastName", "Absorbed"), "tags", List.of("theirs"),
                "pushSubscriptions", List.of(Map.of("provider", "fcm", "token", "rv-device")))).get("id");
        Map<String, Object> merged = upsert(key, Map.of("identifiers", List.of(email("rv-s@shop.ru"),
                        email("rv-a@shop.ru"), externalId("RV-NEW")), "profile", Map.of("city", "Kazan"),
                "tags", List.of("from-write"), "pushSubscriptions", List.of(Map.of("provider", "fcm",
                        "token", "rv-device"))));
        assertThat(merged).containsEntry("outcome", "merged").containsEntry("id", a);
        List<?> journal = (List<?>) send(HttpRequest.GET("/v1/customers/" + a + "/export"), key).body().get("merges");
        String mergeId = (String) ((Map<?, ?>) journal.get(0)).get("id");

        assertThat(send(HttpRequest.POST("/v1/merges/" + mergeId + "/revert", Map.of()), key).getStatus().getCode())
                .isEqualTo(200);

        Map<String, Object> survivor = get(key, a);
        // what the write set stays on the survivor (a revert restored the profile and tags from before the write)
        assertThat((Map<String, Object>) survivor.get("profile")).containsEntry("city", "Kazan").doesNotContainKey("lastName");
        assertThat(survivor.get("tags")).isEqualTo(List.of("from-write"));
        assertThat(survivor.get("identifiers").toString()).contains("RV-NEW", "rv-s@shop.ru")
                .doesNotContain("rv-a@shop.ru");
        assertThat(survivor.get("pushSubscriptions").toString()).contains("rv-device");
        // the absorbed customer comes back as it was, but for the device the write moved to the survivor
        Map<String, Object> absorbed = get(key, b);
        assertThat(absorbed).containsEntry("id", b).containsEntry("state", "ACTIVE");
        assertThat((Map<String, Object>) absorbed.get("profile")).containsEntry("lastName", "Absorbed");
        assertThat(absorbed.get("tags")).isEqualTo(List.of("theirs"));
        assertThat(absorbed.get("pushSubscriptions")).isEqualTo(List.of());
    }

    @Test
    void anExplicitMergeIsJournaledAndARevertRestoresBothCustomersExactly() {
        String key = newTenantKey("admin");
        String a = (String) upsert(key, Map.of("profile", Map.of("firstName", "Anna", "city", "Moscow"),
                "identifiers", List.of(email("anna@shop.ru"), externalId("crm-1")))).get("id");
        String b = (String) upsert(key, Map.of("profile", Map.of("lastName", "Ivanova", "city", "Kazan"),
                "identifiers", List.of(phone("+79161234567"), Map.of("type", "softLink", "name", "loyalty card",
                        "value", "7700123")))).get("id");
        Map<String, Object> aBefore = content(get(key, a));
        Map<String, Object> bBefore = content(get(key, b));

        HttpResponse<Map<String, Object>> merged = send(HttpRequest.POST("/v1/merges",
                Map.of("survivorId", a, "absorbedId", b)), key);
        assertThat(merged.getStatus().getCode()).isEqualTo(201);
        String mergeId = (String) merged.body().get("id");
        assertThat(merged.header(HttpHeaders.LOCATION)).isEqualTo("/v1/merges/" + mergeId);
        assertThat(merged.body()).containsEntry("survivorId", a).containsEntry("absorbedId", b)
                .containsEntry("reason", "explicit").containsKey("at");
        assertThat(send(HttpRequest.GET("/v1/merges/" + mergeId), key).body()).containsEntry("reverted", false);
        assertThat(get(key, b)).containsEntry("id", a);

        Map<String, Object> reverted = send(HttpRequest.POST("/v1/merges/" + mergeId + "/revert", Map.of()), key)
                .body();

        assertThat(reverted).containsEntry("reverted", true);
        assertThat(content(get(key, a))).isEqualTo(aBefore);
        assertThat(content(get(key, b))).isEqualTo(bBefore);
        assertThat(send(HttpRequest.GET("/v1/customers/lookup?type=phone&value=%2B79161234567"), key).body())
                .containsEntry("id", b);
        problem(HttpRequest.POST("/v1/merges/" + mergeId + "/revert", Map.of()).bearerAuth(key), 409);
    }

    @Test
    void anIdentifierWithAPlusIsRemovedByItsValueWrittenPlainlyInThePath() {
        String key = newTenantKey("write");
        String a = create(key, Map.of("firstName", "A"), email("a@shop.ru"));
        for (Map<String, Object> identifier : List.of(email("anna+shop@mail.ru"), phone("+79161234567"),
                email("x/y@mail.ru"))) {
            send(HttpRequest.POST("/v1/customers/" + a + "/identifiers", identifier), key);
        }

        // a literal + is itself (RFC 3986), not a space as in a form
        send(HttpRequest.DELETE("/v1/customers/" + a + "/identifiers/email/anna+shop@mail.ru"), key);
        send(HttpRequest.DELETE("/v1/customers/" + a + "/identifiers/phone/+7%20916%20123-45-67"), key);
        send(HttpRequest.DELETE("/v1/customers/" + a + "/identifiers/email/x%2Fy@mail.ru"), key);

        assertThat((List<?>) send(HttpRequest.GET("/v1/customers/" + a), key).body().get("identifiers")).hasSize(1);
        // gone: now the identifier's 404, not the route's
        Map<String, Object> gone = problem(HttpRequest.DELETE("/v1/customers/" + a
                + "/identifiers/email/anna+shop@mail.ru").bearerAuth(key), 404);
        assertThat((String) gone.get("detail")).contains("has no such email");
    }

    @Test
    void aRevertIsRefusedOnceTheSurvivorChangedOrAnIdentifierMoved() {
        String key = newTenantKey("admin");
        String a = create(key, Map.of("firstName", "A"), email("a@shop.ru"));
        String b = create(key, Map.of("firstName", "B"), phone("+79161234567"));
        String mergeId = (String) send(HttpRequest.POST("/v1/merges", Map.of("survivorId", a, "absorbedId", b)), key)
                .body().get("id");

        send(HttpRequest.DELETE("/v1/customers/" + a + "/identifiers/phone/%2B79161234567"), key);

        Map<String, Object> refused = problem(HttpRequest.POST("/v1/merges/" + mergeId + "/revert", Map.of())
                .bearerAuth(key), 409);
        assertThat(refused).containsEntry("code", "merge-not-revertible");
        assertThat((String) refused.get("detail")).contains("changed since the merge");
    }

    @Test
    void mergingAMissingOrAbsorbedCustomerIsRefused() {
        String key = newTenantKey("admin");
        String a = create(key, Map.of("firstName", "A"), email("a@shop.ru"));
        String b = create(key, Map.of("firstName", "B"), phone("+79161234567"));
        send(HttpRequest.POST("/v1/merges", Map.of("survivorId", a, "absorbedId", b)), key);

        problem(HttpRequest.POST("/v1/merges", Map.of("survivorId", a, "absorbedId", b)).bearerAuth(key), 409);
        problem(HttpRequest.POST("/v1/merges", Map.of("survivorId", b, "absorbedId", a)).bearerAuth(key), 409);
        problem(HttpRequest.POST("/v1/merges", Map.of("survivorId", a, "absorbedId", "nope")).bearerAuth(key), 404);
        problem(HttpRequest.POST("/v1/merges", Map.of("survivorId", a, "absorbedId", a)).bearerAuth(key), 422);
        problem(HttpRequest.GET("/v1/merges/nope").bearerAuth(key), 404);
        String writeKey = newTenantKey("write");
        problem(HttpRequest.POST("/v1/merges", Map.of("survivorId", a, "absorbedId", b)).bearerAuth(writeKey), 403);
    }

    @Test
    void chainsResolveToTheLastSurvivor() {
        String key = newTenantKey("admin");
        String a = create(key, Map.of("firstName", "A"), email("a@shop.ru"));
        String b = create(key, Map.of("firstName", "B"), email("b@shop.ru"));
        String c = create(key, Map.of("firstName", "C"), email("c@shop.ru"));
        send(HttpRequest.POST("/v1/merges", Map.of("survivorId", b, "absorbedId", c)), key);
        send(HttpRequest.POST("/v1/merges", Map.of("survivorId", a, "absorbedId", b)), key);

        for (String id : List.of(a, b, c)) {
            assertThat(get(key, id)).containsEntry("id", a);
        }
        for (String address : List.of("a%40shop.ru", "b%40shop.ru", "c%40shop.ru")) {
            assertThat(send(HttpRequest.GET("/v1/customers/lookup?type=email&value=" + address), key).body())
                    .containsEntry("id", a);
        }
    }

    @Test
    void crossingMergesEndWithExactlyOneSurvivor() throws Exception {
        String key = newTenantKey("admin");
        for (int round = 0; round < 5; round++) {
            String a = create(key, Map.of("firstName", "A"), email("a" + round + "@shop.ru"));
            String b = create(key, Map.of("firstName", "B"), email("b" + round + "@shop.ru"));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            Future<Integer> ab = pool.submit(mergeCall(key, a, b, start));
            Future<Integer> ba = pool.submit(mergeCall(key, b, a, start));
            start.countDown();
            List<Integer> statuses = List.of(ab.get(), ba.get());
            pool.shutdown();

            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
            Object survivor = get(key, a).get("id");
            assertThat(get(key, b).get("id")).isEqualTo(survivor);
            assertThat(send(HttpRequest.GET("/v1/customers/lookup?type=email&value=a" + round + "%40shop.ru"), key)
                    .body().get("id")).isEqualTo(survivor);
            assertThat(send(HttpRequest.GET("/v1/customers/lookup?type=email&value=b" + round + "%40shop.ru"), key)
                    .body().get("id")).isEqualTo(survivor);
        }
    }

    private Callable<Integer> mergeCall(String key, String survivor, String absorbed, CountDownLatch start) {
        return () -> {
            start.await();
            try {
                return send(HttpRequest.POST("/v1/merges", Map.of("survivorId", survivor, "absorbedId", absorbed)),
                        key).getStatus().getCode();
            } catch (HttpClientResponseException e) {
                return e.getStatus().getCode();
            }
        };
    }

    @Test
    void concurrentUpsertsSharingIdentifiersInEveryCombinationEndWithOneCustomerPerPerson() throws Exception {
        String key = newTenantKey("write");
        int people = 5;
        Random random = new Random(42);
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int request = 0; request < 60; request++) {
            int person = request % people;
            List<Map<String, Object>> all = List.of(email("p" + person + "@shop.ru"),
                    phone("+7916000000" + person), externalId("crm-" + person));
            // every non-empty combination of the person's three identifiers, in a shuffled order of requests
            int mask = 1 + (request / people) % 7;
            List<Map<String, Object>> chosen = new ArrayList<>();
            for (int bit = 0; bit < 3; bit++) {
                if ((mask & (1 << bit)) != 0) {
                    chosen.add(all.get(bit));
                }
            }
            bodies.add(Map.of("identifiers", chosen, "profile", Map.of("city", "City" + request)));
        }
        java.util.Collections.shuffle(bodies, random);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (Map<String, Object> body : bodies) {
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    return send(HttpRequest.POST("/v1/customers", body), key).getStatus().getCode();
                } catch (HttpClientResponseException e) {
                    return e.getStatus().getCode();
                }
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> future : futures) {
            statuses.add(future.get());
        }
        pool.shutdown();

        assertThat(statuses).allMatch(status -> status == 200 || status == 201);
        for (int person = 0; person < people; person++) {
            Set<Object> ids = new HashSet<>();
            ids.add(send(HttpRequest.GET("/v1/customers/lookup?type=email&value=p" + person + "%40shop.ru"), key)
                    .body().get("id"));
            ids.add(send(HttpRequest.GET("/v1/customers/lookup?type=phone&value=%2B7916000000" + person), key)
                    .body().get("id"));
            ids.add(send(HttpRequest.GET("/v1/customers/lookup?type=externalId&value=crm-" + person), key)
                    .body().get("id"));
            assertThat(ids).as("person " + person).hasSize(1);
            Map<String, Object> customer = get(key, (String) ids.iterator().next());
            assertThat((List<?>) customer.get("identifiers")).hasSize(3);
        }
    }

    @Test
    void identifiersAreAddedRemovedAndMovedOneAtATime() {
        String key = newTenantKey("write");
        String a = create(key, Map.of("firstName", "A"), email("a@shop.ru"));
        String b = create(key, Map.of("firstName", "B"), email("b@shop.ru"));

        Map<String, Object> withPhone = send(HttpRequest.POST("/v1/customers/" + a + "/identifiers",
                Map.of("type", "phone", "value", "8 916 123-45-67", "source", "instore")), key).body();
        assertThat(withPhone.get("identifiers").toString()).contains("+79161234567", "INSTORE");

        Map<String, Object> held = problem(HttpRequest.POST("/v1/customers/" + b + "/identifiers",
                Map.of("type", "phone", "value", "+79161234567")).bearerAuth(key), 409);
        assertThat(held).containsEntry("customers", List.of(a));

        send(HttpRequest.DELETE("/v1/customers/" + a + "/identifiers/phone/89161234567"), key);
        problem(HttpRequest.DELETE("/v1/customers/" + a + "/identifiers/phone/89161234567").bearerAuth(key), 404);
        Map<String, Object> moved = send(HttpRequest.POST("/v1/customers/" + b + "/identifiers",
                Map.of("type", "phone", "value", "+79161234567")), key).body();
        assertThat(moved.get("identifiers").toString()).contains("+79161234567");
        assertThat(send(HttpRequest.GET("/v1/customers/lookup?type=phone&value=%2B79161234567"), key).body())
                .containsEntry("id", b);
        problem(HttpRequest.POST("/v1/customers/" + b + "/identifiers", Map.of("type", "phone", "value", "12"))
                .bearerAuth(key), 422);
    }

    @Test
    void theSameIdentifierSeenFromAnotherSourceAddsASourceAccount() {
        String key = newTenantKey("write");
        String id = (String) upsert(key, Map.of("identifiers", List.of(Map.of("type", "email",
                "value", "s@shop.ru", "source", "WEBSITE")))).get("id");

        Map<String, Object> again = upsert(key, Map.of("identifiers", List.of(Map.of("type", "email",
                "value", "S@shop.ru", "source", "INSTORE", "accountId", "till-4"))));

        assertThat(again).containsEntry("id", id).containsEntry("outcome", "updated");
        assertThat(again.get("identifiers").toString()).contains("source=WEBSITE", "INSTORE", "till-4");
    }

    @Test
    void anotherTenantsIdentifiersNeverCauseAMergeOrConflict() {
        String[] mine = newTenantKey("admin", "RU", "REJECT");
        String theirs = newTenantKey("admin");
        create(theirs, Map.of("firstName", "T"), email("x@shop.ru"));
        create(theirs, Map.of("firstName", "T"), phone("+79161234567"));

        Map<String, Object> created = upsert(mine[1], Map.of("identifiers", List.of(email("x@shop.ru"),
                phone("+79161234567"))));

        assertThat(created).containsEntry("outcome", "created");
    }

    @Test
    void aTenantExtendsThePlaceholderBlocklistForItselfOnly() {
        String key = newTenantKey("admin");
        String other = newTenantKey("write");
        Map<String, Object> set = send(HttpRequest.PUT("/v1/settings/placeholder-values",
                Map.of("values", List.of("guest", "walk-in"))), key).body();
        assertThat(set.get("values")).isEqualTo(List.of("guest", "walk-in"));

        Map<String, Object> refused = problem(HttpRequest.POST("/v1/customers", Map.of("identifiers",
                List.of(externalId("GUEST")))).bearerAuth(key), 422);
        assertThat(refused.get("errors").toString()).contains("placeholder-value", "/identifiers/0/value");
        assertThat(upsert(other, Map.of("identifiers", List.of(externalId("GUEST"))))).containsEntry("outcome",
                "created");
        assertThat(send(HttpRequest.GET("/v1/settings/placeholder-values"), key).body().get("values"))
                .isEqualTo(List.of("guest", "walk-in"));
        problem(HttpRequest.PUT("/v1/settings/placeholder-values", Map.of("values", List.of(" ")))
                .bearerAuth(key), 422);
        problem(HttpRequest.PUT("/v1/settings/placeholder-values", Map.of("values", List.of("x")))
                .bearerAuth(other), 403);
    }
}
