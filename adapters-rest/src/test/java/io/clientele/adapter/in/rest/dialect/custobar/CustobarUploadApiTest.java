package io.clientele.adapter.in.rest.dialect.custobar;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Custobar customer upload (seed 004) on a real MariaDB through HTTP. */
@MicronautTest(transactional = false)
class CustobarUploadApiTest extends CustobarApiTestBase {

    /** The seed page's upload example, as written. */
    static final String SEED_UPLOAD = """
            {
            "customers": [
            {
            "external_id": "3619490226",
            "first_name": "James",
            "last_name": "Carroll",
            "email": "james.carroll@example.org",
            "can_email": true,
            "phone_number": "+447757138957",
            "can_sms": true,
            "date_joined": "2015-11-23T13:11:23Z",
            "last_login": "2015-11-25T13:11:23Z",
            "language": "EN",
            "tags": ["kitchenware", "vip"],
            "COMPANY__customer_group": 1
            },
            {
            "external_id": "2319490132",
            "first_name": "Joshua",
            "last_name": "Stewart",
            "email": "josh@example.org",
            "street_address": "42 Red Lane",
            "date_joined": "2015-06-03T13:11:23Z",
            "last_login": "2017-10-15T03:01:13Z",
            "zip_code": "OX15 3PW",
            "city": "Epwell",
            "can_sms": false,
            "country": "GB",
            "language": "EN",
            "COMPANY__customer_group": 2
            }
            ]
            }""";

    /** The seed page's mailing_lists / tags edit example, as written. */
    static final String SEED_EDIT = """
            {
            "customers": [
            {
            "external_id": "3619490226",
            "first_name": "James",
            "last_name": "Carroll",
            "email": "james.carroll@example.org",
            "can_email": true,
            "tags.add": ["vip"],
            "mailing_lists.remove": ["kitchenware"]
            }
            ]
            }""";

    @Test
    void theSeedUploadExampleCreatesBothCustomersInCustobarTerms() {
        String key = newTenantKey("write");

        List<Map<String, Object>> results = upload(key, SEED_UPLOAD);

        assertThat(results).hasSize(2);
        assertThat(results.get(0)).containsEntry("index", 0).containsEntry("external_id", "3619490226")
                .containsEntry("outcome", "created").containsKey("id");
        assertThat(results.get(1)).containsEntry("index", 1).containsEntry("external_id", "2319490132")
                .containsEntry("outcome", "created");
        assertThat(maps(results.get(0).get("errors"))).isEmpty();

        Map<String, Object> james = data(key, "external_id=3619490226").get(0);
        assertThat(james).containsEntry("external_id", "3619490226").containsEntry("first_name", "James")
                .containsEntry("last_name", "Carroll").containsEntry("email", "james.carroll@example.org")
                .containsEntry("phone_number", "+447757138957").containsEntry("can_email", true)
                .containsEntry("can_sms", true).containsEntry("can_post", false).containsEntry("can_push", false)
                .containsEntry("can_profile", false).containsEntry("date_joined", "2015-11-23T13:11:23Z")
                .containsEntry("last_login", "2015-11-25T13:11:23Z").containsEntry("language", "en")
                .containsEntry("COMPANY__customer_group", "1")
                .doesNotContainKeys("city", "zip_code", "mailing_lists");
        assertThat((List<Object>) james.get("tags")).containsExactlyInAnyOrder("kitchenware", "vip");

        Map<String, Object> joshua = data(key, "email=josh@example.org").get(0);
        assertThat(joshua).containsEntry("external_id", "2319490132").containsEntry("street_address", "42 Red Lane")
                .containsEntry("zip_code", "OX15 3PW").containsEntry("city", "Epwell").containsEntry("country", "GB")
                .containsEntry("can_sms", false).containsEntry("can_email", false)
                .containsEntry("COMPANY__customer_group", "2").doesNotContainKeys("phone_number", "tags");

        // natively: identifiers and consents carry the dialect's source; the custom field is an attribute
        Map<String, Object> document = nativeCustomer(key, (String) results.get(0).get("id"));
        assertThat(maps(document.get("identifiers"))).allSatisfy(i -> assertThat(i).containsEntry("source", "CUSTOBAR"));
        assertThat(map(map(document.get("consents")).get("email"))).containsEntry("status", "granted")
                .containsEntry("source", "CUSTOBAR");
        assertThat(map(document.get("attributes"))).containsEntry("COMPANY__customer_group", "1");
        assertThat(map(document.get("profile"))).containsEntry("firstName", "James").containsEntry("language", "en");
        // an explicit false is recorded as a withdrawal; an omitted permission records nothing and reads false
        Map<String, Object> joshuaConsents = map(nativeCustomer(key, (String) results.get(1).get("id")).get("consents"));
        assertThat(map(joshuaConsents.get("sms"))).containsEntry("status", "withdrawn");
        assertThat(joshuaConsents).doesNotContainKey("email");
    }

