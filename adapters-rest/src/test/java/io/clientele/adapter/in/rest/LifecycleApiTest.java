package io.clientele.adapter.in.rest;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Delete, forget and export (issue: lifecycle) on a real MariaDB. */
@MicronautTest(transactional = false)
class LifecycleApiTest extends ApiTest {


    private static Map<String, Object> email(String value) {
        return Map.of("type", "email", "value", value);
    }

    @Test
    void forgettingErasesEveryPersonalDatumOfTheCustomerAndOfWhatWasMergedIntoIt() throws Exception {
        String key = newTenantKey("admin");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String emailA = "forget-a-" + unique + "@shop.ru";
        String emailB = "forget-b-" + unique + "@shop.ru";
        String phone = "+7916" + (1000000 + Math.abs(unique.hashCode() % 8999999));
        String firstName = "Firstname" + unique;
        String street = "Street " + unique;
        String token = "pushtoken-" + unique;
        String evidence = "evidence-" + unique;
        String attribute = "attr-" + unique;
        String a = (String) upsert(key, Map.of("identifiers", List.of(email(emailA)),
                "profile", Map.of("firstName", firstName, "streetAddress", street),
                "pushSubscriptions", List.of(Map.of("provider", "fcm", "token", token)),
                "attributes", Map.of("note", attribute), "tags", List.of("tag-" + unique))).get("id");
        String b = (String) upsert(key, Map.of("identifiers", List.of(email(emailB),
                Map.of("type", "phone", "value", phone)), "profile", Map.of("lastName", "Lastname" + unique))).get("id");
        send(HttpRequest.POST("/v1/customers/" + a + "/consents", Map.of("channel", "email", "status", "granted",
                "evidence", evidence)), key);
        String mergeId = (String) send(HttpRequest.POST("/v1/merges", Map.of("survivorId", a, "absorbedId", b)), key)
                .body().get("id");

        Map<String, Object> receipt = send(HttpRequest.POST("/v1/customers/" + b + "/forget", Map.of()), key).body();

        assertThat(receipt).containsEntry("customerId", a).containsEntry("state", "FORGOTTEN");
        @SuppressWarnings("unchecked")
        List<String> erasedIds = (List<String>) receipt.get("erasedCustomerIds");
        assertThat(erasedIds).containsExactlyInAnyOrder(a, b);
        assertThat(receipt.toString()).doesNotContain(emailA, emailB, firstName);
        for (String id : List.of(a, b)) {
            problem(HttpRequest.GET("/v1/customers/" + id).bearerAuth(key), 404);
            problem(HttpRequest.GET("/v1/customers/" + id + "/export").bearerAuth(key), 404);
            problem(HttpRequest.POST("/v1/customers/" + id + "/forget", Map.of()).bearerAuth(key), 404);
        }
        problem(HttpRequest.GET("/v1/customers/lookup?type=email&value=" + emailA.replace("@", "%40")).bearerAuth(key),
                404);
        problem(HttpRequest.POST("/v1/merges/" + mergeId + "/revert", Map.of()).bearerAuth(key), 409);

        List<String> found = searchEveryTextColumn(List.of(emailA, emailB, phone, firstName, street, token, evidence,
                attribute, "Lastname" + unique, "tag-" + unique));
        assertThat(found).as("personal values left in the database").isEmpty();

        Map<String, Object> again = upsert(key, Map.of("identifiers", List.of(email(emailA))));
        assertThat(again).containsEntry("outcome", "created");
        assertThat(again.get("id")).isNotIn(a, b);
        assertThat(again.get("profile").toString()).doesNotContain(firstName);
    }

