package io.clientele.adapter.in.rest.dialect.custobar;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Custobar data retrieval API ({@code GET /api/data/customers/}) on a real MariaDB through HTTP. */
@MicronautTest(transactional = false)
class CustobarDataApiTest extends CustobarApiTestBase {

    private String seeded() {
        String[] tenant = newTenant();
        StringBuilder body = new StringBuilder("[");
        for (int i = 1; i <= 7; i++) {
            body.append(i > 1 ? "," : "").append("{\"external_id\": \"R-").append(i)
                    .append("\", \"first_name\": \"Name").append(i)
                    .append("\", \"city\": \"").append(i % 2 == 0 ? "Tampere" : "Oulu")
                    .append("\", \"tags\": \"").append(i <= 5 ? "club" : "other")
                    .append("\", \"canonical_id\": \"").append(i <= 2 ? "household-1" : "household-" + i)
                    .append("\", \"email\": \"r").append(i).append("@shop.fi\"}");
        }
        upload(tenant[2], body.append("]").toString());
        return tenant[1];
    }

    @Test
    void fieldsNarrowEachCustomerToExternalIdAndTheFieldsAsked() {
        String key = seeded();

        List<Map<String, Object>> customers = data(key, "external_id=R-3&fields=first_name,city,last_name");

        assertThat(customers).hasSize(1);
        // last_name is not held: left out
        assertThat(customers.get(0)).containsOnlyKeys("external_id", "first_name", "city")
                .containsEntry("first_name", "Name3").containsEntry("city", "Oulu");
        assertThat(data(key, "email=R3@SHOP.FI&fields=can_email").get(0)).containsOnlyKeys("external_id", "can_email")
                .containsEntry("can_email", false);
    }

    @Test
    void limitPagesWithNextUrlUntilEveryCustomerWasSeenOnce() {
        String key = seeded();

        Map<String, Object> page = dataResponse(key, "tags=club&limit=2&fields=first_name");
        List<Object> seen = new ArrayList<>();
        int pages = 0;
        while (true) {
            pages++;
            List<Map<String, Object>> customers = maps(page.get("customers"));
            assertThat(customers).hasSizeLessThanOrEqualTo(2)
                    .allSatisfy(c -> assertThat(c).containsOnlyKeys("external_id", "first_name"));
            customers.forEach(c -> seen.add(c.get("external_id")));
            if (!page.containsKey("next_url")) {
                break;
            }
            URI next = URI.create((String) page.get("next_url"));
            assertThat(next.getRawQuery()).contains("limit=2").contains("cursor=");
            page = client().retrieve(token(HttpRequest.GET(next.getRawPath() + "?" + next.getRawQuery()), key), JSON);
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrder("R-1", "R-2", "R-3", "R-4", "R-5");
    }

    @Test
    void anyFieldFilters() {
        String key = seeded();

        assertThat(data(key, "city=Tampere")).extracting(c -> c.get("external_id"))
                .containsExactlyInAnyOrder("R-2", "R-4", "R-6");
        assertThat(data(key, "city=Tampere&tags=club&limit=1")).hasSize(1);
        Map<String, Object> limited = dataResponse(key, "city=Tampere&limit=2");
        assertThat(maps(limited.get("customers"))).hasSize(2);
        assertThat(limited).containsKey("next_url");
        assertThat(data(key, "canonical_id=household-1")).extracting(c -> c.get("external_id"))
                .containsExactlyInAnyOrder("R-1", "R-2");
        assertThat(data(key, "first_name=Name7&city=Oulu")).hasSize(1);
        assertThat(data(key, "external_id=R-1&email=r2@shop.fi")).isEmpty();
        assertThat(data(key, "external_id=R-1&city=Oulu")).hasSize(1);
        assertThat(data(key, "phone_number=+358401234567")).isEmpty();
        assertThat(data(key, "email=not-an-email")).isEmpty();
        assertThat(data(key, "city=Nowhere")).isEmpty();
        assertThat(dataResponse(key, "limit=100")).doesNotContainKey("next_url");
        assertThat(data(key, "")).hasSize(7);
    }

    @Test
    void aCustomerFoundByOneOfItsExternalIdsIsShownWithThatOne() {
        String key = newTenantKey("write");
        upload(key, "[{\"external_id\": \"A-1\", \"email\": \"two@shop.fi\"}]");
        // known by the email: B-1 is added beside A-1
        upload(key, "[{\"external_id\": \"B-1\", \"email\": \"two@shop.fi\"}]");

        assertThat(data(key, "external_id=B-1")).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("external_id", "B-1"));
        assertThat(data(key, "external_id=A-1")).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("external_id", "A-1"));
    }

    @Test
    void badParametersAreA400InCustobarsErrorShape() {
        String key = seeded();
        vendorError(token(HttpRequest.GET(DATA + "?limit=10001"), key), 400);
        vendorError(token(HttpRequest.GET(DATA + "?limit=0"), key), 400);
        vendorError(token(HttpRequest.GET(DATA + "?limit=ten"), key), 400);
        vendorError(token(HttpRequest.GET(DATA + "?favourite_colour=blue"), key), 400);
        vendorError(token(HttpRequest.GET(DATA + "?fields=first_name,shoe_size"), key), 400);
        vendorError(token(HttpRequest.GET(DATA + "?cursor=%21%21"), key), 400);
        assertThat(data(key, "limit=10000")).hasSize(7);
    }
}
