package io.clientele.adapter.in.rest.dialect.custobar;

import io.clientele.adapter.in.rest.ApiTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Base of the Custobar dialect's HTTP tests: the native {@link ApiTest} plus this dialect's helpers. */
abstract class CustobarApiTestBase extends ApiTest {

    static final String UPLOAD = "/dialects/custobar/api/customers/upload/";
    static final String DATA = "/dialects/custobar/api/data/customers/";



    /** A new tenant (region FI, Custobar's home) and a key of the given role. */
    @Override
    protected String newTenantKey(String role) {
        return newTenant()[1 + List.of("read", "write", "admin").indexOf(role)];
    }

    /** @return {tenantId, readKey, writeKey, adminKey} */
    String[] newTenant() {
        String tenant = createTenant("FI", "Europe/Helsinki", "MERGE");
        return new String[]{tenant, issueKey(tenant, "read"), issueKey(tenant, "write"), issueKey(tenant, "admin")};
    }


    /** Custobar clients send {@code Authorization: Token <token>}. */
    static <T> MutableHttpRequest<T> token(MutableHttpRequest<T> request, String key) {
        return request.header("Authorization", "Token " + key);
    }

    /** ... or HTTP Basic ({@code curl -u USER}); the key is the password. */
    static <T> MutableHttpRequest<T> basic(MutableHttpRequest<T> request, String key) {
        return request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("api:" + key).getBytes(StandardCharsets.UTF_8)));
    }

    HttpResponse<Map<String, Object>> uploadResponse(String key, String body, String contentType) {
        return client().exchange(token(HttpRequest.POST(UPLOAD, body).contentType(contentType), key), JSON);
    }

    /** Uploads a JSON body; checks Custobar's 201 envelope and returns the per-record results. */
    List<Map<String, Object>> upload(String key, String body) {
        return upload(key, body, MediaType.APPLICATION_JSON);
    }

    List<Map<String, Object>> upload(String key, String body, String contentType) {
        HttpResponse<Map<String, Object>> response = uploadResponse(key, body, contentType);
        assertThat(response.getStatus().getCode()).isEqualTo(201);
        assertThat(response.body()).containsEntry("response", "ok");
        return maps(response.body().get("results"));
    }

    /** A request that must fail with Custobar's error shape; returns its messages. */
    List<String> vendorError(MutableHttpRequest<?> request, int status) {
        try {
            HttpResponse<?> response = client().exchange(request, JSON);
            throw new AssertionError("expected " + status + " but got " + response.getStatus().getCode());
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(status);
            Map<String, Object> body = e.getResponse().getBody(JSON).orElseThrow();
            assertThat(body.toString()).doesNotContain("Exception", "at io.", "at java.");
            @SuppressWarnings("unchecked")
            List<String> messages = (List<String>) map(body.get("error")).get("message");
            assertThat(messages).isNotEmpty();
            return messages;
        }
    }

    /** GET of the data API; {@code query} without the leading '?'. */
    List<Map<String, Object>> data(String key, String query) {
        return maps(dataResponse(key, query).get("customers"));
    }

    Map<String, Object> dataResponse(String key, String query) {
        return client().retrieve(token(HttpRequest.GET(DATA + "?" + query), key), JSON);
    }

    Map<String, Object> nativeCustomer(String key, String id) {
        return client().retrieve(HttpRequest.GET("/v1/customers/" + id).bearerAuth(key), JSON);
    }

    Map<String, Object> ledger(String key, String id) {
        return client().retrieve(HttpRequest.GET("/v1/customers/" + id + "/consents").bearerAuth(key), JSON);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        return (List<Map<String, Object>>) value;
    }

    /** The message of the first error of a rejected result, after checking which field it names. */
    static String rejectedField(Map<String, Object> result, String field) {
        assertThat(result).containsEntry("outcome", "rejected");
        List<Map<String, Object>> errors = maps(result.get("errors"));
        assertThat(errors).extracting(e -> e.get("field")).contains(field);
        return errors.stream().filter(e -> field.equals(e.get("field"))).findFirst().orElseThrow()
                .get("message").toString();
    }
}
