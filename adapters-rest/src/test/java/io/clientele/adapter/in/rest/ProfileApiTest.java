package io.clientele.adapter.in.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The full customer profile (issue: profile) on a real MariaDB through HTTP. */
@MicronautTest(transactional = false)
class ProfileApiTest extends ApiTest {

    private static Map<String, Object> email(String value) {
        return Map.of("type", "email", "value", value);
    }

    private Map<String, Object> get(String key, String id) {
        return send(HttpRequest.GET("/v1/customers/" + id), key).body();
    }

    private String create(String key, Map<String, Object> body) {
        return (String) upsert(key, body).get("id");
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void theConsentStateIsTheLatestEventByTimeWhateverTheArrivalOrderOrSource() {
        String key = newTenantKey("write");
        String id = create(key, Map.of("identifiers", List.of(email("c@shop.ru"))));
        // arrival order differs from event time: the later withdrawal arrives first
        send(HttpRequest.POST("/v1/customers/" + id + "/consents", Map.of("channel", "email", "status", "withdrawn",
                "at", "2024-03-01T10:00:00Z", "source", "INSTORE", "evidence", "till receipt 42")), key);
        send(HttpRequest.POST("/v1/customers/" + id + "/consents", Map.of("channel", "email", "status", "granted",
                "at", "2024-02-01T10:00:00Z", "source", "WEBSITE", "evidence", "form-17")), key);
        send(HttpRequest.POST("/v1/customers/" + id + "/consents", Map.of("channel", "sms", "status", "granted",
                "at", "2024-01-01T10:00:00Z", "source", "MOBILE_APP")), key);
        send(HttpRequest.POST("/v1/customers/" + id + "/consents", Map.of("channel", "sms", "status", "withdrawn",
                "at", "2024-01-02T10:00:00Z", "source", "WEBSITE")), key);
        HttpResponse<Map<String, Object>> recorded = send(HttpRequest.POST("/v1/customers/" + id + "/consents",
                Map.of("channel", "sms", "status", "granted", "at", "2024-01-03T10:00:00Z", "source", "INSTORE")), key);

        // a consent write answers with the customer document (API.md), its ETag the new version
        assertThat(recorded.getStatus().getCode()).isEqualTo(201);
        assertThat(recorded.body()).containsEntry("id", id).containsKey("identifiers");
        assertThat(map(map(recorded.body().get("consents")).get("sms"))).containsEntry("status", "granted");
        assertThat(recorded.header("ETag")).isEqualTo("\"" + recorded.body().get("version") + "\"");
        Map<String, Object> ledger = send(HttpRequest.GET("/v1/customers/" + id + "/consents"), key).body();

        Map<String, Object> current = map(ledger.get("current"));
        assertThat(map(current.get("email"))).containsEntry("status", "withdrawn").containsEntry("source", "INSTORE");
        assertThat(map(current.get("sms"))).containsEntry("status", "granted").containsEntry("source", "INSTORE");
        assertThat((List<?>) ledger.get("history")).hasSize(5);
        assertThat(map(get(key, id).get("consents")).get("email").toString()).contains("withdrawn");
        // consents listed by current state
        Map<String, Object> granted = send(HttpRequest.GET("/v1/customers?consent=sms"), key).body();
        Map<String, Object> notGranted = send(HttpRequest.GET("/v1/customers?consent=email"), key).body();
        assertThat((List<?>) granted.get("items")).hasSize(1);
        assertThat((List<?>) notGranted.get("items")).isEmpty();
        problem(HttpRequest.POST("/v1/customers/" + id + "/consents", Map.of("channel", "fax", "status", "granted"))
                .bearerAuth(key), 422);
        problem(HttpRequest.PATCH("/v1/customers/" + id, Map.of("consents", new LinkedHashMap<>() {{
            put("email", null);
        }})).contentType("application/merge-patch+json").bearerAuth(key), 422);
    }

    @Test
    void ifMatchComparesStronglyTakesAListAndRefusesWhatIsNoEntityTag() {
        String key = newTenantKey("write");
        String id = create(key, Map.of("identifiers", List.of(email("im@shop.ru"))));
        java.util.function.BiFunction<String, Integer, Map<String, Object>> patch = (ifMatch, status) -> problem(
                HttpRequest.PATCH("/v1/customers/" + id, Map.of("tags", List.of("x"))).header("If-Match", ifMatch)
                        .contentType("application/merge-patch+json").bearerAuth(key), status);

        // a weak tag matched; RFC 9110 compares If-Match strongly
        assertThat(patch.apply("W/\"1\"", 412).get("detail").toString()).doesNotContain("-1");
        // a tag that is none of ours: no internal placeholder version in the answer
        assertThat(patch.apply("\"abc\"", 412).get("detail").toString()).doesNotContain("-1")
                .contains("version 1");
        // no entity tag at all, or several versions: the request is malformed
        assertThat(patch.apply("abc", 400).toString()).contains("If-Match");
        assertThat(patch.apply("\"1\", \"2\"", 400).toString()).contains("If-Match");
        // byte for byte: "+1" and "01" are not "1" (both matched)
        patch.apply("\"+1\"", 412);
        patch.apply("\"01\"", 412);
        // a long run of blanks before a bad character: the backtracking parse took minutes near the header limit
        patch.apply("\"1\"" + " ".repeat(4000) + "x", 400);
        // a list holding the current tag matches (was a 412), with an empty element and a comma inside a tag
        HttpResponse<Map<String, Object>> done = send(HttpRequest.PATCH("/v1/customers/" + id,
                        Map.of("tags", List.of("x"))).header("If-Match", "W/\"7\", , \"1\", \"a,b\"")
                .contentType("application/merge-patch+json"), key);
        assertThat(done.body()).containsEntry("version", 2);
    }

    @Test
    void aPushTokenBelongsToOneCustomerAndMovesWhenSentForAnother() {
        String key = newTenantKey("write");
        Map<String, Object> token = Map.of("provider", "fcm", "token", "tok-123", "applicationId", "app",
                "fcmProjectId", "proj");
        String a = create(key, Map.of("identifiers", List.of(email("a@shop.ru")), "pushSubscriptions", List.of(token)));
        String b = create(key, Map.of("identifiers", List.of(email("b@shop.ru"))));
        assertThat(get(key, a).get("pushSubscriptions").toString()).contains("tok-123");

        upsert(key, Map.of("identifiers", List.of(email("b@shop.ru")), "pushSubscriptions", List.of(
                Map.of("provider", "fcm", "token", "tok-123", "applicationId", "app2"))));

        assertThat(get(key, b).get("pushSubscriptions").toString()).contains("tok-123", "app2");
        assertThat((List<?>) get(key, a).get("pushSubscriptions")).isEmpty();
        // losing the device is a change of a: a new version (a write expecting the old one is refused) and history
        assertThat(get(key, a)).containsEntry("version", 2);
        problem(HttpRequest.PATCH("/v1/customers/" + a, Map.of("tags", List.of("x"))).header("If-Match", "\"1\"")
                .contentType("application/merge-patch+json").bearerAuth(key), 412);
        List<?> history = (List<?>) send(HttpRequest.GET("/v1/customers/" + a + "/history"), key).body().get("items");
        assertThat(strings(map(history.get(history.size() - 1)).get("fields"))).containsExactly("pushSubscriptions");
        // the same through a batch, whose records are otherwise written together
        Map<String, Object> other = Map.of("provider", "apns", "token", "tok-456", "applicationId", "app");
        String c = create(key, Map.of("identifiers", List.of(email("c@shop.ru")), "pushSubscriptions",
                List.of(other)));
        send(HttpRequest.POST("/v1/customers:batch", Map.of("customers", List.of(
                Map.of("identifiers", List.of(email("d@shop.ru")), "pushSubscriptions", List.of(other)),
                Map.of("identifiers", List.of(email("e@shop.ru")))))), key);
        assertThat(get(key, c)).containsEntry("version", 2).containsEntry("pushSubscriptions", List.of());
        problem(HttpRequest.POST("/v1/customers", Map.of("identifiers", List.of(email("c@shop.ru")),
                "pushSubscriptions", List.of(Map.of("provider", "pigeon", "token", "x")))).bearerAuth(key), 422);
    }

    @Test
    void extendedFieldsMustBeDeclaredAndWellTyped() {
        String key = newTenantKey("admin");
        Map<String, Object> undeclared = problem(HttpRequest.POST("/v1/customers", Map.of(
                "identifiers", List.of(email("e@shop.ru")), "extendedFields", Map.of("preferred_store", "msk-1")))
                .bearerAuth(key), 422);
        assertThat(undeclared.get("errors").toString()).contains("/extendedFields/preferred_store",
                "undeclared-extended-field");

        send(HttpRequest.PUT("/v1/extended-fields/preferred_store", Map.of("type", "enum",
                "allowedValues", List.of("msk-1", "spb-1"))), key);
        send(HttpRequest.PUT("/v1/extended-fields/visits", Map.of("type", "integer")), key);
        Map<String, Object> illTyped = problem(HttpRequest.POST("/v1/customers", Map.of(
                "identifiers", List.of(email("e@shop.ru")),
                "extendedFields", Map.of("preferred_store", "kzn-1", "visits", "many"))).bearerAuth(key), 422);
        assertThat(illTyped.get("errors").toString()).contains("/extendedFields/preferred_store",
                "/extendedFields/visits");

        Map<String, Object> ok = upsert(key, Map.of("identifiers", List.of(email("e@shop.ru")),
                "extendedFields", Map.of("preferred_store", "msk-1", "visits", 12)));
        assertThat(map(ok.get("extendedFields"))).containsEntry("preferred_store", "msk-1").containsEntry("visits", 12);
        problem(HttpRequest.PUT("/v1/extended-fields/colour", Map.of("type", "enum")).bearerAuth(key), 422);
        assertThat(send(HttpRequest.GET("/v1/extended-fields"), key).body().toString()).contains("preferred_store");
    }

    @Test
    void aNullProfileInAMergePatchRemovesEveryProfileField() {
        String key = newTenantKey("write");
        String id = create(key, Map.of("identifiers", List.of(email("np@shop.ru")),
                "profile", Map.of("firstName", "Anna", "city", "Kazan"), "tags", List.of("vip")));
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("profile", null);

        HttpResponse<Map<String, Object>> patched = send(HttpRequest.PATCH("/v1/customers/" + id, patch)
                .contentType("application/merge-patch+json"), key);

        // it was answered 200 with the profile untouched and the version unchanged
        assertThat(patched.body()).containsEntry("profile", Map.of()).containsEntry("version", 2);
        assertThat(strings(patched.body().get("tags"))).containsExactly("vip");
    }

    @Test
    void membershipsAttributesHouseholdLoyaltyAndGroupingAreStoredAndEdited() {
        String key = newTenantKey("admin");
        send(HttpRequest.PUT("/v1/loyalty-programmes/7", Map.of("name", "Club", "tiers", List.of(
                Map.of("number", 1, "name", "Silver"), Map.of("number", 2, "name", "Gold")))), key);
        String id = create(key, Map.of("identifiers", List.of(email("m@shop.ru")),
                "tags", List.of("vip", "new"), "mailingLists", List.of("newsletter"),
                "attributes", Map.of("customDataName1", "value", "shoeSize", "41"),
                "children", List.of(Map.of("gender", "m", "birthDate", "2018-03-01")),
                "vehicles", List.of(Map.of("brand", "Lada", "model", "Vesta", "vds", "TM7N243E4G0BJG978")),
                "loyalty", Map.of("loyaltyId", "000001234567", "status", "gold", "bonuses", 1200,
                        "enrolments", List.of(Map.of("programmeId", 7, "tierNumber", 1, "points", 100))),
                "canonicalId", "person-42"));

        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("tags", Map.of("add", List.of("returning"), "remove", List.of("new")));
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("shoeSize", null);
        attributes.put("colour", "blue");
        patch.put("attributes", attributes);
        patch.put("loyalty", Map.of("bonuses", 1500));
        Map<String, Object> patched = send(HttpRequest.PATCH("/v1/customers/" + id, patch)
                .contentType("application/merge-patch+json"), key).body();

        assertThat(strings(patched.get("tags"))).containsExactlyInAnyOrder("vip", "returning");
        assertThat(map(patched.get("attributes"))).containsEntry("customDataName1", "value")
                .containsEntry("colour", "blue").doesNotContainKey("shoeSize");
        assertThat(map(patched.get("loyalty"))).containsEntry("bonuses", 1500).containsEntry("status", "gold");
        assertThat(patched.get("children").toString()).contains("2018-03-01");
        assertThat(patched.get("vehicles").toString()).contains("Lada");
        assertThat(patched).containsEntry("canonicalId", "person-42");
        assertThat((List<?>) send(HttpRequest.GET("/v1/customers?canonicalId=person-42"), key).body().get("items"))
                .hasSize(1);
        assertThat((List<?>) send(HttpRequest.GET("/v1/customers?tag=new"), key).body().get("items")).isEmpty();
        assertThat((List<?>) send(HttpRequest.GET("/v1/customers?tag=returning&mailingList=newsletter"), key).body()
                .get("items")).hasSize(1);
        // a misspelt or repeated filter is refused: it would have listed everyone, or one of them
        assertThat(problem(HttpRequest.GET("/v1/customers?mailinglist=newsletter").bearerAuth(key), 422)
                .get("errors").toString()).contains("/mailinglist", "unknown-parameter");
        assertThat(problem(HttpRequest.GET("/v1/customers?tag=vip&tag=returning").bearerAuth(key), 422)
                .get("errors").toString()).contains("/tag", "repeated-parameter");
        // shop_id is a credential only beside shop_secret; alone it would be a filter that filters nothing
        assertThat(problem(HttpRequest.GET("/v1/customers?shop_id=shop-42").bearerAuth(key), 422)
                .get("errors").toString()).contains("/shop_id", "unknown-parameter");

        Map<String, Object> unknownProgramme = problem(HttpRequest.PATCH("/v1/customers/" + id, Map.of("loyalty",
                Map.of("enrolments", List.of(Map.of("programmeId", 99))))).contentType("application/merge-patch+json")
                .bearerAuth(key), 422);
        assertThat(unknownProgramme.get("errors").toString()).contains("/loyalty/enrolments/0/programmeId");
        Map<String, Object> unknownTier = problem(HttpRequest.PATCH("/v1/customers/" + id, Map.of("loyalty",
                Map.of("enrolments", List.of(Map.of("programmeId", 7, "tierNumber", 5))))).contentType(
                "application/merge-patch+json").bearerAuth(key), 422);
        assertThat(unknownTier.get("errors").toString()).contains("/loyalty/enrolments/0/tierNumber");

        Map<String, Object> depersonalized = send(HttpRequest.GET("/v1/customers/" + id + "?view=depersonalized"),
                key).body();
        assertThat(depersonalized.toString()).doesNotContain("m@shop.ru", "000001234567");
        assertThat(depersonalized.get("children").toString()).contains("2018-03-01");
    }

    @Test
    void theHistoryRecordsWhoWhenAndWhichFieldsButNoValues() {
        String key = newTenantKey("write");
        String id = create(key, Map.of("identifiers", List.of(email("h@shop.ru")), "profile",
                Map.of("firstName", "Hanna")));
        send(HttpRequest.PATCH("/v1/customers/" + id, Map.of("profile", Map.of("city", "Turku"), "tags",
                List.of("vip"))).contentType("application/merge-patch+json"), key);

        Map<String, Object> history = send(HttpRequest.GET("/v1/customers/" + id + "/history"), key).body();

        List<?> items = (List<?>) history.get("items");
        assertThat(items).hasSize(2);
        assertThat(map(items.get(0))).containsEntry("kind", "created").containsEntry("source", "API")
                .containsKey("actor");
        assertThat(strings(map(items.get(1)).get("fields"))).containsExactlyInAnyOrder("profile.city", "tags");
        assertThat(history.toString()).doesNotContain("Turku", "Hanna", "h@shop.ru");
    }

    @Test
    void aMergeKeepsBothConsentLedgersAndAWithdrawalIsNeverLost() {
        String key = newTenantKey("admin");
        String a = create(key, Map.of("identifiers", List.of(email("a@shop.ru")), "tags", List.of("a"),
                "attributes", Map.of("size", "M", "colour", "red")));
        String b = create(key, Map.of("identifiers", List.of(email("b@shop.ru")), "tags", List.of("b"),
                "attributes", Map.of("size", "L", "fit", "slim")));
        send(HttpRequest.POST("/v1/customers/" + a + "/consents", Map.of("channel", "email", "status", "granted",
                "at", "2024-01-01T00:00:00Z")), key);
        send(HttpRequest.POST("/v1/customers/" + b + "/consents", Map.of("channel", "email", "status", "withdrawn",
                "at", "2024-02-01T00:00:00Z")), key);

        Map<String, Object> merged = upsert(key, Map.of("identifiers", List.of(email("a@shop.ru"),
                email("b@shop.ru"))));

        assertThat(merged).containsEntry("outcome", "merged");
        assertThat(map(map(merged.get("consents")).get("email"))).containsEntry("status", "withdrawn");
        assertThat(strings(merged.get("tags"))).containsExactlyInAnyOrder("a", "b");
        assertThat(map(merged.get("attributes"))).containsEntry("size", "M").containsEntry("colour", "red")
                .containsEntry("fit", "slim");
        String survivor = (String) merged.get("id");
        assertThat((List<?>) send(HttpRequest.GET("/v1/customers/" + survivor + "/consents"), key).body()
                .get("history")).hasSize(2);
        assertThat(send(HttpRequest.GET("/v1/customers/" + survivor + "/history"), key).body().toString())
                .contains("merged");
    }

    @Test
    void aDeviceSentForThreeCustomersAtOnceEndsWithOneAndEveryMoveIsInBothHistories() throws Exception {
        String key = newTenantKey("write");
        List<String> emails = List.of("m1@shop.ru", "m2@shop.ru", "m3@shop.ru");
        List<String> ids = new ArrayList<>();
        emails.forEach(address -> ids.add(create(key, Map.of("identifiers", List.of(email(address))))));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int n = i;
            // the city changes on every write, so the writer's history entry is told from the loser's
            writes.add(pool.submit(() -> upsert(key, Map.of("identifiers", List.of(email(emails.get(n % 3))),
                    "profile", Map.of("city", "City " + n), "pushSubscriptions",
                    List.of(Map.of("provider", "fcm", "token", "tok-race"))))));
        }
        for (Future<?> write : writes) {
            write.get();
        }
        pool.shutdown();

        DeviceMoves moves = deviceMoves(key, ids);
        assertThat(moves.holdings()).isEqualTo(1);
        assertThat(moves.gained()).isGreaterThan(1);
        // the first write gave the device to someone; each one after that took it from someone
        assertThat(moves.lost()).isEqualTo(moves.gained() - 1);
    }

