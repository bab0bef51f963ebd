package io.clientele.adapter.in.rest.dialect.capillary;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Capillary "Add Customer" (v2), lookup and customerDetails (seed 003) through HTTP on a real MariaDB. */
@MicronautTest(transactional = false)
class CapillaryCustomerApiTest extends CapillaryApiTestBase {

    private static final String BASE = "/dialects/capillary/v2/customers";

    /** The page's request body: every parameter of its table, as a Capillary client sends them. */
    private static final String PAGE_EXAMPLE = """
            {
              "loyaltyType": "loyalty",
              "profiles": [
                {
                  "firstName": "Tom",
                  "lastName": "Sawyer",
                  "identifiers": [
                    {"type": "mobile", "value": "919845012345"},
                    {"type": "email", "value": "tom.sawyer@example.com"},
                    {"type": "externalId", "value": "ext-1001"}
                  ],
                  "source": "INSTORE",
                  "fields": {"dateofbirth": "1990-01-01", "occupation": "painter"},
                  "commChannels": [
                    {"type": "email", "value": "tom.sawyer@example.com", "primary": true, "verified": true,
                     "subscribed": true, "meta": {"lastViewedDate": "", "residence": true}},
                    {"type": "mobile", "value": "919845012345", "primary": true, "verified": false,
                     "subscribed": false}
                  ]
                }
              ],
              "createDate": "2024-01-15T10:30:00+05:30",
              "associatedWith": "till.code_1",
              "extendedFields": {"gender": "Male", "preferred_store": "blr-1"},
              "loyaltyProgramEnrollments": [
                {"programId": 7, "tierNumber": 1, "loyaltyPoints": 100,
                 "tierExpiryDate": "2026-12-31T23:59:59+05:30", "pointsExpiryDate": "2026-06-30T23:59:59+05:30"}
              ]
            }
            """;

    private String[] tenant;
    private String key;

    private String[] newOrg() {
        String[] org = newTenantKey("admin", "IN");
        send(HttpRequest.PUT("/v1/extended-fields/gender", Map.of("type", "enum",
                "allowedValues", List.of("Male", "Female", "Other"))), org[1]);
        send(HttpRequest.PUT("/v1/extended-fields/preferred_store", Map.of("type", "string")), org[1]);
        send(HttpRequest.PUT("/v1/loyalty-programmes/7", Map.of("name", "Club",
                "tiers", List.of(Map.of("number", 1, "name", "Silver"), Map.of("number", 2, "name", "Gold")))),
                org[1]);
        tenant = org;
        key = org[1];
        return org;
    }

    private static MutableHttpRequest<String> post(String json) {
        return HttpRequest.POST(BASE, json).contentType(MediaType.APPLICATION_JSON);
    }

    private Map<String, Object> register(String json) {
        try {
            HttpResponse<Map<String, Object>> response = send(post(json), key);
            assertThat(response.getStatus().getCode()).isEqualTo(200);
            return response.body();
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            throw new AssertionError("registration refused: " + e.getResponse().getBody(JSON).orElse(null), e);
        }
    }

    private static String profile(String source, String identifiers) {
        return "{\"profiles\": [{\"source\": \"" + source + "\", \"identifiers\": [" + identifiers + "]}]}";
    }

    private static String email(String value) {
        return "{\"type\": \"email\", \"value\": \"" + value + "\"}";
    }

    private Map<String, Object> nativeDocument(String id) {
        return send(HttpRequest.GET("/v1/customers/" + id), key).body();
    }

