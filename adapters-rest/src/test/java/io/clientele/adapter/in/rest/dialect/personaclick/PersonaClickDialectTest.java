package io.clientele.adapter.in.rest.dialect.personaclick;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** PersonaClick {@code profile set} / {@code profile get} (seed page 002) and mobile push tokens. */
@MicronautTest(transactional = false)
class PersonaClickDialectTest extends PersonaClickApiTest {

    private static final String SET = "/dialects/personaclick/profile/set";

    /** The page's example of {@code profile set}, as written (JavaScript keys quoted). */
    private static final String PAGE_EXAMPLE = """
            {
                "id": 100500,
                "email": "john.doe@examplemail.com",
                "phone": "4400114527199",
                "first_name": "John",
                "last_name": "Doe",
                "birthday": "1990-03-11",
                "age": 31,
                "gender": "m",
                "location": "NY",
                "bought_something": true,
                "loyalty_id": "000001234567",
                "loyalty_card_location": "NY",
                "loyalty_status": "5% discount",
                "loyalty_bonuses": 1123,
                "loyalty_bonuses_to_next_level": 1877,
                "fb_id": "000000000354677",
                "vk_id": "vk031845",
                "telegram_id": "0125762968357835",
                "kids": [
                    {"gender": "m", "birthday": "2001-04-12"},
                    {"gender": "f", "birthday": "2015-07-28"}
                ],
                "auto": [
                    {"brand": "Nissan", "model": "Qashqai", "vds": "TM7N243E4G0BJG978"}
                ]
            }""";

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_page_example_is_stored_and_read_back_in_personaclick_names() {
        String[] tenant = tenantWithKey("write");
        String key = tenant[1];
        HttpResponse<Map<String, Object>> response = send(HttpRequest.POST(SET, PAGE_EXAMPLE), key);
        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(Map.of("status", "success"));

        Map<String, Object> profile = send(HttpRequest.GET("/dialects/personaclick/profile?id=100500"), key).body();
        assertThat(profile).containsEntry("id", "100500").containsEntry("email", "john.doe@examplemail.com")
                .containsEntry("has_email", true)
                .containsEntry("first_name", "John").containsEntry("last_name", "Doe")
                .containsEntry("birthday", "1990-03-11").containsEntry("age", 31).containsEntry("gender", "m")
                .containsEntry("location", "NY").containsEntry("bought_something", true)
                .containsEntry("loyalty_id", "000001234567").containsEntry("loyalty_card_location", "NY")
                .containsEntry("loyalty_status", "5% discount").containsEntry("loyalty_bonuses", 1123)
                .containsEntry("loyalty_bonuses_to_next_level", 1877)
                .containsEntry("fb_id", "000000000354677").containsEntry("vk_id", "vk031845")
                .containsEntry("telegram_id", "0125762968357835")
                .containsEntry("kids", List.of(Map.of("gender", "m", "birthday", "2001-04-12"),
                        Map.of("gender", "f", "birthday", "2015-07-28")))
                .containsEntry("auto", List.of(Map.of("brand", "Nissan", "model", "Qashqai",
                        "vds", "TM7N243E4G0BJG978")))
                .containsKeys("clientele_id", "phone");
        assertThat((String) profile.get("phone")).startsWith("+").contains("114527199");

        // the native document holds the same customer, written from source PERSONACLICK
        Map<String, Object> customer = send(HttpRequest.GET("/v1/customers/" + profile.get("clientele_id")), key).body();
        assertThat((List<Map<String, Object>>) customer.get("identifiers"))
                .extracting(i -> i.get("type") + ":" + i.get("value") + ":" + i.get("source"))
                .contains("externalId:100500:PERSONACLICK", "email:john.doe@examplemail.com:PERSONACLICK",
                        "fbId:000000000354677:PERSONACLICK", "vkId:vk031845:PERSONACLICK",
                        "telegramId:0125762968357835:PERSONACLICK");
        assertThat((Map<String, Object>) customer.get("loyalty")).containsEntry("bonuses", 1123)
                .containsEntry("bonusesToNextLevel", 1877);

        // every way in finds it: /profile/get, by email, by phone (as sent, and as answered: the stored form read
        // back as another number, +44114527199 from +440114527199), by id as a string
        for (String query : List.of("/dialects/personaclick/profile/get?id=100500",
                "/dialects/personaclick/profile?email=" + encode("John.Doe@examplemail.com"),
                "/dialects/personaclick/profile?phone=4400114527199",
                "/dialects/personaclick/profile?phone=" + encode((String) profile.get("phone")))) {
            assertThat(send(HttpRequest.GET(query), key).body()).containsEntry("clientele_id",
                    profile.get("clientele_id"));
        }
        Map<String, Object> again = new HashMap<>(Map.of("id", "100500", "first_name", "Johnny"));
        send(HttpRequest.POST(SET, again), key);
        assertThat(send(HttpRequest.GET("/dialects/personaclick/profile?id=100500"), key).body())
                .containsEntry("first_name", "Johnny").containsEntry("clientele_id", profile.get("clientele_id"))
                .containsEntry("last_name", "Doe");
    }

