package io.clientele.adapter.in.rest;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class CustomerApiTest extends ApiTest {

    private static Map<String, Object> email(String value) {
        return Map.of("type", "email", "value", value);
    }

    private static Map<String, Object> phone(String value) {
        return Map.of("type", "phone", "value", value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void createsReadsAndLooksUpACustomer() {
        String key = newTenantKey("write");
        HttpResponse<Map<String, Object>> created = send(HttpRequest.POST("/v1/customers", Map.of(
                "profile", Map.of("firstName", "Anna", "lastName", "Ivanova", "language", "RU", "country", "ru",
                        "birthDate", "1990-05-17", "boughtSomething", true, "loyaltyType", "loyalty"),
                "identifiers", List.of(email(" Anna@Example.com "), phone("+7 (916) 123-45-67"),
                        Map.of("type", "externalId", "value", "100500", "source", "WEBSITE", "primary", true),
                        Map.of("type", "softLink", "name", "loyalty card", "value", "7700123")))), key);

        assertThat(created.getStatus().getCode()).isEqualTo(201);
        Map<String, Object> document = created.body();
        String id = (String) document.get("id");
        assertThat(created.header(HttpHeaders.LOCATION)).isEqualTo("/v1/customers/" + id);
        assertThat(created.header(HttpHeaders.ETAG)).isEqualTo("\"1\"");
        assertThat(document).containsEntry("outcome", "created").containsEntry("state", "ACTIVE")
                .containsEntry("version", 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> profile = (Map<String, Object>) document.get("profile");
        assertThat(profile).containsEntry("language", "ru").containsEntry("country", "RU")
                .containsEntry("firstName", "Anna").containsEntry("birthDate", "1990-05-17")
                .containsKey("age");
        assertThat(document.get("identifiers").toString()).contains("anna@example.com", "+79161234567",
                "loyalty card", "WEBSITE");

        Map<String, Object> read = send(HttpRequest.GET("/v1/customers/" + id), key).body();
        assertThat(read).containsEntry("id", id).containsEntry("profile", profile);

        Map<String, Object> byEmail = send(HttpRequest.GET("/v1/customers/lookup?type=email&value="
                + encode("ANNA@example.COM")), key).body();
        Map<String, Object> byPhone = send(HttpRequest.GET("/v1/customers/lookup?type=phone&value="
                + encode("89161234567")), key).body();
        Map<String, Object> bySoftLink = send(HttpRequest.GET("/v1/customers/lookup?type=softLink&name="
                + encode("loyalty card") + "&value=7700123"), key).body();
        assertThat(List.of(byEmail.get("id"), byPhone.get("id"), bySoftLink.get("id"))).containsOnly(id);

        Map<String, Object> depersonalized = depersonalized(key, id);
        assertThat(depersonalized).doesNotContainKey("identifiers");
        assertThat(depersonalized.toString()).doesNotContain("Anna", "Ivanova", "anna@example.com");
    }

    private Map<String, Object> depersonalized(String key, String id) {
        return send(HttpRequest.GET("/v1/customers/" + id + "?view=depersonalized"), key).body();
    }

    @Test
    void theDepersonalisedViewLeavesOutAttributesNamedAfterAnIdentifier() {
        String key = newTenantKey("write");
        // how the Capillary dialect keeps a card's details: under the card number
        String id = (String) upsert(key, Map.of("identifiers", List.of(Map.of("type", "externalId", "value",
                "77001234")), "attributes", Map.of("card.77001234.statusLabel", "ACTIVE", "tier", "gold"))).get("id");

        Map<String, Object> full = send(HttpRequest.GET("/v1/customers/" + id), key).body();
        Map<String, Object> depersonalized = depersonalized(key, id);

        assertThat(new java.util.TreeMap<>((Map<?, ?>) full.get("attributes")).toString())
                .isEqualTo("{card.77001234.statusLabel=ACTIVE, tier=gold}");
        assertThat(depersonalized.get("attributes").toString()).isEqualTo("{tier=gold}");
        assertThat(depersonalized.toString()).doesNotContain("77001234");
    }

    @Test
    void theDepersonalisedViewLeavesOutContactDataKeptInAttributesExtendedFieldsAndTheCanonicalId() {
        String key = newTenantKey("admin");
        send(HttpRequest.PUT("/v1/extended-fields/backup_contact", Map.of("type", "string")), key);
        send(HttpRequest.PUT("/v1/extended-fields/shoe_size", Map.of("type", "integer")), key);
        String id = (String) upsert(key, Map.of("identifiers", List.of(Map.of("type", "email", "value",
                "anna.k@example.com")), "profile", Map.of("firstName", "Anna", "lastName", "Karenina"),
                "attributes", Map.of("work_email", "anna.w@corp.example.org", "spouse", "Alexei Karenin",
                        "note", "ask for Anna", "tier", "gold", "since", "2021-05-04"),
                "extendedFields", Map.of("backup_contact", "+7 916 111-22-33", "shoe_size", 38),
                "canonicalId", "anna.k@example.com")).get("id");

        Map<String, Object> depersonalized = depersonalized(key, id);

        assertThat(new java.util.TreeMap<>((Map<?, ?>) depersonalized.get("attributes")).toString())
                .isEqualTo("{since=2021-05-04, spouse=Alexei Karenin, tier=gold}");
        assertThat(depersonalized.get("extendedFields").toString()).isEqualTo("{shoe_size=38}");
        assertThat(depersonalized).doesNotContainKey("canonicalId");
        // the phone as sent and as stored ("916" alone also matched a timestamp's microseconds, 32.991695Z)
        assertThat(depersonalized.toString()).doesNotContain("anna", "Anna", "916 111", "9161112233");
    }

    @Test
    void aRemovedCardTakesTheDetailsKeptUnderItsNumberAlong() {
        String key = newTenantKey("write");
        String id = (String) upsert(key, Map.of("identifiers", List.of(Map.of("type", "email", "value",
                "card-holder@example.com"), Map.of("type", "card", "value", "77001234")), "attributes",
                Map.of("card.77001234.statusLabel", "ACTIVE", "card.77001234.seriesId", "12", "tier", "gold")))
                .get("id");

        Map<String, Object> removed = send(HttpRequest.DELETE("/v1/customers/" + id + "/identifiers/card/77001234"),
                key).body();

        assertThat(removed.get("attributes").toString()).isEqualTo("{tier=gold}");
        Map<String, Object> depersonalized = depersonalized(key, id);
        assertThat(depersonalized.toString()).doesNotContain("77001234");
        Map<String, Object> full = send(HttpRequest.GET("/v1/customers/" + id), key).body();
        assertThat(full.get("attributes").toString()).isEqualTo("{tier=gold}");
    }

    @Test
    void aQueryParameterThatCantBeReadOrIsMissingIsA422NamingIt() {
        String key = newTenantKey("read");
        for (String limit : List.of("abc", "99999999999", "1001")) {
            Map<String, Object> problem = problem(HttpRequest.GET("/v1/customers?limit=" + limit).bearerAuth(key),
                    422);
            // the first two were the framework's bare 400 quoting Java ("For input string")
            assertThat(problem.get("errors").toString()).as(limit).contains("/limit");
            assertThat(problem.toString()).doesNotContain("input string", "Failed to convert");
        }
        Map<String, Object> problem = problem(HttpRequest.GET("/v1/customers/lookup?type=email").bearerAuth(key),
                422);
        assertThat(problem.get("errors").toString()).contains("/value", "required");
    }

    @Test
    void aPhonesCountryIsTheRegionItsNationalDigitsAreReadIn() {
        String key = newTenantKey("write", "RU", "MERGE")[1];

        Map<String, Object> finnish = upsert(key, Map.of("identifiers", List.of(Map.of("type", "phone",
                "value", "0401234567", "country", "FI"))));

        // it was read in the tenant's region and stored as +70401234567, country RU
        assertThat(finnish.get("identifiers").toString()).contains("+358401234567", "country=FI");
        assertThat(send(HttpRequest.GET("/v1/customers/lookup?type=phone&value=%2B358401234567"), key).body())
                .containsEntry("id", finnish.get("id"));
        // an international number keeps its own country; a country that is none is refused naming it
        Map<String, Object> russian = upsert(key, Map.of("identifiers", List.of(Map.of("type", "phone",
                "value", "+7 916 555-01-99", "country", "FI"))));
        assertThat(russian.get("identifiers").toString()).contains("+79165550199", "country=RU");
        Map<String, Object> problem = problem(HttpRequest.POST("/v1/customers", Map.of("identifiers",
                List.of(Map.of("type", "phone", "value", "0401234567", "country", "Finland")))).bearerAuth(key), 422);
        assertThat(problem.get("errors").toString()).contains("/identifiers/0/country");
        // the value as sent is kept and checked: a dummy number is refused in any country (the first version sent
        // it on in E.164, past the placeholder check), and the display keeps the spaces sent
        problem = problem(HttpRequest.POST("/v1/customers", Map.of("identifiers", List.of(Map.of("type", "phone",
                "value", "0987654321", "country", "FI")))).bearerAuth(key), 422);
        assertThat(problem.get("errors").toString()).contains("placeholder");
        Map<String, Object> spaced = upsert(key, Map.of("identifiers", List.of(Map.of("type", "phone",
                "value", "040 765 4321", "country", "FI"))));
        assertThat(spaced.get("identifiers").toString()).contains("+358407654321", "reformatted=true");
    }

    @Test
    void misspeltNestedKeysAndConsentsDatedInTheFutureAreRefusedNamingTheField() {
        String key = newTenantKey("write");
        Map<String, Object> problem = problem(HttpRequest.POST("/v1/customers", Map.of(
                "identifiers", List.of(Map.of("type", "email", "value", "nested@shop.ru")),
                "children", List.of(Map.of("gender", "m", "birthday", "2015-01-01")),
                "vehicles", List.of(Map.of("brand", "Lada", "colour", "red")),
                "pushSubscriptions", List.of(Map.of("provider", "fcm", "token", "t-1", "devEnvironment", "yes")),
                "loyalty", Map.of("status", "gold", "bonus", 5),
                "consents", Map.of("email", Map.of("status", "granted", "evidance", "form"),
                        "sms", Map.of("status", "granted", "at", "2099-01-01T00:00:00Z")))).bearerAuth(key), 422);

        assertThat(problem.get("errors").toString()).contains("/children/0/birthday", "/vehicles/0/colour",
                "/pushSubscriptions/0/devEnvironment", "/loyalty/bonus", "/consents/email/evidance",
                "/consents/sms/at", "consent-in-the-future");
        // nothing of it was written
        problem(HttpRequest.GET("/v1/customers/lookup?type=email&value=nested@shop.ru").bearerAuth(key), 404);

        // a consent recorded on its own: the same rules
        String id = (String) upsert(key, Map.of("identifiers", List.of(Map.of("type", "email", "value",
                "nested@shop.ru")))).get("id");
        problem = problem(HttpRequest.POST("/v1/customers/" + id + "/consents", Map.of("channel", "push",
                "status", "granted", "at", "2099-01-01T00:00:00Z", "foo", 1)).bearerAuth(key), 422);
        assertThat(problem.get("errors").toString()).contains("/at", "/foo");
        // a bad channel and a bad status are named in one answer (the status was reported only after a fix)
        problem = problem(HttpRequest.POST("/v1/customers/" + id + "/consents", Map.of("channel", "fax",
                "status", "maybe")).bearerAuth(key), 422);
        assertThat(problem.get("errors").toString()).contains("/channel", "/status");
        // a time before what the database stores was a 500
        problem = problem(HttpRequest.POST("/v1/customers/" + id + "/consents", Map.of("channel", "email",
                "status", "granted", "at", "-0001-01-01T00:00:00Z")).bearerAuth(key), 422);
        assertThat(problem.get("errors").toString()).contains("/at", "datetime-out-of-range");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLoyaltyValueSentAsNullInAMergePatchIsRemoved() {
        String key = newTenantKey("admin");
        String id = (String) upsert(key, Map.of("identifiers", List.of(email("loyal@shop.ru")), "loyalty",
                Map.of("loyaltyId", "L-1", "status", "gold", "bonuses", 5, "cardLocation", "NY"))).get("id");
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("status", null);
        changes.put("bonuses", null);
        changes.put("cardLocation", "LA");

        Map<String, Object> patched = send(HttpRequest.PATCH("/v1/customers/" + id, Map.of("loyalty", changes))
                .contentType("application/merge-patch+json"), key).body();

        assertThat((Map<String, Object>) patched.get("loyalty")).containsEntry("loyaltyId", "L-1")
                .containsEntry("cardLocation", "LA").doesNotContainKeys("status", "bonuses");

        // also beside values that are checked against the tenant's declarations (which rebuild the patch)
        send(HttpRequest.PUT("/v1/loyalty-programmes/7", Map.of("name", "Club", "tiers", List.of(Map.of(
                "number", 1, "name", "Silver")))), key);
        assertThat(problem(HttpRequest.PUT("/v1/loyalty-programmes/8", Map.of("name", "n".repeat(201), "tiers",
                List.of())).bearerAuth(key), 422).get("errors").toString()).contains("/name");
        Map<String, Object> withEnrolment = new LinkedHashMap<>();
        withEnrolment.put("loyaltyId", null);
        withEnrolment.put("enrolments", List.of(Map.of("programmeId", 7, "tierNumber", 1)));
        patched = send(HttpRequest.PATCH("/v1/customers/" + id, Map.of("loyalty", withEnrolment))
                .contentType("application/merge-patch+json"), key).body();
        assertThat((Map<String, Object>) patched.get("loyalty")).doesNotContainKey("loyaltyId")
                .containsEntry("cardLocation", "LA").containsKey("enrolments");

        // in a merge patch an array replaces the one held (RFC 7396): no enrolments left
        patched = send(HttpRequest.PATCH("/v1/customers/" + id, Map.of("loyalty", Map.of("enrolments", List.of())))
                .contentType("application/merge-patch+json"), key).body();
        assertThat(((Map<String, Object>) patched.get("loyalty")).get("enrolments")).isIn(null, List.of());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPushSubscriptionArrayInAMergePatchReplacesTheHeldOnesWhileAnUpsertAdds() {
        String key = newTenantKey("write");
        String id = (String) upsert(key, Map.of("identifiers", List.of(email("devices@shop.ru")),
                "pushSubscriptions", List.of(Map.of("provider", "fcm", "token", "tok-a"),
                        Map.of("provider", "fcm", "token", "tok-b", "applicationId", "app-b",
                                "createdAt", "2024-01-01T00:00:00Z")))).get("id");
        // an upsert adds
        upsert(key, Map.of("identifiers", List.of(email("devices@shop.ru")),
                "pushSubscriptions", List.of(Map.of("provider", "fcm", "token", "tok-c"))));
        assertThat((List<Object>) send(HttpRequest.GET("/v1/customers/" + id), key).body().get("pushSubscriptions"))
                .hasSize(3);

        Map<String, Object> patched = send(HttpRequest.PATCH("/v1/customers/" + id, Map.of("pushSubscriptions",
                List.of(Map.of("provider", "fcm", "token", "tok-b")))).contentType("application/merge-patch+json"),
                key).body();

        List<Map<String, Object>> devices = (List<Map<String, Object>>) patched.get("pushSubscriptions");
        assertThat(devices).extracting(d -> d.get("token")).containsExactly("tok-b");
        // the device kept keeps its creation time; what the array leaves out is cleared, as a replaced value is
        assertThat(devices.get(0)).containsEntry("createdAt", "2024-01-01T00:00:00Z").doesNotContainKey("applicationId");
    }

    @Test
    void theRegistrysLimitsOnAttributesTagsAndTheCanonicalIdNameTheField() {
        String key = newTenantKey("write");
        List<String> tooManyTags = new java.util.ArrayList<>();
        for (int i = 0; i < 201; i++) {
            tooManyTags.add("t" + i);
        }
        Map<String, Object> problem = problem(HttpRequest.POST("/v1/customers", Map.of(
                "identifiers", List.of(email("limits@shop.ru")), "attributes", Map.of("bad!key", "v"),
                "tags", tooManyTags, "canonicalId", "c".repeat(101))).bearerAuth(key), 422);

        assertThat(problem.get("errors").toString()).contains("/attributes/bad!key", "invalid-attribute-name",
                "/tags", "too-many-members", "/canonicalId", "invalid-canonical-id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTagEditMayAddMoreThanTheLimitWhenWhatItRemovesBringsTheResultWithinIt() {
        String key = newTenantKey("write");
        String id = (String) upsert(key, Map.of("identifiers", List.of(email("many-tags@shop.ru")))).get("id");
        List<String> add = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) {
            add.add("t" + i);
        }

        Map<String, Object> patched = send(HttpRequest.PATCH("/v1/customers/" + id, Map.of("tags", Map.of(
                "add", add, "remove", add.subList(0, 60)))).contentType("application/merge-patch+json"), key).body();

        assertThat((List<Object>) patched.get("tags")).hasSize(190);
        // more added than removed beyond the limit: refused naming what was added
        Map<String, Object> problem = problem(HttpRequest.PATCH("/v1/customers/" + id, Map.of("tags", Map.of(
                "add", add))).contentType("application/merge-patch+json").bearerAuth(key), 422);
        assertThat(problem.get("errors").toString()).contains("/tags/add", "too-many-members");
    }

    @Test
    void anIdThatCanNotBeAnIdNamesNothing() {
        String key = newTenantKey("admin");
        // non-ASCII and over-long ids used to reach the database, which refused to compare them: 500
        for (String id : List.of("%C3%A9", "%E4%B8%AD%E6%96%87", "a".repeat(65))) {
            assertThat(problem(HttpRequest.GET("/v1/customers/" + id).bearerAuth(key), 404))
                    .containsEntry("code", "customer-not-found");
            problem(HttpRequest.GET("/v1/customers/" + id + "/history").bearerAuth(key), 404);
            problem(HttpRequest.GET("/v1/customers/" + id + "/export").bearerAuth(key), 404);
            problem(HttpRequest.DELETE("/v1/customers/" + id).bearerAuth(key), 404);
        }
        String real = (String) upsert(key, Map.of("identifiers", List.of(email("real@shop.ru")))).get("id");
        assertThat(problem(HttpRequest.POST("/v1/merges", Map.of("survivorId", real, "absorbedId", "é"))
                .bearerAuth(key), 404)).containsEntry("code", "customer-not-found");
        assertThat(problem(HttpRequest.POST("/v1/merges", Map.of("survivorId", real)).bearerAuth(key), 422)
                .toString()).contains("absorbedId");
        for (String mergeId : List.of("%C3%A9", "a".repeat(80))) {
            assertThat(problem(HttpRequest.GET("/v1/merges/" + mergeId).bearerAuth(key), 404))
                    .containsEntry("code", "merge-not-found");
            problem(HttpRequest.POST("/v1/merges/" + mergeId + "/revert", Map.of()).bearerAuth(key), 404);
        }
    }

    @Test
    void allTenRetailRocketSpellingsOfOneRussianNumberAreOneCustomer() {
        String key = newTenantKey("write");
        List<String> spellings = List.of("71112223344", "81112223344", "+71112223344", "+7(111)2223344",
                "+7(111)222-33-44", "+7 (111) 222-33-44", "+7 (111) 222 33 44", "+7 111 222 33 44",
                "+7-111-222-33-44", "8-111-222-33-44");
        Set<Object> ids = new HashSet<>();
        List<Object> outcomes = new ArrayList<>();
        for (String spelling : spellings) {
            Map<String, Object> result = upsert(key, Map.of("identifiers", List.of(phone(spelling))));
            ids.add(result.get("id"));
            outcomes.add(result.get("outcome"));
        }
        assertThat(ids).hasSize(1);
        assertThat(outcomes.get(0)).isEqualTo("created");
        assertThat(outcomes.subList(1, outcomes.size())).containsOnly("updated");

        // the other four listed formats are four other numbers, each accepted
        for (String other : List.of("5577999617074", "31687224865", "56948840030", "123456789012345")) {
            Map<String, Object> result = upsert(key, Map.of("identifiers", List.of(phone(other))));
            assertThat(result.get("outcome")).isEqualTo("created");
            ids.add(result.get("id"));
        }
        assertThat(ids).hasSize(5);
    }

    @Test
    void placeholderAndMalformedIdentifiersAre422WithTheirPointers() {
        String key = newTenantKey("write");
        Map<String, Object> problem = problem(HttpRequest.POST("/v1/customers", Map.of("identifiers",
                List.of(email("anna@example.com"), email("anonymous@example.com"), phone("12"),
                        Map.of("type", "fax", "value", "1")))).bearerAuth(key), 422);

        assertThat(problem.get("errors").toString()).contains("/identifiers/1/value", "placeholder-value",
                "/identifiers/2/value", "invalid-phone", "/identifiers/3/type");
        assertThat(problem.get("errors").toString()).doesNotContain("/identifiers/0/");

        for (String bogus : List.of("test@test.com", "noemail@shop.ru")) {
            problem(HttpRequest.POST("/v1/customers", Map.of("identifiers", List.of(email(bogus)))).bearerAuth(key),
                    422);
        }
        for (String bogus : List.of("-1", "null", "undefined")) {
            problem(HttpRequest.POST("/v1/customers", Map.of("identifiers",
                    List.of(Map.of("type", "externalId", "value", bogus)))).bearerAuth(key), 422);
        }
        problem(HttpRequest.POST("/v1/customers", Map.of("identifiers", List.of(phone("0000000000"))))
                .bearerAuth(key), 422);
        Map<String, Object> none = problem(HttpRequest.POST("/v1/customers", Map.of("profile",
                Map.of("firstName", "Anna"))).bearerAuth(key), 422);
        assertThat(none.get("errors").toString()).contains("identifier-required");
    }

    @Test
    void badProfileValuesAndUnknownFieldsAre422AndBrokenJsonIs400() {
        String key = newTenantKey("write");
        Map<String, Object> problem = problem(HttpRequest.POST("/v1/customers", Map.of(
                "identifiers", List.of(email("b@shop.ru")),
                "profile", Map.of("country", "XX", "birthDate", "17.05.1990", "defaultRegion", "x".repeat(51),
                        "favouriteColour", "red"))).bearerAuth(key), 422);
        assertThat(problem.get("errors").toString()).contains("/profile/country", "/profile/birthDate",
                "/profile/defaultRegion", "/profile/favouriteColour");

        problem(HttpRequest.POST("/v1/customers", "{\"identifiers\": [").contentType(MediaType.APPLICATION_JSON)
                .bearerAuth(key), 400);
        problem(HttpRequest.POST("/v1/customers", "[1, 2]").contentType(MediaType.APPLICATION_JSON)
                .bearerAuth(key), 400);
    }

    @Test
    void mergePatchChangesOnlyTheSentKeysAndHonoursIfMatch() {
        String key = newTenantKey("write");
        Map<String, Object> created = upsert(key, Map.of("identifiers", List.of(email("patch@shop.ru")),
                "profile", Map.of("firstName", "Anna", "city", "Moscow", "zipCode", "101000")));
        String id = (String) created.get("id");
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("city", "Kazan");
        changes.put("zipCode", null);

        HttpResponse<Map<String, Object>> patched = send(HttpRequest.PATCH("/v1/customers/" + id,
                Map.of("profile", changes)).contentType("application/merge-patch+json").header(HttpHeaders.IF_MATCH,
                "\"1\""), key);

        assertThat(patched.header(HttpHeaders.ETAG)).isEqualTo("\"2\"");
        @SuppressWarnings("unchecked")
        Map<String, Object> profile = (Map<String, Object>) patched.body().get("profile");
        assertThat(profile).containsEntry("firstName", "Anna").containsEntry("city", "Kazan")
                .doesNotContainKey("zipCode");

        Map<String, Object> stale = problem(HttpRequest.PATCH("/v1/customers/" + id, Map.of("profile",
                Map.of("city", "Perm"))).contentType("application/merge-patch+json")
                .header(HttpHeaders.IF_MATCH, "\"1\"").bearerAuth(key), 412);
        assertThat(stale).containsEntry("code", "version-mismatch");
        Map<String, Object> after = send(HttpRequest.GET("/v1/customers/" + id), key).body();
        assertThat(after.get("profile").toString()).contains("Kazan").doesNotContain("Perm");

        problem(HttpRequest.PATCH("/v1/customers/" + id, Map.of("identifiers", List.of(email("x@shop.ru"))))
                .contentType("application/merge-patch+json").bearerAuth(key), 422);
        problem(HttpRequest.PATCH("/v1/customers/does-not-exist", Map.of("profile", Map.of("city", "Perm")))
                .contentType("application/merge-patch+json").bearerAuth(key), 404);
    }

    @Test
    void identifiersOfTwoCustomersAreAConflictNamingBothUnderRejectPolicy() {
        String key = newTenantKey("write", "RU", "REJECT")[1];
        String a = (String) upsert(key, Map.of("identifiers", List.of(email("a@shop.ru")))).get("id");
        String b = (String) upsert(key, Map.of("identifiers", List.of(phone("+79161234567")))).get("id");

        Map<String, Object> conflict = problem(HttpRequest.POST("/v1/customers", Map.of("identifiers",
                List.of(email("a@shop.ru"), phone("89161234567")))).bearerAuth(key), 409);

        @SuppressWarnings("unchecked")
        List<String> customers = (List<String>) conflict.get("customers");
        assertThat(customers).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void anotherTenantsCustomerDoesNotExistForMe() {
        String mine = newTenantKey("write");
        String theirs = newTenantKey("write");
        String id = (String) upsert(theirs, Map.of("identifiers", List.of(email("shared@shop.ru")))).get("id");

        Map<String, Object> notFound = problem(HttpRequest.GET("/v1/customers/" + id).bearerAuth(mine), 404);
        assertThat(notFound.toString()).doesNotContain("shared@shop.ru");
        problem(HttpRequest.GET("/v1/customers/lookup?type=email&value=shared%40shop.ru").bearerAuth(mine), 404);
        problem(HttpRequest.PATCH("/v1/customers/" + id, Map.of("profile", Map.of("city", "X")))
                .contentType("application/merge-patch+json").bearerAuth(mine), 404);
        Map<String, Object> mineCreated = upsert(mine, Map.of("identifiers", List.of(email("shared@shop.ru"))));
        assertThat(mineCreated).containsEntry("outcome", "created");
        assertThat(mineCreated.get("id")).isNotEqualTo(id);
    }
}
