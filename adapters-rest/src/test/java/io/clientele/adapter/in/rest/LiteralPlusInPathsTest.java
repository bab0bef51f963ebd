package io.clientele.adapter.in.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralPlusInPathsTest {

    @Test
    void plusesOfThePathAreEncodedAndThoseOfTheQueryLeftAlone() {
        assertThat(LiteralPlusInPaths.encodePlusInPath("/v1/customers/c-1/identifiers/phone/+7916?name=a+b"))
                .isEqualTo("/v1/customers/c-1/identifiers/phone/%2B7916?name=a+b");
        assertThat(LiteralPlusInPaths.encodePlusInPath("/a+b/c+d")).isEqualTo("/a%2Bb/c%2Bd");
        assertThat(LiteralPlusInPaths.encodePlusInPath("/v1/customers/lookup?type=phone&value=+7916"))
                .isEqualTo("/v1/customers/lookup?type=phone&value=+7916");
        assertThat(LiteralPlusInPaths.encodePlusInPath("/v1/customers")).isEqualTo("/v1/customers");
    }
}