    @Test
    void theSeedEditExampleAddsTagsRemovesMailingListsAndLeavesTheRestAlone() {
        String key = newTenantKey("write");
        upload(key, SEED_UPLOAD);
        upload(key, """
                [{"external_id": "3619490226", "mailing_lists": ["kitchenware", "newsletter"]}]""");

        List<Map<String, Object>> results = upload(key, SEED_EDIT);

        assertThat(results.get(0)).containsEntry("outcome", "updated").containsEntry("external_id", "3619490226");
        Map<String, Object> james = data(key, "external_id=3619490226").get(0);
        assertThat((List<Object>) james.get("tags")).containsExactlyInAnyOrder("kitchenware", "vip");
        assertThat((List<Object>) james.get("mailing_lists")).containsExactly("newsletter");
        // keys not sent stay as they were
        assertThat(james).containsEntry("phone_number", "+447757138957").containsEntry("can_sms", true)
                .containsEntry("language", "en").containsEntry("COMPANY__customer_group", "1");
        // can_email true again records no second event
        String id = (String) results.get(0).get("id");
        assertThat(maps(ledger(key, id).get("history"))).filteredOn(e -> "email".equals(e.get("channel"))).hasSize(1);
    }

    @Test
    void aBareArrayIsAcceptedAndTheUploadPathWorksWithoutTheTrailingSlash() {
        String key = newTenantKey("write");

        List<Map<String, Object>> results = upload(key, """
                [{"external_id": "A-1", "first_name": "Aino"}, {"email": "b@shop.fi"}]""");

        assertThat(results).extracting(r -> r.get("outcome")).containsExactly("created", "created");
        assertThat(results.get(1)).doesNotContainKey("external_id");
        Map<String, Object> response = client().retrieve(token(HttpRequest.POST(
                "/dialects/custobar/api/customers/upload", "[{\"external_id\": \"A-1\", \"city\": \"Oulu\"}]")
                .contentType(MediaType.APPLICATION_JSON_TYPE), key), JSON);
        assertThat(maps(response.get("results")).get(0)).containsEntry("outcome", "updated")
                .containsEntry("id", results.get(0).get("id"));
        assertThat(data(key, "external_id=A-1").get(0)).containsEntry("first_name", "Aino").containsEntry("city", "Oulu");
    }

    @Test
    void aPhoneNumberInTheCountryPrefixedFormatButWithoutItsPlusIsThatNumber() {
        // read against the tenant's region first, a German mobile in a German tenant got +49 twice
        String key = newTenantKey("write", "DE", "MERGE")[1];

        upload(key, "[{\"external_id\": \"D-1\", \"phone_number\": \"4917612345678\"}]", "application/json");

        assertThat(data(key, "external_id=D-1").get(0)).containsEntry("phone_number", "+4917612345678");
    }