    @Test
    void a_field_sent_in_another_case_is_that_field_not_a_custom_property() {
        String[] tenant = tenantWithKey("write");
        String write = tenant[1];
        String read = issueKey(tenant[0], "read");
        send(HttpRequest.POST(SET, """
                {"ID": "cap-1", "Email": "cap1@shop.example.org", "Phone": "+7 916 765-43-21", "First_Name": "Anna",
                 "Favourite_Colour": "green"}"""), write);

        Map<String, Object> full = send(HttpRequest.GET("/dialects/personaclick/profile?email="
                + encode("cap1@shop.example.org")), write).body();
        assertThat(full).containsEntry("id", "cap-1").containsEntry("phone", "+79167654321")
                .containsEntry("first_name", "Anna");
        Map<String, Object> depersonalised = send(HttpRequest.GET("/dialects/personaclick/profile?id=cap-1"), read)
                .body();
        // a custom property keeps the case it was sent in; the name and contact data are not custom properties
        assertThat(depersonalised).containsEntry("has_email", true)
                .containsEntry("custom_properties", Map.of("Favourite_Colour", "green"));
        assertThat(depersonalised.toString()).doesNotContain("Anna", "cap1", "7654321");

        Map<String, Object> payload = vendorError(HttpRequest.POST(SET, Map.of("id", "cap-2", "email",
                "a@shop.example.org", "EMAIL", "b@shop.example.org")).bearerAuth(write), 422);
        assertThat(payload.toString()).contains("EMAIL");
        // neither in lower case: both were read, and two people's emails merged their customers
        send(HttpRequest.POST(SET, Map.of("id", "cap-3", "email", "c3@shop.example.org")), write);
        send(HttpRequest.POST(SET, Map.of("id", "cap-4", "email", "c4@shop.example.org")), write);
        payload = vendorError(HttpRequest.POST(SET, Map.of("ID", "cap-5", "Email", "c3@shop.example.org",
                "EMAIL", "c4@shop.example.org")).bearerAuth(write), 422);
        assertThat(payload.toString()).contains("Email", "EMAIL");
        assertThat(send(HttpRequest.GET("/dialects/personaclick/profile?id=cap-4"), write).body())
                .containsEntry("email", "c4@shop.example.org");
        // a credential in another case is not checked by the authentication: refused, not dropped
        payload = vendorError(HttpRequest.POST(SET, Map.of("id", "cap-6", "SHOP_ID", "another-shop"))
                .bearerAuth(write), 422);
        assertThat(payload.toString()).contains("SHOP_ID");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_read_key_gets_the_depersonalised_profile_and_a_write_key_the_full_one() {
        String[] tenant = tenantWithKey("write");
        String write = tenant[1];
        String read = issueKey(tenant[0], "read");
        send(HttpRequest.POST(SET, """
                {"id": "u-7", "email": "mary@shop.example.org", "phone": "+7 916 123-45-67", "first_name": "Mary",
                 "gender": "f", "bought_something": true, "birthday": "1985-01-02",
                 "kids": [{"gender": "m", "birthday": "2018-03-01"}],
                 "auto": [{"brand": "Lada", "model": "Vesta", "vds": "XTA21"}],
                 "custom_properties": {"favourite_colour": "green", "full_name": "Mary Smith"}, "shoe_size": 38,
                 "work_email": "mary.w@corp.example.org", "mobile": "+7 916 111-22-33"}"""), write);

        Map<String, Object> depersonalised = send(HttpRequest.GET("/dialects/personaclick/profile?id=u-7"), read).body();
        assertThat(depersonalised).containsOnlyKeys("id", "has_email", "gender", "bought_something",
                "custom_properties", "children", "vds");
        assertThat(depersonalised).containsEntry("has_email", true).containsEntry("gender", "f")
                .containsEntry("bought_something", true).containsEntry("vds", "XTA21")
                .containsEntry("children", List.of(Map.of("gender", "m", "birthday", "2018-03-01")))
                .containsEntry("custom_properties", Map.of("favourite_colour", "green", "shoe_size", "38"));
        // contact data and names sent as custom properties stay out too
        // the registry's id left out of the check: a random UUID may hold "916" or "1985" in its hex digits
        Map<String, Object> withoutId = new HashMap<>(depersonalised);
        withoutId.remove("id");
        assertThat(withoutId.toString()).doesNotContain("mary", "Mary", "79161234567", "u-7", "1985", "916");

        Map<String, Object> full = send(HttpRequest.GET("/dialects/personaclick/profile/get?email="
                + encode("mary@shop.example.org")), write).body();
        assertThat(full).containsEntry("id", "u-7").containsEntry("email", "mary@shop.example.org")
                .containsEntry("phone", "+79161234567").containsEntry("first_name", "Mary")
                .containsEntry("clientele_id", depersonalised.get("id"));

        // the read key may read but not write
        Map<String, Object> payload = vendorError(HttpRequest.POST(SET, Map.of("id", "u-8")).bearerAuth(read), 403);
        assertThat((String) payload.get("message")).contains("role");
    }

    @Test
    void unknown_profiles_and_missing_keys_answer_in_the_vendor_shape() {
        String key = tenantWithKey("write")[1];
        vendorError(HttpRequest.GET("/dialects/personaclick/profile?id=nobody").bearerAuth(key), 404);
        vendorError(HttpRequest.GET("/dialects/personaclick/profile?did=device-x").bearerAuth(key), 404);
        Map<String, Object> payload = vendorError(HttpRequest.GET("/dialects/personaclick/profile").bearerAuth(key),
                400);
        assertThat((String) payload.get("message")).contains("id, email, phone or did");
        payload = vendorError(HttpRequest.GET("/dialects/personaclick/profile?email=not-an-email").bearerAuth(key), 422);
        assertThat(fields(payload)).containsExactly("email");
    }

    @Test
    void errors_raised_outside_the_dialect_answer_in_the_vendor_shape_too() {
        String key = tenantWithKey("write")[1];
        send(HttpRequest.POST(SET, Map.of("id", "idem-1")).header("Idempotency-Key", "k-1"), key);

        // the same key for another request, a key too long, a body that is not JSON
        Map<String, Object> payload = vendorError(HttpRequest.POST(SET, Map.of("id", "idem-2"))
                .header("Idempotency-Key", "k-1").bearerAuth(key), 422);
        assertThat(payload).containsEntry("code", "idempotency-key-reused");
        payload = vendorError(HttpRequest.POST(SET, Map.of("id", "idem-3"))
                .header("Idempotency-Key", "k".repeat(300)).bearerAuth(key), 400);
        assertThat(payload).containsEntry("code", "invalid-idempotency-key");
        payload = vendorError(HttpRequest.POST(SET, "id=idem-4").contentType("text/plain").bearerAuth(key), 415);
        assertThat((String) payload.get("message")).isNotBlank();
    }

    @Test
    void a_numeric_id_is_kept_as_written_whatever_its_json_spelling() {
        String key = tenantWithKey("write")[1];
        send(HttpRequest.POST(SET, "{\"id\": 1.005e5, \"custom_properties\": {\"size\": 38.0, \"ratio\": 0.50}}"),
                key);

        Map<String, Object> profile = send(HttpRequest.GET("/dialects/personaclick/profile?id=100500"), key).body();
        assertThat(profile).containsEntry("id", "100500");
        assertThat(profile.get("custom_properties")).isEqualTo(Map.of("size", "38", "ratio", "0.5"));
    }

    @Test
    void a_loyalty_value_sent_as_null_is_removed_like_a_profile_value() {
        String key = tenantWithKey("write")[1];
        send(HttpRequest.POST(SET, Map.of("id", "loyal-1", "first_name", "Lena", "loyalty_status", "gold",
                "loyalty_bonuses", 5)), key);

        send(HttpRequest.POST(SET, "{\"id\": \"loyal-1\", \"loyalty_status\": null, \"first_name\": null}"), key);

        Map<String, Object> profile = send(HttpRequest.GET("/dialects/personaclick/profile?id=loyal-1"), key).body();
        assertThat(profile).containsEntry("loyalty_bonuses", 5).doesNotContainKeys("loyalty_status", "first_name");
    }

    @Test
    void bogus_data_is_refused_naming_the_personaclick_field() {
        String key = tenantWithKey("write")[1];
        Map<String, Object> payload = vendorError(HttpRequest.POST(SET, Map.of("id", 1,
                "email", "anonymous@example.com")).bearerAuth(key), 422);
        assertThat(fields(payload)).containsExactly("email");
        assertThat((String) payload.get("message")).startsWith("email: ").contains("placeholder");

        payload = vendorError(HttpRequest.POST(SET, Map.of("id", 1, "phone", "0000000000")).bearerAuth(key), 422);
        assertThat(fields(payload)).containsExactly("phone");

        payload = vendorError(HttpRequest.POST(SET, Map.of("id", 1, "age", 400, "birthday", "11.03.1990",
                "kids", List.of(Map.of("gender", "m", "birthday", "someday")), "loyalty_bonuses", "many"))
                .bearerAuth(key), 422);
        assertThat(fields(payload)).containsExactlyInAnyOrder("age", "birthday", "kids/0/birthday", "loyalty_bonuses");

        payload = vendorError(HttpRequest.POST(SET, Map.of("first_name", "Nobody")).bearerAuth(key), 422);
        assertThat(fields(payload)).containsExactly("id");
        vendorError(HttpRequest.POST(SET, "{not json").bearerAuth(key), 400);
    }

    @Test
    void shop_secret_in_the_body_authenticates_and_must_match_shop_id() {
        String[] tenant = tenantWithKey("write");
        String shopId = tenant[0];
        String secret = tenant[1];
        HttpResponse<Map<String, Object>> ok = client().exchange(HttpRequest.POST(SET, Map.of("shop_id", shopId,
                "shop_secret", secret, "id", "body-1", "email", "body1@shop.example.org")), JSON);
        assertThat(ok.body()).isEqualTo(Map.of("status", "success"));
        // and the query form, through the shared filter
        assertThat(client().exchange(HttpRequest.GET("/dialects/personaclick/profile?id=body-1&shop_id=" + shopId
                + "&shop_secret=" + encode(secret)), JSON).body()).containsEntry("id", "body-1");

        vendorError(HttpRequest.POST(SET, Map.of("shop_id", "someone-else", "shop_secret", secret, "id", "body-2")),
                401);
        vendorError(HttpRequest.POST(SET, Map.of("shop_id", shopId, "shop_secret", "wrong", "id", "body-2")), 401);
        vendorError(HttpRequest.POST(SET, Map.of("shop_id", shopId, "id", "body-2")), 401);
        vendorError(HttpRequest.POST(SET, Map.of("id", "body-2")).bearerAuth("not-a-key"), 401);
        vendorError(HttpRequest.GET("/dialects/personaclick/profile?id=body-1"), 401);
        String read = issueKey(shopId, "read");
        vendorError(HttpRequest.POST(SET, Map.of("shop_id", shopId, "shop_secret", read, "id", "body-2")), 403);
        // none of the refused writes created anything
        vendorError(HttpRequest.GET("/dialects/personaclick/profile?id=body-2").bearerAuth(secret), 404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void mobile_push_tokens_become_device_ids_with_subscriptions() {
        String[] tenant = tenantWithKey("write");
        String key = tenant[1];
        assertThat(send(HttpRequest.POST("/dialects/personaclick/mobile_push_tokens", Map.of("did", "dev-ios-1",
                "token", "apns-token-1", "platform", "ios")), key).body()).isEqualTo(Map.of("status", "success"));
        assertThat(client().exchange(HttpRequest.POST("/dialects/personaclick/mobile_push_tokens", Map.of(
                "shop_id", tenant[0], "shop_secret", key, "did", "dev-android-1", "token", "fcm-token-1",
                "platform", "android")), JSON).body()).isEqualTo(Map.of("status", "success"));

        Map<String, Object> ios = send(HttpRequest.GET("/v1/customers/lookup?type=deviceId&value=dev-ios-1"), key)
                .body();
        assertThat((List<Map<String, Object>>) ios.get("pushSubscriptions")).singleElement().satisfies(p ->
                assertThat(p).containsEntry("provider", "apns").containsEntry("token", "apns-token-1"));
        Map<String, Object> android = send(HttpRequest.GET("/v1/customers/lookup?type=deviceId&value=dev-android-1"),
                key).body();
        assertThat((List<Map<String, Object>>) android.get("pushSubscriptions")).singleElement().satisfies(p ->
                assertThat(p).containsEntry("provider", "fcm").containsEntry("token", "fcm-token-1"));

        // profile set with the same did joins the device's customer
        send(HttpRequest.POST(SET, Map.of("did", "dev-ios-1", "email", "ios-user@shop.example.org")), key);
        assertThat(send(HttpRequest.GET("/dialects/personaclick/profile?did=dev-ios-1"), key).body())
                .containsEntry("email", "ios-user@shop.example.org").containsEntry("clientele_id", ios.get("id"));

        Map<String, Object> payload = vendorError(HttpRequest.POST("/dialects/personaclick/mobile_push_tokens",
                Map.of("did", "dev-2", "token", "t", "platform", "windows")).bearerAuth(key), 422);
        assertThat(fields(payload)).containsExactly("platform");
        payload = vendorError(HttpRequest.POST("/dialects/personaclick/mobile_push_tokens",
                Map.of("platform", "ios")).bearerAuth(key), 422);
        assertThat(fields(payload)).containsExactlyInAnyOrder("did", "token");
    }
}
