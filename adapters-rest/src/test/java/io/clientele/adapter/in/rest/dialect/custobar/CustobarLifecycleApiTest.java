package io.clientele.adapter.in.rest.dialect.custobar;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Custobar's irreversible is_deleted and is_forgotten on a real MariaDB through HTTP. */
@MicronautTest(transactional = false)
class CustobarLifecycleApiTest extends CustobarApiTestBase {

    @Test
    void isDeletedRemovesTheCustomerForGoodAndKeepsItsIdentifiersReserved() {
        String admin = newTenantKey("admin");
        List<Map<String, Object>> created = upload(admin, """
                [{"external_id": "D-1", "email": "d1@shop.fi", "first_name": "Dora"}, {"external_id": "K-1"}]""");
        String id = (String) created.get(0).get("id");

        List<Map<String, Object>> deleted = upload(admin, """
                [{"external_id": "D-1", "is_deleted": true}, {"external_id": "K-1", "city": "Oulu"}]""");

        assertThat(deleted.get(0)).containsEntry("outcome", "updated").containsEntry("id", id)
                .containsEntry("deleted", true);
        assertThat(deleted.get(1)).containsEntry("outcome", "updated");
        assertThat(data(admin, "external_id=D-1")).isEmpty();
        assertThat(data(admin, "email=d1@shop.fi")).isEmpty();
        assertThat(data(admin, "limit=100")).extracting(c -> c.get("external_id")).containsExactly("K-1");
        assertThatThrownBy(() -> nativeCustomer(admin, id)).isInstanceOfSatisfying(HttpClientResponseException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(404));

        // omitting the flag or setting it false doesn't bring it back, and creates nobody
        List<Map<String, Object>> later = upload(admin, """
                [{"email": "d1@shop.fi", "first_name": "Again"},
                 {"external_id": "D-1", "is_deleted": false},
                 {"external_id": "NEW-1", "email": "d1@shop.fi"}]""");
        assertThat(rejectedField(later.get(0), "email")).contains("deleted");
        assertThat(rejectedField(later.get(1), "is_deleted")).contains("can't be changed or restored");
        rejectedField(later.get(2), "external_id");
        assertThat(data(admin, "limit=100")).hasSize(1);

        // a retried deletion reads the same
        List<Map<String, Object>> retried = upload(admin, "[{\"external_id\": \"D-1\", \"is_deleted\": true}]");
        assertThat(retried.get(0)).containsEntry("outcome", "updated").containsEntry("deleted", true)
                .containsEntry("errors", List.of());
        // booleans are booleans: "yes" deleted a customer, irreversibly
        rejectedField(upload(admin, "[{\"external_id\": \"K-1\", \"is_deleted\": \"yes\"}]").get(0), "is_deleted");
        assertThat(data(admin, "external_id=K-1")).hasSize(1);
        // a JSON string among the records is refused in the reader's words, not echoed back as its message
        List<Map<String, Object>> odd = upload(admin, "{\"customers\": [\"x was deleted\"]}");
        assertThat(odd.get(0)).containsEntry("outcome", "rejected");
        assertThat(odd.get(0).get("errors").toString()).doesNotContain("x was deleted").contains("object of fields");
    }

    @Test
    void isDeletedForAnUnknownCustomerReservesItsIdentifiers() {
        String admin = newTenantKey("admin");

        List<Map<String, Object>> results = upload(admin, """
                [{"external_id": "GONE-1", "email": "gone@shop.fi", "is_deleted": "true"}]""");

        assertThat(results.get(0)).containsEntry("outcome", "created").containsEntry("deleted", true);
        assertThat(data(admin, "limit=100")).isEmpty();
        rejectedField(upload(admin, "[{\"email\": \"gone@shop.fi\"}]").get(0), "email");
    }