    private static String query(String source, String name, String value) {
        return "?source=" + source + "&identifierName=" + name + "&identifierValue="
                + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static Map<String, Object> error(Map<String, Object> body) {
        assertThat(body).containsEntry("warnings", List.of()).containsKey("errors");
        assertThat(list(body.get("errors"))).isNotEmpty();
        return list(body.get("errors")).get(0);
    }

    private static Map<String, Object> identifier(Map<String, Object> document, String type) {
        return list(document.get("identifiers")).stream().filter(i -> type.equals(i.get("type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + document.get("identifiers")));
    }

    @Test
    void thePageExampleRegistersAFreshCustomerWithEveryParameterMapped() {
        newOrg();

        Map<String, Object> body = register(PAGE_EXAMPLE);

        assertThat(body).containsOnlyKeys("createdId", "warnings", "sideEffects")
                .containsEntry("warnings", List.of()).containsEntry("sideEffects", List.of());
        String id = (String) body.get("createdId");
        Map<String, Object> customer = nativeDocument(id);
        Map<String, Object> profile = map(customer.get("profile"));
        assertThat(profile).containsEntry("firstName", "Tom").containsEntry("lastName", "Sawyer")
                .containsEntry("loyaltyType", "loyalty").containsEntry("registeredTill", "till.code_1")
                .containsEntry("registeredAt", "2024-01-15T05:00:00Z").containsEntry("dateJoined", "2024-01-15T05:00:00Z");
        Map<String, Object> phone = identifier(customer, "phone");
        assertThat(phone).containsEntry("value", "+919845012345").containsEntry("source", "INSTORE")
                .containsEntry("primary", true).containsEntry("verified", false).containsEntry("subscribed", false);
        assertThat(identifier(customer, "email")).containsEntry("value", "tom.sawyer@example.com")
                .containsEntry("primary", true).containsEntry("verified", true).containsEntry("subscribed", true);
        assertThat(identifier(customer, "externalId")).containsEntry("value", "ext-1001")
                .containsEntry("source", "INSTORE");
        assertThat(list(customer.get("identifiers"))).hasSize(3);
        assertThat(map(customer.get("attributes"))).containsEntry("dateofbirth", "1990-01-01")
                .containsEntry("occupation", "painter");
        assertThat(map(customer.get("extendedFields"))).containsEntry("gender", "Male")
                .containsEntry("preferred_store", "blr-1");
        Map<String, Object> enrolment = list(map(customer.get("loyalty")).get("enrolments")).get(0);
        assertThat(enrolment).containsEntry("programmeId", 7).containsEntry("tierNumber", 1)
                .containsEntry("points", 100).containsEntry("tierExpiry", "2026-12-31T18:29:59Z");
        // "subscribed for the org's newsletters": the email and SMS consents, recorded from the source
        Map<String, Object> consents = map(customer.get("consents"));
        assertThat(map(consents.get("email"))).containsEntry("status", "granted").containsEntry("source", "INSTORE");
        assertThat(map(consents.get("sms"))).containsEntry("status", "withdrawn");
        assertThat((List<?>) send(HttpRequest.GET("/v1/customers?consent=email"), key).body().get("items")).hasSize(1);
    }

    @Test
    void anIdentifierInTwoProfilesIsSeenFromBothSources() {
        newOrg();
        String id = (String) register("""
                {"profiles": [{"source": "INSTORE", "identifiers": [{"type": "email", "value": "e2@example.com"}]},
                              {"source": "WEBSITE", "identifiers": [{"type": "email", "value": "e2@example.com"}]}]}
                """).get("createdId");

        // the second profile's source was dropped: only INSTORE was kept
        assertThat(list(nativeDocument(id).get("identifiers")).get(0).toString()).contains("INSTORE", "WEBSITE");
        // so the same source again is 8006 (it joined with 8050)
        Map<String, Object> again = failure(post(profile("WEBSITE", email("e2@example.com"))).bearerAuth(key), 409);
        assertThat(list(again.get("errors")).get(0)).containsEntry("code", 8006);
    }

    @Test
    void theSameIdentifierFromTheSameSourceIsRefusedWith8006() {
        newOrg();
        String id = (String) register(PAGE_EXAMPLE).get("createdId");
        Object version = nativeDocument(id).get("version");

        Map<String, Object> body = failure(post(profile("INSTORE", email("Tom.Sawyer@example.com")))
                .bearerAuth(key), 409);

        assertThat(body).containsEntry("warnings", List.of());
        assertThat(list(body.get("errors"))).containsExactly(Map.of("status", false, "code", 8006,
                "message", "Add failed, Customer already exists for same source",
                "field", "profiles[0].identifiers[0]"));
        // create only: nothing changed, nobody new
        assertThat(nativeDocument(id).get("version")).isEqualTo(version);
        assertThat(list(nativeDocument(id).get("identifiers"))).hasSize(3);
        // one identifier new, one seen from the same source: still refused, and the new one is not added
        failure(post(profile("INSTORE", email("new@example.com") + ", " + email("tom.sawyer@example.com")))
                .bearerAuth(key), 409);
        failure(HttpRequest.GET(BASE + "/lookup" + query("ALL", "email", "new@example.com")).bearerAuth(key), 404);
    }

    @Test
    void anIdentifierKnownFromAnotherSourceJoinsThatCustomerWith8050AndKeepsItsDetails() {
        newOrg();
        String id = (String) register(PAGE_EXAMPLE).get("createdId");

        Map<String, Object> body = register("""
                {"profiles": [{"firstName": "Thomas", "lastName": "S.", "source": "WEBSITE",
                  "identifiers": [{"type": "email", "value": "tom.sawyer@example.com"},
                                  {"type": "externalId", "value": "web-77"}],
                  "fields": {"occupation": "pirate", "newsletter": "weekly"}}],
                 "extendedFields": {"gender": "Other"}}
                """);

        assertThat(body).containsEntry("createdId", id).containsEntry("sideEffects", List.of());
        assertThat(list(body.get("warnings"))).containsExactly(Map.of("status", false, "code", 8050,
                "message", "Same Customer found in other sources,Combining"));
        Map<String, Object> customer = nativeDocument(id);
        assertThat(identifier(customer, "email").get("sources")).isEqualTo(List.of(
                Map.of("source", "INSTORE"), Map.of("source", "WEBSITE")));
        assertThat(list(customer.get("identifiers"))).extracting(i -> i.get("value")).contains("web-77");
        // the page: existing customer details are not updated by this API; blanks are filled
        assertThat(map(customer.get("profile"))).containsEntry("firstName", "Tom").containsEntry("lastName", "Sawyer");
        assertThat(map(customer.get("attributes"))).containsEntry("occupation", "painter")
                .containsEntry("newsletter", "weekly");
        assertThat(map(customer.get("extendedFields"))).containsEntry("gender", "Male");
        // and now the same source account knows it: a repeat is the same-source error
        failure(post(profile("WEBSITE", "{\"type\": \"externalId\", \"value\": \"web-77\"}")).bearerAuth(key), 409);
    }

    @Test
    void anotherSourceJoiningKeepsTheChannelFlagsHeldAndOnlyFillsBlanks() {
        newOrg();
        String id = (String) register(PAGE_EXAMPLE).get("createdId");

        // WEBSITE says the e-mail is not subscribed and the phone is verified: the in-store opt-in stays, the
        // phone's verification (held as false) stays too; nothing held is updated by this API
        register("""
                {"profiles": [{"source": "WEBSITE",
                  "identifiers": [{"type": "email", "value": "tom.sawyer@example.com"}],
                  "commChannels": [
                    {"type": "email", "value": "tom.sawyer@example.com", "primary": false, "verified": false,
                     "subscribed": false},
                    {"type": "mobile", "value": "919845012345", "primary": false, "verified": true,
                     "subscribed": true}]}]}
                """);

        Map<String, Object> customer = nativeDocument(id);
        assertThat(identifier(customer, "email")).containsEntry("primary", true).containsEntry("verified", true)
                .containsEntry("subscribed", true);
        assertThat(identifier(customer, "phone")).containsEntry("primary", true).containsEntry("verified", false)
                .containsEntry("subscribed", false);
        // the consents the in-store registration recorded stay, as the flags do
        Map<String, Object> consents = map(customer.get("consents"));
        assertThat(map(consents.get("email"))).containsEntry("status", "granted").containsEntry("source", "INSTORE");
        assertThat(map(consents.get("sms"))).containsEntry("status", "withdrawn").containsEntry("source", "INSTORE");
    }

    @Test
    void aCustomerCreatedThroughTheNativeApiJoinsWhenRegisteredFromWebsite() {
        newOrg();
        Map<String, Object> created = send(HttpRequest.POST("/v1/customers", Map.of("identifiers",
                List.of(Map.of("type", "email", "value", "Anna@Example.com")),
                "profile", Map.of("firstName", "Anna"))), key).body();
        String id = (String) created.get("id");
        assertThat(identifier(created, "email")).containsEntry("source", "API");

        Map<String, Object> body = register("""
                {"profiles": [{"firstName": "Anna", "lastName": "Ivanova", "source": "WEBSITE",
                  "identifiers": [{"type": "email", "value": "anna@example.com"}]}]}
                """);

        assertThat(body).containsEntry("createdId", id);
        assertThat(list(body.get("warnings"))).extracting(w -> w.get("code")).containsExactly(8050);
        Map<String, Object> customer = nativeDocument(id);
        assertThat(identifier(customer, "email").get("sources")).isEqualTo(List.of(
                Map.of("source", "API"), Map.of("source", "WEBSITE")));
        assertThat(map(customer.get("profile"))).containsEntry("lastName", "Ivanova");
        // the WEBSITE account now exists: registering it again is refused
        Map<String, Object> again = failure(post(profile("WEBSITE", email("anna@example.com"))).bearerAuth(key), 409);
        assertThat(error(again)).containsEntry("code", 8006);
    }

    @Test
    void aNewAccountOfTheSameSourceIsAnotherSourceAccount() {
        newOrg();
        String first = (String) register("""
                {"profiles": [{"source": "WECHAT", "accountId": "acc-1",
                  "identifiers": [{"type": "wechat", "value": "wx-openid-1"}]}]}
                """).get("createdId");

        Map<String, Object> second = register("""
                {"profiles": [{"source": "WECHAT", "accountId": "acc-2",
                  "identifiers": [{"type": "wechat", "value": "wx-openid-1"}]}]}
                """);

        assertThat(second).containsEntry("createdId", first);
        assertThat(list(second.get("warnings"))).extracting(w -> w.get("code")).containsExactly(8050);
        Map<String, Object> sameAccount = failure(post("""
                {"profiles": [{"source": "WECHAT", "accountId": "acc-1",
                  "identifiers": [{"type": "wechat", "value": "wx-openid-1"}]}]}
                """).bearerAuth(key), 409);
        assertThat(error(sameAccount)).containsEntry("code", 8006);
        // lookups by account
        String lookup = BASE + "/lookup" + query("WECHAT", "wechat", "wx-openid-1");
        assertThat(send(HttpRequest.GET(lookup + "&accountId=acc-2"), key).body()).containsEntry("entity", first);
        assertThat(error(failure(HttpRequest.GET(lookup + "&accountId=acc-3").bearerAuth(key), 404)))
                .containsEntry("code", 8015);
        // a source with one account takes none: an INSTORE "account" would let the same mobile register twice
        Map<String, Object> instoreAccount = failure(post("""
                {"profiles": [{"source": "INSTORE", "accountId": "store-12",
                  "identifiers": [{"type": "mobile", "value": "919811112222"}]}]}
                """).bearerAuth(key), 400);
        assertThat(error(instoreAccount)).containsEntry("code", 8012)
                .containsEntry("field", "profiles[0].accountId");
    }

    @Test
    void aMobileSentWithItsCountryCodeButNoPlusIsThatNumberWhateverTheTenantsRegion() {
        // read against the tenant's region first, a German mobile in a German tenant got +49 twice
        String[] org = newTenantKey("admin", "DE");
        tenant = org;
        key = org[1];
        String id = (String) register("""
                {"profiles": [{"firstName": "Jonas", "source": "INSTORE",
                  "identifiers": [{"type": "mobile", "value": "4917612345678"}]}]}""").get("createdId");

        assertThat(send(HttpRequest.GET("/v1/customers/lookup?type=phone&value=%2B4917612345678"), key).body())
                .containsEntry("id", id);
        assertThat(send(HttpRequest.GET(BASE + "/lookup" + query("INSTORE", "mobile", "4917612345678")), key).body())
                .containsEntry("entity", id);
    }

    @Test
    void errorsRaisedOutsideTheDialectAreInCapillarysShapeToo() {
        newOrg();
        for (Map<String, Object> refused : List.of(
                failure(post("{}").bearerAuth("wrong-key"), 401),
                failure(HttpRequest.POST(BASE, "<profiles/>").contentType(MediaType.APPLICATION_XML).bearerAuth(key),
                        415))) {
            assertThat(refused).containsEntry("warnings", List.of());
            assertThat(list(refused.get("errors"))).singleElement().satisfies(error -> assertThat(error)
                    .containsEntry("status", false).containsEntry("code", 8001).containsKey("message"));
        }
    }

    @Test
    void lookupBySourceOrAll() {
        newOrg();
        String id = (String) register(PAGE_EXAMPLE).get("createdId");
        String readKey = issueKey(tenant[0], "read");

        Map<String, Object> found = send(HttpRequest.GET(BASE + "/lookup" + query("INSTORE", "mobile", "919845012345")),
                readKey).body();
        assertThat(found).containsExactly(Map.entry("entity", id), Map.entry("warnings", List.of()));
        // the same number as others write it, and through every source
        assertThat(send(HttpRequest.GET(BASE + "/lookup" + query("ALL", "mobile", "+91 98450 12345")), readKey).body())
                .containsEntry("entity", id);
        assertThat(send(HttpRequest.GET(BASE + "/lookup" + query("all", "externalId", "ext-1001")), readKey).body())
                .containsEntry("entity", id);
        // seen only from INSTORE: a WEBSITE lookup finds nobody
        Map<String, Object> notFromWebsite = failure(HttpRequest.GET(BASE + "/lookup"
                + query("WEBSITE", "email", "tom.sawyer@example.com")).bearerAuth(readKey), 404);
        assertThat(notFromWebsite).containsEntry("warnings", List.of());
        assertThat(list(notFromWebsite.get("errors"))).containsExactly(Map.of("status", false, "code", 8015,
                "message", "Customer not found for the given identifiers"));
        assertThat(error(failure(HttpRequest.GET(BASE + "/lookup" + query("ALL", "email", "someone.else@example.com"))
                .bearerAuth(readKey), 404))).containsEntry("code", 8015);
        // bad parameters, in Capillary's terms
        assertThat(error(failure(HttpRequest.GET(BASE + "/lookup" + query("SHOP", "email", "a@b.com"))
                .bearerAuth(readKey), 400))).containsEntry("code", 8011).containsEntry("field", "source");
        assertThat(error(failure(HttpRequest.GET(BASE + "/lookup" + query("ALL", "passport", "1"))
                .bearerAuth(readKey), 400))).containsEntry("code", 8013).containsEntry("field", "identifierName");
        assertThat(error(failure(HttpRequest.GET(BASE + "/lookup" + query("ALL", "email", "not-an-email"))
                .bearerAuth(readKey), 400))).containsEntry("code", 8013).containsEntry("field", "identifierValue");
    }

    @Test
    void customerDetailsShowsOneProfilePerSourceAccount() {
        newOrg();
        String id = (String) register(PAGE_EXAMPLE).get("createdId");
        register("""
                {"profiles": [{"source": "WEBSITE", "identifiers": [{"type": "email", "value": "tom.sawyer@example.com"}],
                  "commChannels": [{"type": "android", "value": "fcm-token-1"}]}]}
                """);

        Map<String, Object> all = send(HttpRequest.GET(BASE + "/lookup/customerDetails"
                + query("ALL", "email", "tom.sawyer@example.com")), key).body();

        assertThat(all).containsKeys("id", "profiles", "loyaltyInfo", "extendedFields", "warnings")
                .containsEntry("id", id).containsEntry("warnings", List.of())
                .containsEntry("loyaltyInfo", Map.of("loyaltyType", "loyalty"))
                .containsEntry("extendedFields", Map.of("gender", "Male", "preferred_store", "blr-1"));
        List<Map<String, Object>> profiles = list(all.get("profiles"));
        assertThat(profiles).extracting(p -> p.get("source")).containsExactly("INSTORE", "WEBSITE");
        Map<String, Object> instore = profiles.get(0);
        assertThat(instore).containsEntry("firstName", "Tom").containsEntry("lastName", "Sawyer")
                .containsEntry("fields", Map.of("dateofbirth", "1990-01-01", "occupation", "painter"));
        assertThat(list(instore.get("identifiers"))).containsExactlyInAnyOrder(
                Map.of("type", "mobile", "value", "919845012345"),
                Map.of("type", "email", "value", "tom.sawyer@example.com"),
                Map.of("type", "externalId", "value", "ext-1001"));
        assertThat(list(instore.get("commChannels"))).contains(
                Map.of("type", "email", "value", "tom.sawyer@example.com", "primary", true, "verified", true,
                        "subscribed", true),
                Map.of("type", "android", "value", "fcm-token-1"));
        assertThat(list(profiles.get(1).get("identifiers"))).containsExactly(
                Map.of("type", "email", "value", "tom.sawyer@example.com"));

        Map<String, Object> website = send(HttpRequest.GET(BASE + "/lookup/customerDetails"
                + query("WEBSITE", "email", "tom.sawyer@example.com")), key).body();
        assertThat(list(website.get("profiles"))).extracting(p -> p.get("source")).containsExactly("WEBSITE");
        assertThat(error(failure(HttpRequest.GET(BASE + "/lookup/customerDetails"
                + query("WEBSITE", "mobile", "919845012345")).bearerAuth(key), 404))).containsEntry("code", 8015);
    }

    @Test
    void anUndeclaredExtendedFieldIsRefusedByItsName() {
        newOrg();

        Map<String, Object> body = failure(post("""
                {"profiles": [{"source": "INSTORE", "identifiers": [{"type": "email", "value": "x@example.com"}]}],
                 "extendedFields": {"gender": "Male", "nationality": "Indian"}}
                """).bearerAuth(key), 400);

        Map<String, Object> error = error(body);
        assertThat(list(body.get("errors"))).hasSize(1);
        assertThat(error).containsEntry("status", false).containsEntry("code", 8017)
                .containsEntry("field", "extendedFields.nationality");
        assertThat((String) error.get("message")).contains("extendedFields.nationality");
        // an ill-typed declared one too
        assertThat(error(failure(post("""
                {"profiles": [{"source": "INSTORE", "identifiers": [{"type": "email", "value": "x@example.com"}]}],
                 "extendedFields": {"gender": "Robot"}}
                """).bearerAuth(key), 400))).containsEntry("field", "extendedFields.gender");
        failure(HttpRequest.GET(BASE + "/lookup" + query("ALL", "email", "x@example.com")).bearerAuth(key), 404);
    }

    @Test
    void anEnrolmentInAnUndeclaredProgrammeOrTierIsRefused() {
        newOrg();

        Map<String, Object> programme = error(failure(post("""
                {"profiles": [{"source": "INSTORE", "identifiers": [{"type": "email", "value": "y@example.com"}]}],
                 "loyaltyProgramEnrollments": [{"programId": 7, "tierNumber": 2}, {"programId": 99, "tierNumber": 1}]}
                """).bearerAuth(key), 400));
        Map<String, Object> tier = error(failure(post("""
                {"profiles": [{"source": "INSTORE", "identifiers": [{"type": "email", "value": "y@example.com"}]}],
                 "loyaltyProgramEnrollments": [{"programId": 7, "tierNumber": 5}]}
                """).bearerAuth(key), 400));

        assertThat(programme).containsEntry("code", 8018).containsEntry("field", "loyaltyProgramEnrollments[1].programId");
        assertThat(tier).containsEntry("code", 8018).containsEntry("field", "loyaltyProgramEnrollments[0].tierNumber");
        failure(HttpRequest.GET(BASE + "/lookup" + query("ALL", "email", "y@example.com")).bearerAuth(key), 404);
    }

    @Test
    void cardIdentifiersCarryTheirSeries() {
        newOrg();
        String id = (String) register("""
                {"loyaltyType": "loyalty",
                 "profiles": [{"firstName": "Card", "lastName": "Holder", "source": "INSTORE",
                   "identifiers": [{"type": "mobile", "value": "919812345678"},
                                   {"type": "card", "value": "7700123", "seriesId": 12, "statusLabel": "ACTIVE"},
                                   {"type": "card", "value": "EXT-555", "seriesCode": "partner-cards",
                                    "statusLabel": "Issued"}]}]}
                """).get("createdId");

        Map<String, Object> customer = nativeDocument(id);
        assertThat(list(customer.get("identifiers"))).filteredOn(i -> "card".equals(i.get("type")))
                .extracting(i -> i.get("value")).containsExactlyInAnyOrder("7700123", "EXT-555");
        assertThat(send(HttpRequest.GET(BASE + "/lookup" + query("INSTORE", "cardnumber", "7700123")), key).body())
                .containsEntry("entity", id);
        Map<String, Object> details = send(HttpRequest.GET(BASE + "/lookup/customerDetails"
                + query("INSTORE", "cardnumber", "7700123")), key).body();
        Map<String, Object> profile = list(details.get("profiles")).get(0);
        assertThat(list(profile.get("identifiers"))).contains(
                Map.of("type", "cardnumber", "value", "7700123", "seriesId", 12, "statusLabel", "ACTIVE"),
                Map.of("type", "cardnumber", "value", "EXT-555", "seriesCode", "partner-cards",
                        "statusLabel", "Issued"));
        assertThat(map(profile.get("fields"))).isEmpty();

        // the card's series as another path wrote it, not a number: answered as written, not a 500
        send(HttpRequest.PATCH("/v1/customers/" + id, Map.of("attributes", Map.of("card.7700123.seriesId", "abc")))
                .contentType("application/merge-patch+json"), key);
        Map<String, Object> rewritten = list(list(send(HttpRequest.GET(BASE + "/lookup/customerDetails"
                + query("INSTORE", "cardnumber", "7700123")), key).body().get("profiles")).get(0).get("identifiers"))
                .stream().filter(i -> "7700123".equals(i.get("value"))).findFirst().orElseThrow();
        assertThat(rewritten).containsEntry("seriesId", "abc");

        // the page: seriesId (or seriesCode) and statusLabel are required for a card
        Map<String, Object> missing = failure(post("""
                {"profiles": [{"source": "INSTORE", "identifiers": [{"type": "card", "value": "7700999"}]}]}
                """).bearerAuth(key), 400);
        assertThat(list(missing.get("errors"))).extracting(e -> e.get("field")).containsExactly(
                "profiles[0].identifiers[0].seriesId", "profiles[0].identifiers[0].statusLabel");
        assertThat(list(missing.get("errors"))).extracting(e -> e.get("code")).containsOnly(8013);
    }

    @Test
    void invalidRequestsNameTheVendorsField() {
        newOrg();

        Map<String, Object> body = failure(post("""
                {"profiles": [{"source": "INSTORE",
                  "identifiers": [{"type": "email", "value": "anonymous@example.com"},
                                  {"type": "mobile", "value": "12"},
                                  {"type": "passport", "value": "X1"}]},
                  {"source": "SHOPIFY", "identifiers": [{"type": "email", "value": "ok@example.com"}]},
                  {"identifiers": [{"type": "email", "value": "ok2@example.com"}]}],
                 "loyaltyType": "gold", "createDate": "yesterday"}
                """).bearerAuth(key), 400);

        assertThat(list(body.get("errors"))).extracting(e -> e.get("field"), e -> e.get("code")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("profiles[0].identifiers[0].value", 8013),
                org.assertj.core.groups.Tuple.tuple("profiles[0].identifiers[1].value", 8013),
                org.assertj.core.groups.Tuple.tuple("profiles[0].identifiers[2].type", 8013),
                org.assertj.core.groups.Tuple.tuple("profiles[1].source", 8011),
                org.assertj.core.groups.Tuple.tuple("profiles[2].source", 8011),
                org.assertj.core.groups.Tuple.tuple("loyaltyType", 8016),
                org.assertj.core.groups.Tuple.tuple("createDate", 8016));
        assertThat(list(body.get("errors"))).allSatisfy(e -> assertThat(e).containsEntry("status", false));
        assertThat(body.toString()).doesNotContain("anonymous@example.com");

        assertThat(error(failure(post("{\"profiles\": [").bearerAuth(key), 400))).containsEntry("code", 8001);
        assertThat(error(failure(post("{\"profiles\": []}").bearerAuth(key), 400))).containsEntry("code", 8014);
        // a custom field under card. was stored and never read back (card details live there)
        assertThat(error(failure(post("""
                {"profiles": [{"source": "INSTORE", "identifiers": [{"type": "email", "value": "cf@example.com"}],
                 "fields": {"card.level": "gold"}}]}""").bearerAuth(key), 400)))
                .containsEntry("code", 8016).containsEntry("field", "profiles[0].fields.card.level");
        assertThat(error(failure(post("{\"profiles\": [{\"source\": \"INSTORE\", \"identifiers\": [], "
                + "\"nickname\": \"Tommy\"}]}").bearerAuth(key), 400)))
                .containsEntry("code", 8016).containsEntry("field", "profiles[0].nickname");
    }

    @Test
    void capitalisedNamesPlatformIdsAndDeviceChannelsAreRead() {
        newOrg();
        String id = (String) register("""
                {"profiles": [{"Firstname": "Li", "Lastname": "Wei", "source": "instore",
                  "identifiers": [{"type": "martjackId", "value": "mj-42"}, {"type": "fbId", "value": "fb-42"}],
                  "commChannels": [{"type": "ios", "value": "apns-token-42"},
                                   {"type": "mobilePush", "value": "push-user-42", "subscribed": true,
                                    "meta": {"lastViewedDate": "2024-03-01T08:00:00Z"}}]}]}
                """).get("createdId");

        Map<String, Object> customer = nativeDocument(id);
        assertThat(map(customer.get("profile"))).containsEntry("firstName", "Li").containsEntry("lastName", "Wei")
                .containsEntry("lastLogin", "2024-03-01T08:00:00Z");
        assertThat(list(customer.get("identifiers"))).extracting(i -> i.get("type"), i -> i.get("value"))
                .contains(org.assertj.core.groups.Tuple.tuple("fbId", "fb-42"),
                        org.assertj.core.groups.Tuple.tuple("martjackId", "mj-42"),
                        org.assertj.core.groups.Tuple.tuple("mobilePush", "push-user-42"));
        assertThat(list(customer.get("pushSubscriptions"))).extracting(p -> p.get("provider"), p -> p.get("token"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("apns", "apns-token-42"));
        assertThat(send(HttpRequest.GET(BASE + "/lookup" + query("INSTORE", "martjackId", "mj-42")), key).body())
                .containsEntry("entity", id);
        Map<String, Object> details = send(HttpRequest.GET(BASE + "/lookup/customerDetails"
                + query("ALL", "fbId", "fb-42")), key).body();
        assertThat(list(list(details.get("profiles")).get(0).get("commChannels"))).contains(
                Map.of("type", "mobilePush", "value", "push-user-42", "subscribed", true),
                Map.of("type", "ios", "value", "apns-token-42"));

        // a platform user name may be an email address (as a soft link, which these were, it was refused); the
        // native API finds it by its type, and by the soft link an older client asks for
        String jd = (String) register("""
                {"profiles": [{"source": "JD", "identifiers": [{"type": "jd_uname", "value": "li.wei@jd.example.com"},
                  {"type": "ali_uname", "value": "li.wei@taobao.example.com"}]}]}
                """).get("createdId");
        assertThat(send(HttpRequest.GET(BASE + "/lookup" + query("JD", "jd_uname", "li.wei@jd.example.com")), key)
                .body()).containsEntry("entity", jd);
        assertThat(send(HttpRequest.GET("/v1/customers/lookup?type=ali_uname&value="
                + URLEncoder.encode("li.wei@taobao.example.com", StandardCharsets.UTF_8)), key).body()).containsEntry("id", jd);
        assertThat(send(HttpRequest.GET("/v1/customers/lookup?type=softLink&name=martjackId&value=mj-42"), key)
                .body()).containsEntry("id", id);

        // the page types commChannels "obj": one channel sent without its array is that channel
        String single = (String) register("""
                {"profiles": [{"source": "INSTORE", "identifiers": [{"type": "email", "value": "one@example.com"}],
                  "commChannels": {"type": "android", "value": "fcm-token-single"}}]}
                """).get("createdId");
        assertThat(list(nativeDocument(single).get("pushSubscriptions"))).extracting(p -> p.get("token"))
                .containsExactly("fcm-token-single");
        // a device's subscribed flag is the push consent (it was accepted and dropped)
        String device = (String) register("""
                {"profiles": [{"source": "MOBILE_APP", "identifiers": [{"type": "email", "value": "dev@example.com"}],
                  "commChannels": [{"type": "ios", "value": "apns-tok-sub", "subscribed": true, "primary": true}]}]}
                """).get("createdId");
        assertThat(map(map(nativeDocument(device).get("consents")).get("push"))).containsEntry("status", "granted");
    }

    @Test
    void identifiersOfTwoCustomersFromOtherSourcesCombineThemUnlessTheOrgForbidsIt() {
        newOrg();
        String older = (String) register(profile("INSTORE", email("one@example.com"))).get("createdId");
        String newer = (String) register(profile("MOBILE_APP", email("two@example.com"))).get("createdId");

        Map<String, Object> combined = register(profile("WEBSITE", email("one@example.com") + ", "
                + email("two@example.com")));

        assertThat(combined).containsEntry("createdId", older);
        assertThat(list(combined.get("warnings"))).extracting(w -> w.get("code")).containsExactly(8050);
        assertThat(send(HttpRequest.GET(BASE + "/lookup" + query("MOBILE_APP", "email", "two@example.com")), key)
                .body()).containsEntry("entity", older);
        assertThat(nativeDocument(newer)).containsEntry("id", older);

        String rejecting = newTenantKey("write", "IN", "REJECT")[1];
        key = rejecting;
        register(profile("INSTORE", email("one@example.com")));
        register(profile("MOBILE_APP", email("two@example.com")));
        Map<String, Object> refused = failure(post(profile("WEBSITE", email("one@example.com") + ", "
                + email("two@example.com"))).bearerAuth(rejecting), 409);
        assertThat(error(refused)).containsEntry("status", false).containsEntry("code", 8019);
    }

    @Test
    void aDeletedCustomersIdentifiersStayReservedAndAForgottenOnesAreFree() {
        newOrg();
        String deleted = (String) register(profile("INSTORE", email("gone@example.com"))).get("createdId");
        send(HttpRequest.DELETE("/v1/customers/" + deleted), key);

        assertThat(error(failure(HttpRequest.GET(BASE + "/lookup" + query("ALL", "email", "gone@example.com"))
                .bearerAuth(key), 404))).containsEntry("code", 8015);
        assertThat(error(failure(post(profile("WEBSITE", email("gone@example.com"))).bearerAuth(key), 409)))
                .containsEntry("code", 8019);

        String forgotten = (String) register(profile("INSTORE", email("erased@example.com"))).get("createdId");
        send(HttpRequest.POST("/v1/customers/" + forgotten + "/forget", Map.of()), key);
        Map<String, Object> fresh = register(profile("INSTORE", email("erased@example.com")));
        assertThat(fresh.get("createdId")).isNotEqualTo(forgotten);
        assertThat(fresh).containsEntry("warnings", List.of());
    }

    @Test
    void capillaryCredentialsAndRoles() {
        newOrg();
        String basic = Base64.getEncoder().encodeToString(("capillary:" + key).getBytes(StandardCharsets.UTF_8));

        HttpResponse<Map<String, Object>> response = client().exchange(post(profile("INSTORE",
                email("basic@example.com"))).header("Authorization", "Basic " + basic), JSON);

        assertThat(response.getStatus().getCode()).isEqualTo(200);
        String readKey = issueKey(tenant[0], "read");
        failure(post(profile("INSTORE", email("reader@example.com"))).bearerAuth(readKey), 403);
        failure(post(profile("INSTORE", email("anon@example.com"))), 401);
        // another org's key sees nobody
        String[] other = newTenantKey("read", "IN");
        failure(HttpRequest.GET(BASE + "/lookup" + query("ALL", "email", "basic@example.com")).bearerAuth(other[1]),
                404);
    }
}