    @Test
    void forgettingAlsoErasesAnswersKeptForRepeatsAndBeforeImagesOfRevertedMerges() throws Exception {
        String key = newTenantKey("admin");
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String emailB = "forget-rb-" + unique + "@shop.ru";
        String nameB = "Lastname" + unique;
        Map<String, Object> bodyB = Map.of("identifiers", List.of(email(emailB)), "profile", Map.of("lastName", nameB));
        // an idempotent write: its answer, which holds B's data, is kept for repeats
        String b = (String) send(HttpRequest.POST("/v1/customers", bodyB).header("Idempotency-Key", "b-" + unique), key)
                .body().get("id");
        String a = (String) upsert(key, Map.of("identifiers", List.of(email("forget-ra-" + unique + "@shop.ru"))))
                .get("id");
        String c = (String) upsert(key, Map.of("identifiers", List.of(email("forget-rc-" + unique + "@shop.ru"))))
                .get("id");
        // A absorbs B, then C: the second merge's before-image of A holds B's data; both reverted, B is alone again
        String first = (String) send(HttpRequest.POST("/v1/merges", Map.of("survivorId", a, "absorbedId", b)), key)
                .body().get("id");
        String second = (String) send(HttpRequest.POST("/v1/merges", Map.of("survivorId", a, "absorbedId", c)), key)
                .body().get("id");
        // an idempotent write about A while it holds B's e-mail: the answer kept for it names A, and holds B's data
        send(HttpRequest.POST("/v1/customers", Map.of("identifiers", List.of(email("forget-ra-" + unique
                + "@shop.ru")))).header("Idempotency-Key", "a-" + unique), key);
        send(HttpRequest.POST("/v1/merges/" + second + "/revert", Map.of()), key);
        send(HttpRequest.POST("/v1/merges/" + first + "/revert", Map.of()), key);

        Map<String, Object> receipt = send(HttpRequest.POST("/v1/customers/" + b + "/forget", Map.of()), key).body();

        assertThat(receipt).containsEntry("customerId", b);
        assertThat(searchEveryTextColumn(List.of(emailB, nameB))).as("B's values left in the database").isEmpty();
        // the repeat of the idempotent write runs again: a new, unrelated customer
        Map<String, Object> repeated = send(HttpRequest.POST("/v1/customers", bodyB)
                .header("Idempotency-Key", "b-" + unique), key).body();
        assertThat(repeated).containsEntry("outcome", "created");
        assertThat(repeated.get("id")).isNotEqualTo(b);
        assertThat(send(HttpRequest.GET("/v1/customers/" + a), key).body().toString()).doesNotContain(emailB);
    }

    @Test
    void aMergeIsNotRevertedOnceAnotherCustomerTookADeviceFromTheSurvivor() {
        String key = newTenantKey("admin");
        Map<String, Object> device = Map.of("provider", "fcm", "token", "tok-rev");
        String a = (String) upsert(key, Map.of("identifiers", List.of(email("ra@shop.ru")))).get("id");
        String b = (String) upsert(key, Map.of("identifiers", List.of(email("rb@shop.ru")),
                "pushSubscriptions", List.of(device))).get("id");
        String mergeId = (String) send(HttpRequest.POST("/v1/merges", Map.of("survivorId", a, "absorbedId", b)), key)
                .body().get("id");
        String c = (String) upsert(key, Map.of("identifiers", List.of(email("rc@shop.ru")),
                "pushSubscriptions", List.of(device))).get("id");

        // a revert would give b the device back, taking it from c without a word
        assertThat((String) problem(HttpRequest.POST("/v1/merges/" + mergeId + "/revert", Map.of()).bearerAuth(key),
                409).get("detail")).contains("changed since the merge");
        assertThat(send(HttpRequest.GET("/v1/customers/" + c), key).body().get("pushSubscriptions").toString())
                .contains("tok-rev");
    }

