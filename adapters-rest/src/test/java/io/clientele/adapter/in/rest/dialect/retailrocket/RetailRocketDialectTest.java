package io.clientele.adapter.in.rest.dialect.retailrocket;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RetailRocket {@code setCustomer} (seed pages 000, English, and 001, Russian) and the tracking API's
 * {@code setContact}. Every example of both pages is sent as written (JavaScript object literals turned into JSON).
 */
@MicronautTest(transactional = false)
class RetailRocketDialectTest extends RetailRocketApiTest {

    private static final String CUSTOMERS = "/dialects/retailrocket/customers";

    /** Page 000's example, as written (its missing comma after softLinks fixed to make it JSON). */
    private static final String ENGLISH_EXAMPLE = """
            {
              "customerId": "customerId",
              "email": "email",
              "phone": "phone",
              "customData": {
                "customDataName1": "customDataValue1",
                "customDataName2": "customDataValue2"
              },
              "softLinks": [{"name": "testLinkName1", "value": "testValue1"},
                            {"name": "testLinkName2", "value": "testValue2"}],
              "isAgreedToReceiveMarketingMail": true
            }""";

    /** Page 001's first example (without regions), with an FCM subscription. */
    private static final String RUSSIAN_EXAMPLE = """
            {
              "customerId": "customerId",
              "email": "email",
              "phone": "phone",
              "customData": {
                "customDataName1": "customDataValue1",
                "customDataName2": "customDataValue2"
              },
              "softLinks": [{"name": "testLinkName1", "value": "testValue1"},
                            {"name": "testLinkName2", "value": "testValue2"}],
              "mobilePushSubscription": {
                "fcmSubscription": {
                  "creationTimestamp": "2025-03-31T11:03:02.3564674+03:00",
                  "applicationId": "applictionId",
                  "fcmProjectId": "my-awesome-fcm-project",
                  "token": "fcm-push-token"
                }
              },
              "isAgreedToReceiveMarketingMail": true
            }""";

    /** Page 001's second example (with regions): defaultStockId and capitalised soft link keys. */
    private static final String RUSSIAN_REGION_EXAMPLE = """
            {
              "customerId": "customerId",
              "email": "email",
              "phone": "phone",
              "customData": {
                "customDataName1": "customDataValue1",
                "customDataName2": "customDataValue2"
              },
              "defaultStockId": "defaultStockId",
              "softLinks": [{"Name": "testLinkName1", "Value": "testValue1"},
                            {"Name": "testLinkName2", "Value": "testValue2"}],
              "mobilePushSubscription": {
                "fcmSubscription": {
                  "creationTimestamp": "2025-03-31T11:03:02.3564674+03:00",
                  "applicationId": "applictionId",
                  "fcmProjectId": "my-awesome-fcm-project",
                  "token": "fcm-push-token"
                }
              },
              "isAgreedToReceiveMarketingMail": true
            }""";

    private static final List<String> PHONES = List.of("71112223344", "81112223344", "+71112223344",
            "+7(111)2223344", "+7(111)222-33-44", "+7 (111) 222-33-44", "+7 (111) 222 33 44", "+7 111 222 33 44",
            "+7-111-222-33-44", "8-111-222-33-44", "5577999617074", "31687224865", "56948840030", "123456789012345");

    /** The examples name their fields with placeholders ("email", "phone"); a real site sends real values. */
    private static String withRealContacts(String example, String suffix) {
        return example.replace("\"customerId\": \"customerId\"", "\"customerId\": \"customerId-" + suffix + "\"")
                .replace("\"email\": \"email\"", "\"email\": \"Anna." + suffix + "@Shop.ru\"")
                .replace("\"phone\": \"phone\"", "\"phone\": \"+7 (916) 123-" + suffix.substring(0, 2) + "-67\"")
                .replace("testValue", "testValue-" + suffix + "-")
                .replace("fcm-push-token", "fcm-push-token-" + suffix);
    }

