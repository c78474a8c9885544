package io.bourse.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiRoutesPathTest {
    @Test
    void aParameterMatchesExactlyOneNonEmptySegment() {
        assertThat(ApiRoutes.pathMatches("/v1/orders/{id}", "/v1/orders/123")).isTrue();
        assertThat(ApiRoutes.pathMatches("/v1/orders/{id}", "/v1/orders/")).isFalse();
        assertThat(ApiRoutes.pathMatches("/v1/orders/{id}", "/v1/orders/1/2")).isFalse();
        assertThat(ApiRoutes.pathMatches("/v1/orders/{id}", "/v1/orders")).isFalse();
    }

    @Test
    void literalSegmentsMatchOnlyThemselves() {
        assertThat(ApiRoutes.pathMatches("/v1/orders", "/v1/orders")).isTrue();
        assertThat(ApiRoutes.pathMatches("/v1/orders", "/v1/Orders")).isFalse();
        assertThat(ApiRoutes.pathMatches("/v1/markets/{symbol}/book", "/v1/markets/ACME/trades")).isFalse();
    }
}