    @Test
    void isForgottenErasesTheCustomerAndALaterImportIsSomeoneNew() {
        String admin = newTenantKey("admin");
        List<Map<String, Object>> created = upload(admin, """
                [{"external_id": "F-1", "email": "f1@shop.fi", "phone_number": "+358401112223", "first_name": "Fanni",
                  "can_email": true, "COMPANY__level": "gold"}]""");
        String id = (String) created.get(0).get("id");
        // a later update through another of its identifiers
        upload(admin, "[{\"phone_number\": \"+358401112223\", \"city\": \"Oulu\"}]");

        List<Map<String, Object>> forgotten = upload(admin, """
                [{"email": "f1@shop.fi", "is_forgotten": true, "first_name": "ignored"}]""");

        assertThat(forgotten.get(0)).containsEntry("outcome", "updated").containsEntry("id", id)
                .containsEntry("forgotten", true);
        assertThat(data(admin, "limit=100")).isEmpty();
        assertThat(data(admin, "external_id=F-1")).isEmpty();

        // its identifiers were released: the same email later is a new, unrelated customer
        List<Map<String, Object>> again = upload(admin, """
                [{"external_id": "F-1", "email": "f1@shop.fi", "is_forgotten": false}]""");
        assertThat(again.get(0)).containsEntry("outcome", "created");
        assertThat(again.get(0).get("id")).isNotEqualTo(id);
        Map<String, Object> fresh = data(admin, "external_id=F-1").get(0);
        assertThat(fresh).doesNotContainKeys("first_name", "phone_number", "COMPANY__level")
                .containsEntry("can_email", false);

        // forgetting someone nobody holds leaves nothing held: success without an id
        List<Map<String, Object>> nobody = upload(admin, "[{\"email\": \"never@shop.fi\", \"is_forgotten\": true}]");
        assertThat(nobody.get(0)).containsEntry("outcome", "updated").containsEntry("forgotten", true)
                .doesNotContainKey("id");
        assertThat(data(admin, "limit=100")).hasSize(1);
    }

    @Test
    void isForgottenOverTwoCustomersOfARejectingTenantForgetsNeither() {
        String tenant = createTenant("FI", "Europe/Helsinki", "REJECT");
        String admin = issueKey(tenant, "admin");
        upload(admin, "[{\"external_id\": \"RA-1\", \"email\": \"ra1@shop.fi\"}]");
        upload(admin, "[{\"external_id\": \"RB-1\", \"email\": \"rb1@shop.fi\"}]");

        // a write naming both is refused as a conflict; forgetting both on it was irreversible
        List<Map<String, Object>> refused = upload(admin, """
                [{"external_id": "RA-1", "email": "rb1@shop.fi", "is_forgotten": true}]""");

        assertThat(refused.get(0)).containsEntry("outcome", "rejected").doesNotContainKey("forgotten");
        assertThat(data(admin, "external_id=RA-1")).hasSize(1);
        assertThat(data(admin, "external_id=RB-1")).hasSize(1);
    }

    @Test
    void isForgottenErasesADeletedCustomerAndReleasesItsIdentifiers() {
        String admin = newTenantKey("admin");
        String id = (String) upload(admin, """
                [{"external_id": "DF-1", "email": "df1@shop.fi", "first_name": "Dagmar"}]""").get(0).get("id");
        upload(admin, "[{\"external_id\": \"DF-1\", \"is_deleted\": true}]");

        List<Map<String, Object>> forgotten = upload(admin, "[{\"email\": \"df1@shop.fi\", \"is_forgotten\": true}]");

        assertThat(forgotten.get(0)).containsEntry("outcome", "updated").containsEntry("id", id)
                .containsEntry("forgotten", true);
        // the deleted customer's identifiers were reserved; forgetting released them
        List<Map<String, Object>> again = upload(admin, "[{\"external_id\": \"DF-1\", \"email\": \"df1@shop.fi\"}]");
        assertThat(again.get(0)).containsEntry("outcome", "created");
        assertThat(again.get(0).get("id")).isNotEqualTo(id);
        assertThat(data(admin, "external_id=DF-1").get(0)).doesNotContainKey("first_name");
    }

    @Test
    void theNativeViewAgreesThatDeletedAndForgottenCustomersAreGone() {
        String admin = newTenantKey("admin");
        List<Map<String, Object>> created = upload(admin, "[{\"external_id\": \"N-1\"}, {\"external_id\": \"N-2\"}]");
        upload(admin, "[{\"external_id\": \"N-1\", \"is_deleted\": true}, {\"external_id\": \"N-2\", \"is_forgotten\": true}]");
        for (Map<String, Object> result : created) {
            assertThatThrownBy(() -> nativeCustomer(admin, (String) result.get("id")))
                    .isInstanceOfSatisfying(HttpClientResponseException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(404));
        }
        assertThat(maps(client().retrieve(HttpRequest.GET("/v1/customers").bearerAuth(admin), JSON).get("items")))
                .isEmpty();
    }
}