    @Test
    void the_examples_as_written_are_refused_for_their_placeholder_email_and_phone() {
        String key = tenantWithKey("write")[1];
        for (String example : List.of(ENGLISH_EXAMPLE, RUSSIAN_EXAMPLE, RUSSIAN_REGION_EXAMPLE)) {
            Map<String, Object> problem = problem(HttpRequest.POST(CUSTOMERS, example).bearerAuth(key), 422);
            assertThat(pointers(problem)).containsExactlyInAnyOrder("/email", "/phone");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void english_example_creates_the_customer_card() {
        String key = tenantWithKey("write")[1];
        HttpResponse<Map<String, Object>> response = send(HttpRequest.POST(CUSTOMERS,
                withRealContacts(ENGLISH_EXAMPLE, "10")), key);
        assertThat(response.getStatus().getCode()).isEqualTo(201);
        Map<String, Object> result = response.body();
        assertThat(result).containsEntry("outcome", "created").containsKey("id");
        assertThat(response.getHeaders().get("Location")).isEqualTo("/v1/customers/" + result.get("id"));
        assertThat((List<Map<String, Object>>) result.get("identifiers")).extracting(i -> i.get("type") + ":"
                        + (i.containsKey("name") ? i.get("name") + "=" : "") + i.get("value"))
                .containsExactlyInAnyOrder("externalId:customerId-10", "email:anna.10@shop.ru", "phone:+79161231067",
                        "softLink:testLinkName1=testValue-10-1", "softLink:testLinkName2=testValue-10-2");
        assertThat((List<Map<String, Object>>) result.get("identifiers"))
                .allSatisfy(i -> assertThat(i).containsEntry("source", "RETAILROCKET"));

        Map<String, Object> customer = customer(key, (String) result.get("id"));
        assertThat((Map<String, Object>) customer.get("attributes")).containsEntry("customDataName1", "customDataValue1")
                .containsEntry("customDataName2", "customDataValue2");
        Map<String, Object> email = (Map<String, Object>) ((Map<String, Object>) customer.get("consents")).get("email");
        assertThat(email).containsEntry("status", "granted").containsEntry("source", "RETAILROCKET");
    }

    @Test
    @SuppressWarnings("unchecked")
    void russian_examples_store_the_fcm_subscription_region_and_capitalised_soft_links() {
        String key = tenantWithKey("write")[1];
        Map<String, Object> plain = send(HttpRequest.POST(CUSTOMERS, withRealContacts(RUSSIAN_EXAMPLE, "20")), key)
                .body();
        Map<String, Object> customer = customer(key, (String) plain.get("id"));
        assertThat((List<Map<String, Object>>) customer.get("pushSubscriptions")).singleElement().satisfies(push ->
                assertThat(push).containsEntry("provider", "fcm").containsEntry("token", "fcm-push-token-20")
                        .containsEntry("applicationId", "applictionId")
                        .containsEntry("fcmProjectId", "my-awesome-fcm-project")
                        .containsEntry("createdAt", "2025-03-31T08:03:02.356467Z"));

        Map<String, Object> region = send(HttpRequest.POST(CUSTOMERS, withRealContacts(RUSSIAN_REGION_EXAMPLE, "30")),
                key).body();
        assertThat(region).containsEntry("outcome", "created");
        assertThat((List<Map<String, Object>>) region.get("identifiers"))
                .filteredOn(i -> "softLink".equals(i.get("type")))
                .extracting(i -> i.get("name") + "=" + i.get("value"))
                .containsExactlyInAnyOrder("testLinkName1=testValue-30-1", "testLinkName2=testValue-30-2");
        Map<String, Object> regional = customer(key, (String) region.get("id"));
        assertThat((Map<String, Object>) regional.get("profile")).containsEntry("defaultRegion", "defaultStockId");
        assertThat((Map<String, Object>) regional.get("attributes")).containsEntry("customDataName1",
                "customDataValue1");

        // soft links are identifiers: the same link names the same customer
        Map<String, Object> again = send(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "other-30",
                "softLinks", List.of(Map.of("Name", "testLinkName1", "Value", "testValue-30-1")))), key).body();
        assertThat(again).containsEntry("id", region.get("id")).containsEntry("outcome", "updated");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_three_push_subscription_examples_are_stored_as_shown() {
        // creation times are kept to the microsecond (the page's .NET timestamps carry seven digits)
        String key = tenantWithKey("write")[1];
        String body = """
                {"customerId": "push-1", "mobilePushSubscription": {
                    "apnsSubscription": {
                      "isDevEnvironment": false,
                      "creationTimestamp": "2024-06-25T18:09:19.4754466+03:00",
                      "applicationId": "applictionId",
                      "token": "apns-push-token"
                    }}}""";
        String id = (String) send(HttpRequest.POST(CUSTOMERS, body), key).body().get("id");
        send(HttpRequest.POST(CUSTOMERS, """
                {"customerId": "push-1", "mobilePushSubscription": {
                    "huaweiSubscription": {
                      "creationTimestamp": "2024-05-14T23:17:57.5577110+03:00",
                      "applicationId": "applictionId",
                      "token": "huawei-push-token"
                    }}}"""), key);
        send(HttpRequest.POST(CUSTOMERS, """
                {"customerId": "push-1", "mobilePushSubscription": {
                    "fcmSubscription": {
                      "creationTimestamp": "2025-03-31T11:03:02.3564674+03:00",
                      "applicationId": "applictionId",
                      "fcmProjectId": "my-awesome-fcm-project",
                      "token": "fcm-push-token"
                    }}}"""), key);
        List<Map<String, Object>> push = (List<Map<String, Object>>) customer(key, id).get("pushSubscriptions");
        assertThat(push).extracting(p -> p.get("provider") + ":" + p.get("token"))
                .containsExactlyInAnyOrder("apns:apns-push-token", "huawei:huawei-push-token", "fcm:fcm-push-token");
        assertThat(push).filteredOn(p -> "apns".equals(p.get("provider"))).singleElement().satisfies(p ->
                assertThat(p).containsEntry("devEnvironment", false).containsEntry("applicationId", "applictionId")
                        // seven fractional digits sent, kept to the microsecond (truncated, as every time is)
                        .containsEntry("createdAt", "2024-06-25T15:09:19.475446Z"));
        assertThat(push).filteredOn(p -> "huawei".equals(p.get("provider"))).singleElement().satisfies(p ->
                assertThat(p).containsEntry("createdAt", "2024-05-14T20:17:57.557711Z"));

        Map<String, Object> problem = problem(HttpRequest.POST(CUSTOMERS, """
                {"customerId": "push-1", "mobilePushSubscription": {"apnsSubscription": {"applicationId": "a"}}}""")
                .bearerAuth(key), 422);
        assertThat(pointers(problem)).containsExactly("/mobilePushSubscription/apnsSubscription/token");
        // a time outside what the database stores was a 500 (year 10000 in UTC, year -1)
        for (String time : List.of("+10000-01-01T00:00:00Z", "9999-12-31T23:59:59-05:00", "-0001-01-01T00:00:00Z")) {
            problem = problem(HttpRequest.POST(CUSTOMERS, """
                    {"customerId": "push-2", "mobilePushSubscription": {"fcmSubscription": {"token": "t-late",
                      "creationTimestamp": "%s"}}}""".formatted(time)).bearerAuth(key), 422);
            assertThat(pointers(problem)).as(time)
                    .containsExactly("/mobilePushSubscription/fcmSubscription/creationTimestamp");
        }
        problem(HttpRequest.GET("/v1/customers/lookup?type=externalId&value=push-2").bearerAuth(key), 404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void all_fourteen_phone_formats_are_accepted_and_the_ten_russian_spellings_are_one_customer() {
        String key = tenantWithKey("write")[1];
        String first = null;
        for (int n = 0; n < PHONES.size(); n++) {
            int i = n;
            HttpResponse<Map<String, Object>> response = send(HttpRequest.POST(CUSTOMERS,
                    Map.of("customerId", "phone-" + i, "phone", PHONES.get(i))), key);
            Map<String, Object> result = response.body();
            String phone = ((List<Map<String, Object>>) result.get("identifiers")).stream()
                    .filter(id -> "phone".equals(id.get("type"))).map(id -> (String) id.get("value"))
                    .filter(value -> i >= 10 || value.equals("+71112223344")).findFirst().orElseThrow();
            if (i < 10) {
                assertThat(phone).isEqualTo("+71112223344");
                if (first == null) {
                    first = (String) result.get("id");
                    assertThat(result).containsEntry("outcome", "created");
                } else {
                    assertThat(result).containsEntry("id", first).containsEntry("outcome", "updated");
                }
            } else {
                assertThat(result).containsEntry("outcome", "created");
                assertThat(phone).isEqualTo("+" + PHONES.get(i));
            }
        }
        Map<String, Object> one = customer(key, first);
        assertThat((List<Map<String, Object>>) one.get("identifiers"))
                .filteredOn(id -> "phone".equals(id.get("type"))).singleElement()
                .satisfies(id -> assertThat(id).containsEntry("value", "+71112223344").containsEntry("country", "RU"));
        assertThat((List<Map<String, Object>>) one.get("identifiers"))
                .filteredOn(id -> "externalId".equals(id.get("type"))).hasSize(10);
    }

    private Map<String, Object> ledger(String key, String id) {
        return send(HttpRequest.GET("/v1/customers/" + id + "/consents"), key).body();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> currentEmail(Map<String, Object> ledger) {
        return (Map<String, Object>) ((Map<String, Object>) ledger.get("current")).get("email");
    }

    @Test
    @SuppressWarnings("unchecked")
    void consent_defaults_to_granted_and_false_never_withdraws() {
        String key = tenantWithKey("write")[1];
        // omitted: granted, from RetailRocket
        String id = (String) send(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "c-1", "email", "c1@shop.ru")),
                key).body().get("id");
        Map<String, Object> ledger = ledger(key, id);
        assertThat(currentEmail(ledger)).containsEntry("status", "granted").containsEntry("source", "RETAILROCKET");
        // an audit can tell the page's default from the person's act
        assertThat(ledger.get("history").toString()).contains("omitted (default true)");

        // false afterwards: still granted, and nothing was appended
        send(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "c-1", "email", "c1@shop.ru",
                "isAgreedToReceiveMarketingMail", false)), key);
        ledger = ledger(key, id);
        assertThat(currentEmail(ledger)).containsEntry("status", "granted");
        assertThat((List<Object>) ledger.get("history")).hasSize(1);

        // true again while granted: no second grant in the ledger
        send(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "c-1", "isAgreedToReceiveMarketingMail", true)), key);
        assertThat((List<Object>) ledger(key, id)
                .get("history")).hasSize(1);

        // false for a new customer: no consent at all (neither granted nor withdrawn)
        String other = (String) send(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "c-2", "email", "c2@shop.ru",
                "isAgreedToReceiveMarketingMail", false)), key).body().get("id");
        assertThat((Map<String, Object>) customer(key, other).get("consents")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_default_never_re_subscribes_someone_who_unsubscribed_and_needs_an_email() {
        String key = tenantWithKey("write")[1];
        String id = (String) send(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "w-1", "email", "w1@shop.ru")),
                key).body().get("id");
        send(HttpRequest.POST("/v1/customers/" + id + "/consents", Map.of("channel", "email", "status", "withdrawn")),
                key);

        // the next tracking call without the flag: the unsubscribe stands
        send(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "w-1")), key);
        Map<String, Object> ledger = ledger(key, id);
        assertThat(currentEmail(ledger)).containsEntry("status", "withdrawn");
        assertThat((List<Object>) ledger.get("history")).hasSize(2);

        // an explicit true is the person's act: it grants again
        send(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "w-1", "isAgreedToReceiveMarketingMail", true)), key);
        ledger = ledger(key, id);
        assertThat(currentEmail(ledger)).containsEntry("status", "granted");

        // the default for a customer without an email grants nothing; once an email comes, it does
        String other = (String) send(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "w-2")), key).body().get("id");
        assertThat((Map<String, Object>) customer(key, other).get("consents")).isEmpty();
        send(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "w-2", "email", "w2@shop.ru")), key);
        assertThat((Map<String, Object>) customer(key, other).get("consents")).containsKey("email");
    }

    @Test
    void an_email_as_soft_link_value_is_refused_naming_the_vendor_field() {
        String key = tenantWithKey("write")[1];
        Map<String, Object> problem = problem(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "sl-1",
                "softLinks", List.of(Map.of("name", "card", "value", "7700123"),
                        Map.of("name", "mail", "value", "anna@shop.ru")))).bearerAuth(key), 422);
        assertThat(pointers(problem)).containsExactly("/softLinks/1/value");
        assertThat(problem.toString()).contains("email-as-soft-link");

        problem = problem(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "sl-1",
                "softLinks", List.of(Map.of("Name", "mail", "Value", "anna@shop.ru")))).bearerAuth(key), 422);
        assertThat(pointers(problem)).containsExactly("/softLinks/0/Value");
    }

    @Test
    @SuppressWarnings("unchecked")
    void one_soft_link_sent_without_its_array_is_one_link() {
        String key = tenantWithKey("write")[1];
        Map<String, Object> result = send(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "sl-2",
                "softLinks", Map.of("Name", "loyalty card", "Value", "7700999"))), key).body();

        Map<String, Object> customer = customer(key, (String) result.get("id"));
        assertThat(((List<Map<String, Object>>) customer.get("identifiers")).stream()
                .filter(identifier -> "softLink".equals(identifier.get("type")))
                .map(identifier -> identifier.get("name") + "=" + identifier.get("value")).toList())
                .containsExactly("loyalty card=7700999");
        // its pointers name the object as sent
        Map<String, Object> problem = problem(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "sl-3",
                "softLinks", Map.of("name", "mail", "value", "anna@shop.ru"))).bearerAuth(key), 422);
        assertThat(pointers(problem)).containsExactly("/softLinks/value");
        // a link object with a key missing is refused, not read as a link named "Name"
        problem = problem(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "sl-4",
                "softLinks", Map.of("Name", "loyalty card"))).bearerAuth(key), 422);
        assertThat(pointers(problem)).containsExactly("/softLinks/value");
    }

    @Test
    void default_stock_id_is_at_most_fifty_characters() {
        String key = tenantWithKey("write")[1];
        String fifty = "s".repeat(50);
        assertThat(send(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "st-1", "defaultStockId", fifty)), key)
                .getStatus().getCode()).isEqualTo(201);
        Map<String, Object> problem = problem(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "st-2",
                "defaultStockId", fifty + "s")).bearerAuth(key), 422);
        assertThat(pointers(problem)).containsExactly("/defaultStockId");
        assertThat(problem.get("detail").toString()).contains("defaultStockId");
    }

    @Test
    @SuppressWarnings("unchecked")
    void customer_id_is_required_and_may_be_a_number() {
        String key = tenantWithKey("write")[1];
        assertThat(pointers(problem(HttpRequest.POST(CUSTOMERS, Map.of("email", "n@shop.ru")).bearerAuth(key), 422)))
                .containsExactly("/customerId");
        Map<String, Object> result = send(HttpRequest.POST(CUSTOMERS, "{\"customerId\": 100500}"), key).body();
        assertThat((List<Map<String, Object>>) result.get("identifiers")).singleElement()
                .satisfies(i -> assertThat(i).containsEntry("type", "externalId").containsEntry("value", "100500"));
        assertThat(send(HttpRequest.POST(CUSTOMERS, "{\"customerId\": \"100500\"}"), key).body())
                .containsEntry("id", result.get("id")).containsEntry("outcome", "updated");
    }

    @Test
    void bad_values_are_named_by_their_vendor_fields() {
        String key = tenantWithKey("write")[1];
        Map<String, Object> problem = problem(HttpRequest.POST(CUSTOMERS, """
                {"customerId": "b-1", "email": "test@test.com", "phone": "12", "emial": "x",
                 "customData": {"ok": "yes", "nested": {"a": 1}}, "isAgreedToReceiveMarketingMail": "maybe"}""")
                .bearerAuth(key), 422);
        assertThat(pointers(problem)).containsExactlyInAnyOrder("/emial", "/customData/nested",
                "/isAgreedToReceiveMarketingMail");
        problem = problem(HttpRequest.POST(CUSTOMERS, """
                {"customerId": "b-1", "email": "test@test.com", "phone": "12"}""").bearerAuth(key), 422);
        assertThat(pointers(problem)).containsExactlyInAnyOrder("/email", "/phone");
        problem(HttpRequest.POST(CUSTOMERS, "{not json").bearerAuth(key), 400);
    }

    @Test
    void a_read_key_may_not_write() {
        String read = tenantWithKey("read")[1];
        problem(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "r-1")).bearerAuth(read), 403);
        problem(HttpRequest.POST(CUSTOMERS, Map.of("customerId", "r-1")), 401);
    }

    @Test
    @SuppressWarnings("unchecked")
    void set_contact_answers_200_with_an_empty_body() {
        String key = tenantWithKey("write")[1];
        HttpResponse<String> response = client().exchange(HttpRequest.POST("/dialects/retailrocket/1.0/setContact",
                Map.of("sessionExternalId", "5f1b7c1e9a8d4c0f", "contactExternalId", "contact-1",
                        "timestamp", 1700000000, "email", "Contact@Shop.ru", "stockId", "msk-01",
                        "phone", "8 916 123 45 67", "customData", Map.of("segment", "gold"))).bearerAuth(key),
                String.class);
        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(response.getBody()).isEmpty();

        Map<String, Object> found = send(HttpRequest.GET("/v1/customers/lookup?type=externalId&value=contact-1"), key)
                .body();
        assertThat((Map<String, Object>) found.get("profile")).containsEntry("defaultRegion", "msk-01");
        assertThat((Map<String, Object>) found.get("attributes")).containsEntry("segment", "gold");
        assertThat((List<Map<String, Object>>) found.get("identifiers")).extracting(i -> i.get("type") + ":" + i.get("value"))
                .containsExactlyInAnyOrder("externalId:contact-1", "email:contact@shop.ru", "phone:+79161234567");
        // setContact carries no consent flag, so it grants nothing
        assertThat((Map<String, Object>) found.get("consents")).isEmpty();
        String phone = URLEncoder.encode("+79161234567", StandardCharsets.UTF_8);
        assertThat(send(HttpRequest.GET("/v1/customers/lookup?type=phone&value=" + phone), key).body())
                .containsEntry("id", found.get("id"));

        Map<String, Object> problem = problem(HttpRequest.POST("/dialects/retailrocket/1.0/setContact",
                Map.of("sessionExternalId", "s", "email", "x@shop.ru", "stockId", "r".repeat(51))).bearerAuth(key), 422);
        assertThat(pointers(problem)).containsExactlyInAnyOrder("/contactExternalId", "/stockId");
    }
}