    @Test
    void aDeletedCustomerIsGoneForGoodAndItsIdentifiersStayReserved() {
        String key = newTenantKey("admin");
        String id = (String) upsert(key, Map.of("identifiers", List.of(email("deleted@shop.ru")),
                "tags", List.of("gone"))).get("id");
        problem(HttpRequest.DELETE("/v1/customers/" + id).header(HttpHeaders.IF_MATCH, "\"7\"").bearerAuth(key), 412);

        HttpResponse<Map<String, Object>> deleted = send(HttpRequest.DELETE("/v1/customers/" + id), key);

        assertThat(deleted.getStatus().getCode()).isEqualTo(204);
        problem(HttpRequest.GET("/v1/customers/" + id).bearerAuth(key), 404);
        problem(HttpRequest.GET("/v1/customers/lookup?type=email&value=deleted%40shop.ru").bearerAuth(key), 404);
        assertThat((List<?>) send(HttpRequest.GET("/v1/customers?tag=gone"), key).body().get("items")).isEmpty();
        problem(HttpRequest.PATCH("/v1/customers/" + id, Map.of("profile", Map.of("city", "X")))
                .contentType("application/merge-patch+json").bearerAuth(key), 404);
        Map<String, Object> reserved = problem(HttpRequest.POST("/v1/customers", Map.of("identifiers",
                List.of(email("DELETED@shop.ru")))).bearerAuth(key), 409);
        assertThat(reserved).containsEntry("code", "identifier-reserved");
        problem(HttpRequest.DELETE("/v1/customers/" + id).bearerAuth(key), 404);
        // only forgetting releases the identifiers
        send(HttpRequest.POST("/v1/customers/" + id + "/forget", Map.of()), key);
        assertThat(upsert(key, Map.of("identifiers", List.of(email("deleted@shop.ru"))))).containsEntry("outcome",
                "created");
        String writeKey = issueKey(newTenantKey("write", "RU", "MERGE")[0], "write");
        problem(HttpRequest.DELETE("/v1/customers/" + id).bearerAuth(writeKey), 403);
    }

    @Test
    void theExportHoldsEveryValueThatWasWritten() {
        String key = newTenantKey("admin");
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("identifiers", List.of(email("export@shop.ru"), Map.of("type", "phone", "value", "+79161234567",
                "source", "INSTORE")));
        body.put("profile", Map.of("firstName", "Exa", "city", "Oulu"));
        body.put("consents", Map.of("sms", Map.of("status", "granted", "evidence", "form-9")));
        body.put("pushSubscriptions", List.of(Map.of("provider", "apns", "token", "apns-tok", "devEnvironment", true)));
        body.put("attributes", Map.of("shoe", "42"));
        body.put("tags", List.of("vip"));
        body.put("mailingLists", List.of("news"));
        body.put("children", List.of(Map.of("gender", "f", "birthDate", "2019-01-01")));
        body.put("vehicles", List.of(Map.of("brand", "Volvo", "vin", "YV1ZZZ")));
        body.put("loyalty", Map.of("loyaltyId", "L-77", "status", "silver"));
        body.put("canonicalId", "group-7");
        String id = (String) upsert(key, body).get("id");
        String other = (String) upsert(key, Map.of("identifiers", List.of(email("other@shop.ru")))).get("id");
        send(HttpRequest.POST("/v1/merges", Map.of("survivorId", id, "absorbedId", other)), key);

        Map<String, Object> export = send(HttpRequest.GET("/v1/customers/" + id + "/export"), key).body();

        String text = export.toString();
        assertThat(text).contains("export@shop.ru", "+79161234567", "INSTORE", "Exa", "Oulu", "form-9", "apns-tok",
                "shoe=42", "vip", "news", "2019-01-01", "Volvo", "YV1ZZZ", "L-77", "silver", "group-7",
                "other@shop.ru");
        assertThat((List<?>) export.get("merges")).hasSize(1);
        assertThat((List<?>) export.get("history")).isNotEmpty();
        assertThat(export.keySet()).contains("customer", "consentLedger", "history", "merges");
        // both histories are kept (DOMAIN.md): the absorbed record's own changes come with the survivor's
        assertThat(historyOf(export)).contains(other + " created", other + " absorbed", id + " created");
        Map<String, Object> history = send(HttpRequest.GET("/v1/customers/" + id + "/history"), key).body();
        assertThat(historyOf(history.get("items"))).contains(other + " created", id + " merged");
    }