    @Test
    void aNullIsAFieldNotSentOnlyAnEmptyStringRemoves() {
        String key = newTenantKey("write");
        upload(key, """
                [{"external_id": "N-1", "email": "n@shop.fi", "first_name": "Nina", "can_email": true,
                  "tags": ["vip"]}]""");

        upload(key, """
                [{"external_id": "N-1", "email": null, "first_name": null, "can_email": null, "tags": null,
                  "city": "Oulu"}]""");

        assertThat(data(key, "external_id=N-1").get(0)).containsEntry("email", "n@shop.fi")
                .containsEntry("first_name", "Nina").containsEntry("can_email", true)
                .containsEntry("tags", List.of("vip")).containsEntry("city", "Oulu");
        // a misspelt key is refused whatever its value
        assertThat(upload(key, "[{\"external_id\": \"N-1\", \"frist_name\": null}]").get(0))
                .containsEntry("outcome", "rejected");
    }

    @Test
    void csvAndTsvUploadsUseTheHeaderRowAsFieldNames() {
        String key = newTenantKey("write");
        String csv = "external_id,first_name,last_name,email,can_email,tags,COMPANY__segment,city\r\n"
                + "C-1,Anna,\"Virtanen, Jr.\",anna@shop.fi,true,vip,gold,Helsinki\r\n"
                + "C-2,\"Bo \"\"Bob\"\"\",Berg,bo@shop.fi,0,\"[\"\"a\"\",\"\"b\"\"]\",silver,Turku\r\n";

        List<Map<String, Object>> csvResults = upload(key, csv, "text/csv; charset=utf-8");

        assertThat(csvResults).extracting(r -> r.get("outcome")).containsExactly("created", "created");
        assertThat(csvResults).extracting(r -> r.get("external_id")).containsExactly("C-1", "C-2");
        Map<String, Object> anna = data(key, "external_id=C-1").get(0);
        assertThat(anna).containsEntry("last_name", "Virtanen, Jr.").containsEntry("can_email", true)
                .containsEntry("tags", List.of("vip")).containsEntry("COMPANY__segment", "gold");
        Map<String, Object> bo = data(key, "external_id=C-2").get(0);
        assertThat(bo).containsEntry("first_name", "Bo \"Bob\"").containsEntry("can_email", false);
        assertThat((List<Object>) bo.get("tags")).containsExactlyInAnyOrder("a", "b");

        String tsv = "external_id\tcity\ttags.add\tphone_number\n"
                + "C-1\tEspoo\tnew\t+358401234567\n"
                + "\n"
                + "T-3\tVantaa\t\t0401234568\n";
        List<Map<String, Object>> tsvResults = upload(key, tsv, "text/tab-separated-values");

        assertThat(tsvResults).extracting(r -> r.get("outcome")).containsExactly("updated", "created");
        assertThat(tsvResults.get(0)).containsEntry("id", csvResults.get(0).get("id"));
        Map<String, Object> updated = data(key, "external_id=C-1").get(0);
        assertThat(updated).containsEntry("city", "Espoo").containsEntry("first_name", "Anna")
                .containsEntry("phone_number", "+358401234567");
        assertThat((List<Object>) updated.get("tags")).containsExactlyInAnyOrder("vip", "new");
        // a national number is read with the tenant's region (FI)
        assertThat(data(key, "external_id=T-3").get(0)).containsEntry("phone_number", "+358401234568");

        // a row that does not fit the header is rejected alone
        List<Map<String, Object>> ragged = upload(key, "external_id,city\nR-1,Pori\nR-2,Pori,extra\n", "text/csv");
        assertThat(ragged.get(0)).containsEntry("outcome", "created");
        assertThat(ragged.get(1)).containsEntry("outcome", "rejected");
    }