    @Test
    void newDevicesSentByBatchesAndSingleWritesAtOnceEndWithOneHolderAndEveryMoveInBothHistories()
            throws Exception {
        String key = newTenantKey("write");
        int devicesPerBatch = 6;
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            ids.add(create(key, Map.of("identifiers", List.of(email("s" + i + "@shop.ru")))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            int n = i;
            if (n % 2 == 0) {
                // a batch of new customers, each with a device nobody holds yet (written together, in one chunk)
                writes.add(pool.submit(() -> {
                    List<Map<String, Object>> records = new ArrayList<>();
                    for (int r = 0; r < devicesPerBatch; r++) {
                        records.add(Map.of("identifiers", List.of(email("b" + n + "-" + r + "@shop.ru")),
                                "pushSubscriptions", List.of(Map.of("provider", "fcm", "token", "d-" + n + "-" + r))));
                    }
                    for (Object result : (List<?>) send(HttpRequest.POST("/v1/customers:batch",
                            Map.of("customers", records)), key).body().get("results")) {
                        ids.add((String) map(result).get("id"));
                    }
                    return null;
                }));
            } else {
                // a single write sending one of the batch's devices for an existing customer, at the same time
                writes.add(pool.submit(() -> upsert(key, Map.of("identifiers", List.of(email("s" + n % 4 + "@shop.ru")),
                        "profile", Map.of("city", "City " + n), "pushSubscriptions",
                        List.of(Map.of("provider", "fcm", "token", "d-" + (n - 1) + "-" + n % devicesPerBatch))))));
            }
        }
        for (Future<?> write : writes) {
            write.get();
        }
        pool.shutdown();

        DeviceMoves moves = deviceMoves(key, new HashSet<>(ids));
        assertThat(moves.holdings()).as("each device held once").isEqualTo(moves.held().size());
        assertThat(moves.held()).hasSize(40 * devicesPerBatch);
        // each device's first holder took it from nobody; every later one took it from someone, who says so
        assertThat(moves.lost()).isEqualTo(moves.gained() - moves.held().size());
    }

    /**
     * What these customers hold and what their histories say of devices: {@code holdings} devices held in all,
     * {@code held} their tokens, entries that gained one (beside other fields, as a write sends them) and entries
     * that only lost one (another customer took it). Checks one history entry per version on the way.
     */
    private record DeviceMoves(int holdings, Set<String> held, int gained, int lost) {
    }

    private DeviceMoves deviceMoves(String key, java.util.Collection<String> ids) {
        Set<String> held = new HashSet<>();
        int holdings = 0;
        int gained = 0;
        int lost = 0;
        for (String id : ids) {
            Map<String, Object> customer = get(key, id);
            for (Object device : (List<?>) customer.get("pushSubscriptions")) {
                holdings++;
                held.add((String) map(device).get("token"));
            }
            List<?> history = (List<?>) send(HttpRequest.GET("/v1/customers/" + id + "/history"), key).body()
                    .get("items");
            assertThat(history).as("one history entry per version").hasSize((Integer) customer.get("version"));
            for (Object entry : history) {
                List<String> fields = strings(map(entry).get("fields"));
                if (fields.equals(List.of("pushSubscriptions"))) {
                    lost++;
                } else if (fields.contains("pushSubscriptions")) {
                    gained++;
                }
            }
        }
        return new DeviceMoves(holdings, held, gained, lost);
    }

    @Test
    void pagingByTagReturnsEveryCustomerExactlyOnceWhileOthersAreBeingAdded() throws Exception {
        String key = newTenantKey("write");
        int existing = 2500;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> creations = new ArrayList<>();
        for (int i = 0; i < existing; i++) {
            int n = i;
            creations.add(pool.submit(() -> upsert(key, Map.of("identifiers", List.of(email("p" + n + "@shop.ru")),
                    "tags", List.of("paged")))));
        }
        for (Future<?> creation : creations) {
            creation.get();
        }
        AtomicBoolean paging = new AtomicBoolean(true);
        Future<Integer> writer = pool.submit(() -> {
            int added = 0;
            while (paging.get()) {
                upsert(key, Map.of("identifiers", List.of(email("late" + added + "@shop.ru")), "tags",
                        List.of("paged")));
                added++;
            }
            return added;
        });

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = send(HttpRequest.GET("/v1/customers?tag=paged&limit=250"
                    + (cursor == null ? "" : "&cursor=" + cursor)), key).body();
            for (Object item : (List<?>) page.get("items")) {
                seen.add((String) map(item).get("id"));
            }
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        paging.set(false);
        int added = writer.get();
        pool.shutdown();

        Set<String> unique = new HashSet<>(seen);
        assertThat(unique).as("no customer twice").hasSize(seen.size());
        assertThat(seen.size()).as("every customer that existed before paging began")
                .isBetween(existing, existing + added);
        problem(HttpRequest.GET("/v1/customers?limit=1001").bearerAuth(key), 422);
    }
}