    @Test
    @SuppressWarnings("unchecked")
    void historyAndExportOfACustomerThatAbsorbedMergeChainsHoldEveryRecordOnceInTimeOrder() {
        String key = newTenantKey("admin");
        String survivor = (String) upsert(key, Map.of("identifiers", List.of(email("chain-s@shop.ru")))).get("id");
        List<String> absorbed = new ArrayList<>();
        List<String> mergeIds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = (String) upsert(key, Map.of("identifiers", List.of(email("chain-" + i + "@shop.ru")))).get("id");
            absorbed.add(id);
            if (i >= 4) {
                // two records merged into the fourth before it is merged itself: a chain two steps deep
                mergeIds.add((String) send(HttpRequest.POST("/v1/merges", Map.of("survivorId", absorbed.get(3),
                        "absorbedId", id)), key).body().get("id"));
            }
        }
        for (int i = 0; i < 4; i++) {
            mergeIds.add((String) send(HttpRequest.POST("/v1/merges", Map.of("survivorId", survivor,
                    "absorbedId", absorbed.get(i))), key).body().get("id"));
        }
        // a merge into the survivor that was reverted: the record is out of the closure, the merge is the survivor's
        String gone = (String) upsert(key, Map.of("identifiers", List.of(email("chain-gone@shop.ru")))).get("id");
        String reverted = (String) send(HttpRequest.POST("/v1/merges", Map.of("survivorId", survivor,
                "absorbedId", gone)), key).body().get("id");
        send(HttpRequest.POST("/v1/merges/" + reverted + "/revert", Map.of()), key);
        mergeIds.add(reverted);

        Map<String, Object> export = send(HttpRequest.GET("/v1/customers/" + survivor + "/export"), key).body();

        List<Map<String, Object>> merges = (List<Map<String, Object>>) export.get("merges");
        assertThat(merges).extracting(merge -> merge.get("id")).containsExactlyElementsOf(mergeIds);
        List<String> history = historyOf(export);
        for (String id : absorbed) {
            assertThat(history).as("the records merged in, directly or through a chain").contains(id + " created")
                    .containsOnlyOnce(id + " absorbed");
        }
        assertThat(history).doesNotContain(gone + " created");
        List<String> times = ((List<Map<String, Object>>) export.get("history")).stream()
                .map(entry -> (String) entry.get("at")).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.comparing(java.time.Instant::parse));
        Map<String, Object> read = send(HttpRequest.GET("/v1/customers/" + survivor + "/history"), key).body();
        assertThat(historyOf(read.get("items"))).isEqualTo(history);
    }

    @SuppressWarnings("unchecked")
    private static List<String> historyOf(Object historyOrExport) {
        Object items = historyOrExport instanceof Map<?, ?> export ? export.get("history") : historyOrExport;
        return ((List<Map<String, Object>>) items).stream().map(e -> e.get("customerId") + " " + e.get("kind"))
                .toList();
    }

    /** Every row of every text-like column of every table of the test database, searched for each value. */
    private List<String> searchEveryTextColumn(List<String> values) throws Exception {
        List<String> found = new ArrayList<>();
        Map<String, Object> db = io.clientele.adapter.out.persistence.testing.TestDatabase.properties();
        try (Connection connection = java.sql.DriverManager.getConnection((String) db.get("datasources.default.url"),
                (String) db.get("datasources.default.username"), (String) db.get("datasources.default.password"))) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT table_name, column_name FROM information_schema.columns
                    WHERE table_schema = DATABASE()
                      AND data_type IN ('char', 'varchar', 'text', 'mediumtext', 'longtext', 'json', 'tinytext')""");
                 ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    columns.add(new String[]{result.getString(1), result.getString(2)});
                }
            }
            assertThat(columns).as("the search must cover the customer tables").isNotEmpty();
            // one scan per column for all values; only a hit is looked at value by value
            String anyValue = String.join(" OR ", java.util.Collections.nCopies(values.size(), "LOWER(`%s`) LIKE ?"));
            for (String[] column : columns) {
                String where = anyValue.replace("%s", column[1]);
                try (PreparedStatement statement = connection.prepareStatement("SELECT LOWER(`" + column[1]
                        + "`) FROM `" + column[0] + "` WHERE " + where)) {
                    for (int i = 0; i < values.size(); i++) {
                        statement.setString(i + 1, "%" + values.get(i).toLowerCase() + "%");
                    }
                    try (ResultSet result = statement.executeQuery()) {
                        while (result.next()) {
                            String text = result.getString(1);
                            for (String value : values) {
                                if (text != null && text.contains(value.toLowerCase())) {
                                    found.add(column[0] + "." + column[1] + " holds " + value);
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