    @Test
    void aBadRecordIsRejectedNamingItsFieldWhileTheGoodOnesLand() {
        String key = newTenantKey("write");

        List<Map<String, Object>> results = upload(key, """
                {"customers": [
                  {"external_id": "G-1", "first_name": "Good"},
                  {"external_id": "bad id!", "first_name": "Bad"},
                  {"external_id": "G-2", "email": "not-an-email"},
                  {"external_id": "G-3", "phone_number": "12"},
                  {"first_name": "Nobody"},
                  {"external_id": "G-4", "country": "Narnia", "birth_date": "14.06.1991"},
                  {"external_id": "G-5", "can_email": "maybe", "tags": {"x": 1}},
                  {"external_id": "G-6", "favourite_colour": "blue"},
                  {"external_id": "G-7", "email": "anonymous@example.com"},
                  "not an object",
                  {"external_id": "G-8", "last_name": "Good too"}
                ]}""");

        assertThat(results).hasSize(11);
        assertThat(results).extracting(r -> r.get("index")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(results.get(0)).containsEntry("outcome", "created");
        assertThat(results.get(10)).containsEntry("outcome", "created");
        assertThat(rejectedField(results.get(1), "external_id")).contains("letters, numbers and dashes");
        assertThat(results.get(1)).containsEntry("external_id", "bad id!").doesNotContainKey("id");
        rejectedField(results.get(2), "email");
        rejectedField(results.get(3), "phone_number");
        assertThat(rejectedField(results.get(4), "external_id")).contains("external_id, phone_number or email");
        assertThat(rejectedField(results.get(5), "country")).startsWith("country ");
        rejectedField(results.get(5), "birth_date");
        rejectedField(results.get(6), "can_email");
        rejectedField(results.get(6), "tags");
        rejectedField(results.get(7), "favourite_colour");
        rejectedField(results.get(8), "email");
        rejectedField(results.get(9), "");
        // nothing of the rejected records landed
        assertThat(data(key, "external_id=G-2")).isEmpty();
        assertThat(data(key, "external_id=G-4")).isEmpty();
        assertThat(data(key, "limit=100")).extracting(c -> c.get("external_id")).containsExactlyInAnyOrder("G-1", "G-8");
    }

    @Test
    void anEmptyStringRemovesTheKey() {
        String key = newTenantKey("write");
        upload(key, """
                [{"external_id": "E-1", "email": "e1@shop.fi", "phone_number": "+358401111111", "last_name": "Lahti",
                  "city": "Oulu", "canonical_id": "person-1", "tags": ["vip"], "mailing_lists": "news",
                  "COMPANY__level": "gold", "COMPANY__keep": "yes", "can_sms": true}]""");

        List<Map<String, Object>> results = upload(key, """
                [{"external_id": "E-1", "email": "", "last_name": "", "city": "", "canonical_id": "", "tags": "",
                  "mailing_lists": "", "COMPANY__level": "", "can_sms": ""}]""");

        assertThat(results.get(0)).containsEntry("outcome", "updated");
        Map<String, Object> customer = data(key, "external_id=E-1").get(0);
        assertThat(customer).doesNotContainKeys("email", "last_name", "city", "canonical_id", "tags", "mailing_lists",
                        "COMPANY__level")
                .containsEntry("phone_number", "+358401111111").containsEntry("COMPANY__keep", "yes")
                .containsEntry("can_sms", false);
        // the removed email no longer identifies the customer
        assertThat(data(key, "email=e1@shop.fi")).isEmpty();
        Map<String, Object> document = nativeCustomer(key, (String) results.get(0).get("id"));
        assertThat(maps(document.get("identifiers"))).extracting(i -> i.get("type"))
                .containsExactlyInAnyOrder("externalId", "phone");
    }

    @Test
    void aLaterImportsEmailAndPhoneReplaceTheHeldOnes() {
        String key = newTenantKey("write");
        String id = (String) upload(key, """
                [{"external_id": "R-1", "email": "old@shop.fi", "phone_number": "+358401111111",
                  "first_name": "Riku"}]""").get(0).get("id");

        // the seed: "only keys that are supplied in the later imports are updated"
        List<Map<String, Object>> results = upload(key, """
                [{"external_id": "R-1", "email": "new@shop.fi"},
                 {"external_id": "R-2", "email": "old@shop.fi"},
                 {"external_id": "R-1", "phone_number": "+358402222222"},
                 {"external_id": "R-1", "email": "NEW@shop.fi", "phone_number": "+358402222222"}]""");

        assertThat(results).extracting(r -> r.get("outcome")).containsExactly("updated", "created", "updated",
                "updated");
        assertThat(results.get(0)).containsEntry("id", id);
        Map<String, Object> customer = data(key, "external_id=R-1").get(0);
        assertThat(customer).containsEntry("email", "new@shop.fi").containsEntry("phone_number", "+358402222222")
                .containsEntry("first_name", "Riku");
        Map<String, Object> document = nativeCustomer(key, id);
        assertThat(maps(document.get("identifiers"))).extracting(i -> i.get("type") + "=" + i.get("value"))
                .containsExactlyInAnyOrder("externalId=R-1", "email=new@shop.fi", "phone=+358402222222");
        // the replaced email was free for the next record: a customer of its own, not a merge into R-1
        assertThat(results.get(1).get("id")).isNotEqualTo(id);
        assertThat(results.get(1)).doesNotContainKey("merged_from");
        assertThat(data(key, "email=old@shop.fi")).extracting(c -> c.get("external_id")).containsExactly("R-2");

        // an email the shop also sent through the native API is not Custobar's to replace: it stays, and the data
        // API shows the one the latest import gave
        send(HttpRequest.POST("/v1/customers", Map.of("identifiers", List.of(Map.of("type", "email",
                "value", "new@shop.fi")))), key);
        upload(key, "[{\"external_id\": \"R-1\", \"email\": \"latest@shop.fi\"}]");
        assertThat(maps(nativeCustomer(key, id).get("identifiers"))).extracting(i -> i.get("value"))
                .contains("new@shop.fi", "latest@shop.fi");
        assertThat(data(key, "external_id=R-1").get(0)).containsEntry("email", "latest@shop.fi");
    }

    @Test
    void tagsAndMailingListsTakeASingleStringOrAnArrayAndAddRemoveEdits() {
        String key = newTenantKey("write");
        upload(key, "[{\"external_id\": \"T-1\", \"tags\": \"vip\", \"mailing_lists\": \"weekly\"}]");
        assertThat(data(key, "external_id=T-1").get(0)).containsEntry("tags", List.of("vip"))
                .containsEntry("mailing_lists", List.of("weekly"));

        upload(key, """
                [{"external_id": "T-1", "tags.add": "kitchenware", "tags.remove": ["vip"],
                  "mailing_lists.add": ["monthly", "offers"], "mailing_lists.remove": "weekly"}]""");
        Map<String, Object> customer = data(key, "external_id=T-1").get(0);
        assertThat((List<Object>) customer.get("tags")).containsExactly("kitchenware");
        assertThat((List<Object>) customer.get("mailing_lists")).containsExactlyInAnyOrder("monthly", "offers");

        // an array replaces the whole set
        upload(key, "[{\"external_id\": \"T-1\", \"tags\": [\"a\", \"b\"]}]");
        assertThat((List<Object>) data(key, "external_id=T-1").get(0).get("tags")).containsExactlyInAnyOrder("a", "b");
        // the tag filter of the data API
        assertThat(data(key, "tags=a")).extracting(c -> c.get("external_id")).containsExactly("T-1");
        assertThat(data(key, "mailing_lists=offers")).hasSize(1);
        assertThat(data(key, "tags=vip")).isEmpty();
    }

    @Test
    void companyFieldsOfAnyUpperCasePrefixAreCustomAttributes() {
        String key = newTenantKey("write");

        List<Map<String, Object>> results = upload(key, """
                [{"external_id": "K-1", "COMPANY__loyalty_level": "gold", "ACME__visits": 12, "ACME__vip": true,
                  "Company__lower": "x"}]""");

        rejectedField(results.get(0), "Company__lower");
        results = upload(key, """
                [{"external_id": "K-1", "COMPANY__loyalty_level": "gold", "ACME__visits": 12, "ACME__vip": true}]""");
        assertThat(results.get(0)).containsEntry("outcome", "created");
        Map<String, Object> customer = data(key, "external_id=K-1").get(0);
        assertThat(customer).containsEntry("COMPANY__loyalty_level", "gold").containsEntry("ACME__visits", "12")
                .containsEntry("ACME__vip", "true");
        assertThat(map(nativeCustomer(key, (String) results.get(0).get("id")).get("attributes")))
                .containsEntry("COMPANY__loyalty_level", "gold");
        assertThat(data(key, "COMPANY__loyalty_level=gold")).hasSize(1);
        assertThat(data(key, "COMPANY__loyalty_level=silver")).isEmpty();
    }

    @Test
    void permissionsDefaultToFalseOnCreationAndStayAsTheyAreWhenOmitted() {
        String key = newTenantKey("write");
        List<Map<String, Object>> created = upload(key, """
                [{"external_id": "P-1", "can_email": true, "can_profile": true}]""");
        String id = (String) created.get(0).get("id");
        assertThat(data(key, "external_id=P-1").get(0)).containsEntry("can_email", true)
                .containsEntry("can_profile", true).containsEntry("can_sms", false).containsEntry("can_post", false)
                .containsEntry("can_push", false);

        upload(key, "[{\"external_id\": \"P-1\", \"first_name\": \"Pia\"}]");
        assertThat(data(key, "external_id=P-1").get(0)).containsEntry("can_email", true)
                .containsEntry("can_profile", true).containsEntry("can_sms", false);
        assertThat(maps(ledger(key, id).get("history"))).hasSize(2);

        // the same value again records nothing; a change records one event
        upload(key, "[{\"external_id\": \"P-1\", \"can_email\": true, \"can_push\": false}]");
        assertThat(maps(ledger(key, id).get("history"))).hasSize(3);
        upload(key, "[{\"external_id\": \"P-1\", \"can_email\": false, \"can_push\": false}]");
        List<Map<String, Object>> history = maps(ledger(key, id).get("history"));
        assertThat(history).hasSize(4);
        assertThat(history).allSatisfy(e -> assertThat(e).containsEntry("source", "CUSTOBAR"));
        assertThat(map(map(ledger(key, id).get("current")).get("email"))).containsEntry("status", "withdrawn");
        assertThat(data(key, "external_id=P-1").get(0)).containsEntry("can_email", false)
                .containsEntry("can_profile", true);
        assertThat(data(key, "can_profile=true")).hasSize(1);
        assertThat(data(key, "can_email=true")).isEmpty();
        assertThat(data(key, "can_email=false")).hasSize(1);
        // natively, the consent list filter agrees: only granted counts
        Map<String, Object> granted = client().retrieve(HttpRequest.GET("/v1/customers?consent=email").bearerAuth(key), JSON);
        assertThat(maps(granted.get("items"))).isEmpty();
    }

    @Test
    void aRetriedUploadFindsTheSameCustomersAndDuplicatesNobody() {
        String key = newTenantKey("write");
        List<Map<String, Object>> first = upload(key, SEED_UPLOAD);
        List<Map<String, Object>> again = upload(key, SEED_UPLOAD);

        assertThat(again).extracting(r -> r.get("outcome")).containsExactly("updated", "updated");
        assertThat(again).extracting(r -> r.get("id")).containsExactlyElementsOf(
                first.stream().map(r -> r.get("id")).toList());
        assertThat(data(key, "limit=100")).hasSize(2);
        // no second consent event either
        assertThat(maps(ledger(key, (String) first.get(0).get("id")).get("history"))).hasSize(2);

        // the same person by another identifier only: still one customer
        List<Map<String, Object>> byEmail = upload(key, "[{\"email\": \"JAMES.CARROLL@example.org\", \"city\": \"Leeds\"}]");
        assertThat(byEmail.get(0)).containsEntry("outcome", "updated").containsEntry("id", first.get(0).get("id"));
        assertThat(data(key, "limit=100")).hasSize(2);
    }

    @Test
    void aRecordNamingTwoCustomersMergesThemIntoTheOldest() {
        String key = newTenantKey("write");
        List<Map<String, Object>> first = upload(key, "[{\"external_id\": \"M-1\"}, {\"email\": \"m2@shop.fi\"}]");

        List<Map<String, Object>> merged = upload(key, "[{\"external_id\": \"M-1\", \"email\": \"m2@shop.fi\"}]");

        assertThat(merged.get(0)).containsEntry("outcome", "updated").containsEntry("id", first.get(0).get("id"))
                .containsEntry("merged_from", List.of(first.get(1).get("id")));
        assertThat(data(key, "limit=100")).hasSize(1);
    }

    @Test
    void anUnreadableBodyIsA400InCustobarsErrorShape() {
        String key = newTenantKey("write");
        assertThat(vendorError(token(HttpRequest.POST(UPLOAD, "{not json").contentType(MediaType.APPLICATION_JSON), key),
                400)).first().asString().contains("JSON");
        vendorError(token(HttpRequest.POST(UPLOAD, "{\"clients\": []}").contentType(MediaType.APPLICATION_JSON), key), 400);
        vendorError(token(HttpRequest.POST(UPLOAD, "\"text\"").contentType(MediaType.APPLICATION_JSON), key), 400);
        vendorError(token(HttpRequest.POST(UPLOAD, "external_id\n\"open").contentType("text/csv"), key), 400);
        vendorError(token(HttpRequest.POST(UPLOAD, "").contentType("text/csv"), key), 400);
        // more than one batch may hold
        String tooMany = "[" + "{},".repeat(10_000) + "{}]";
        assertThat(vendorError(token(HttpRequest.POST(UPLOAD, tooMany).contentType(MediaType.APPLICATION_JSON), key),
                413)).first().asString().contains("10000");
        // an empty list is a valid, empty upload
        assertThat(upload(key, "{\"customers\": []}")).isEmpty();
    }

    @Test
    void errorsRaisedOutsideTheDialectAreInCustobarsShapeToo() {
        String key = newTenantKey("write");
        // a wrong key, a reused Idempotency-Key with another body, a body type the upload does not read
        vendorError(token(HttpRequest.POST(UPLOAD, "[]").contentType(MediaType.APPLICATION_JSON), "wrong-key"), 401);
        client().exchange(token(HttpRequest.POST(UPLOAD, "[{\"external_id\": \"I-1\"}]")
                .contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "same-key"), key), JSON);
        assertThat(vendorError(token(HttpRequest.POST(UPLOAD, "[{\"external_id\": \"I-2\"}]")
                .contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "same-key"), key), 422))
                .first().asString().contains("Idempotency-Key");
        vendorError(token(HttpRequest.POST(UPLOAD, "<customers/>").contentType(MediaType.APPLICATION_XML), key), 415);
    }

    @Test
    void custobarCredentialsWorkAndAReadKeyCannotUpload() {
        String[] tenant = newTenant();
        String body = "[{\"external_id\": \"Z-1\"}]";
        Map<String, Object> viaBasic = client().retrieve(basic(HttpRequest.POST(UPLOAD, body)
                .contentType(MediaType.APPLICATION_JSON), tenant[2]), JSON);
        assertThat(maps(viaBasic.get("results")).get(0)).containsEntry("outcome", "created");
        Map<String, Object> viaBasicRead = client().retrieve(basic(HttpRequest.GET(DATA + "?external_id=Z-1"),
                tenant[1]), JSON);
        assertThat(maps(viaBasicRead.get("customers"))).hasSize(1);
        assertThatThrownBy(() -> client().exchange(token(HttpRequest.POST(UPLOAD, body)
                .contentType(MediaType.APPLICATION_JSON), tenant[1]), JSON))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(403));
        assertThatThrownBy(() -> client().exchange(HttpRequest.POST(UPLOAD, body)
                .contentType(MediaType.APPLICATION_JSON), JSON))
                .isInstanceOfSatisfying(HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(401));
        // another tenant's key sees nothing of this one
        assertThat(data(newTenantKey("read"), "external_id=Z-1")).isEmpty();
    }

    @Test
    void deletingOrForgettingNeedsAnAdminKey() {
        String key = newTenantKey("write");
        List<Map<String, Object>> results = upload(key, """
                [{"external_id": "D-1", "is_deleted": true}, {"external_id": "D-2", "is_forgotten": true},
                 {"external_id": "D-3", "is_deleted": false, "is_forgotten": false}]""");
        rejectedField(results.get(0), "is_deleted");
        rejectedField(results.get(1), "is_forgotten");
        assertThat(results.get(2)).containsEntry("outcome", "created");
        assertThat(data(key, "external_id=D-1")).isEmpty();
    }

    @Test
    void aLargeMixedUploadGivesEveryRecordTheOutcomeItWouldHaveAloneInUploadOrder() {
        String key = newTenantKey("admin");
        StringBuilder seed = new StringBuilder("[");
        for (int i = 0; i < 300; i++) {
            seed.append(i == 0 ? "" : ",").append("{\"external_id\": \"L-").append(i).append("\", \"city\": \"Old\"}");
        }
        upload(key, seed.append("]").toString());
        upload(key, "[{\"external_id\": \"GONE\"}, {\"external_id\": \"M-A\"}, {\"email\": \"m-b@shop.fi\"}]");

        // 1,200 records: 300 updates and 900 creates across three chunks, with records in them that must go alone
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 1_200; i++) {
            String record = switch (i) {
                case 100 -> "{\"external_id\": \"L-5\", \"city\": \"Second\"}";       // L-5 again, after 5
                case 250 -> "{\"external_id\": \"BAD ID\"}";                              // rejected by the reader
                case 600 -> "{\"external_id\": \"GONE\", \"is_deleted\": true}";          // alone: deletes
                case 700 -> "{\"external_id\": \"GONE\", \"city\": \"Back\"}";          // after the delete
                case 800 -> "{\"external_id\": \"M-A\", \"email\": \"m-b@shop.fi\"}";   // merges two customers
                case 900 -> "{\"external_id\": \"N-900\", \"phone_number\": \"12\"}";   // invalid phone
                default -> "{\"external_id\": \"" + (i < 300 ? "L-" + i : "N-" + i) + "\", \"city\": \"C" + i + "\"}";
            };
            body.append(i == 0 ? "" : ",").append(record);
        }

        List<Map<String, Object>> results = upload(key, body.append("]").toString());

        assertThat(results).hasSize(1_200);
        assertThat(results).extracting(r -> r.get("index")).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 1_200).boxed().toList());
        assertThat(results.subList(0, 100)).allMatch(r -> "updated".equals(r.get("outcome")));
        assertThat(results.get(100)).containsEntry("outcome", "updated")
                .containsEntry("id", results.get(5).get("id"));
        assertThat(results.get(250)).containsEntry("outcome", "rejected");
        assertThat(results.get(600)).containsEntry("outcome", "updated").containsEntry("deleted", true);
        assertThat(rejectedField(results.get(700), "external_id")).contains("was deleted");
        assertThat(results.get(800)).containsEntry("outcome", "updated").containsKey("merged_from");
        rejectedField(results.get(900), "phone_number");
        assertThat(results.subList(301, 600)).allMatch(r -> "created".equals(r.get("outcome")));
        assertThat(results).filteredOn(r -> "created".equals(r.get("outcome"))).hasSize(900 - 4);
        // the later record wins, the first round's values are gone, nothing rejected landed
        assertThat(data(key, "external_id=L-5").get(0)).containsEntry("city", "Second");
        assertThat(data(key, "external_id=L-299").get(0)).containsEntry("city", "C299");
        assertThat(data(key, "external_id=N-1199").get(0)).containsEntry("city", "C1199");
        assertThat(data(key, "external_id=N-900")).isEmpty();
        assertThat(data(key, "external_id=GONE")).isEmpty();
    }
}
