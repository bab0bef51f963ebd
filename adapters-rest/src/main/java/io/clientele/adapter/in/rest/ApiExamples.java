package io.clientele.adapter.in.rest;

/** Request examples for the OpenAPI document (compile-time constants, so annotations can use them). */
final class ApiExamples {

    static final String UPSERT = """
            {"profile": {"firstName": "Anna", "lastName": "Ivanova", "country": "RU", "language": "ru",
                         "birthDate": "1990-05-17"},
             "identifiers": [{"type": "email", "value": "anna@example.com"},
                             {"type": "phone", "value": "8 (916) 123-45-67"},
                             {"type": "externalId", "value": "100500", "source": "WEBSITE"},
                             {"type": "softLink", "name": "loyalty card", "value": "7700123"}],
             "consents": {"email": {"status": "granted", "evidence": "form-17"}},
             "tags": ["vip"], "mailingLists": ["newsletter"], "attributes": {"shoeSize": "41"}}""";

    static final String BATCH = """
            {"customers": [{"identifiers": [{"type": "email", "value": "anna@example.com"}],
                            "profile": {"city": "Moscow"}},
                           {"identifiers": [{"type": "phone", "value": "+79161234567"}], "tags": ["vip"]}]}""";

    static final String PATCH = """
            {"profile": {"city": "Kazan", "zipCode": null}, "tags": {"add": ["returning"], "remove": ["new"]}}""";

    static final String IDENTIFIER = """
            {"type": "phone", "value": "+7 916 123-45-67", "source": "INSTORE"}""";

    static final String CONSENT = """
            {"channel": "email", "status": "withdrawn", "at": "2024-03-01T10:00:00Z", "source": "INSTORE",
             "evidence": "till receipt 42"}""";

    static final String MERGE = """
            {"survivorId": "01a2073e-9dc3-70c9-b187-924561833ca9", "absorbedId": "01a2073f-1c2d-7c11-8a9e-0b1d2f3a4b5c"}""";

    static final String EXTENDED_FIELD = """
            {"type": "enum", "allowedValues": ["msk-1", "spb-1"]}""";

    static final String PROGRAMME = """
            {"name": "Club", "tiers": [{"number": 1, "name": "Silver"}, {"number": 2, "name": "Gold"}]}""";

    static final String TENANT = """
            {"id": "acme", "name": "Acme", "defaultRegion": "RU", "timeZone": "Europe/Moscow", "mergePolicy": "MERGE"}""";

    static final String API_KEY = """
            {"role": "admin"}""";

    private ApiExamples() {
    }
}
