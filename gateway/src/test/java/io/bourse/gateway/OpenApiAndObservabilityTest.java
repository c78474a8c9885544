package io.bourse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bourse.gateway.http.ApiRoutes;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The OpenAPI document describes every route the gateway serves; health and metrics answer. */
@Timeout(60)
class OpenApiAndObservabilityTest {
    private final TestPlatform platform = TestPlatform.get();

    @Test
    void everyRouteIsInTheOpenApiDocumentWithItsSecurity() {
        RawHttp.Answer answer = RawHttp.send(platform.uri(0), "GET", "/v1/openapi.json", null, null);
        assertThat(answer.status()).isEqualTo(200);
        JsonNode document = answer.json();
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        for (ApiRoutes.Route route : platform.gateways.get(0).routes()) {
            JsonNode operation = document.path("paths").path(route.path()).path(route.method().toLowerCase(Locale.ROOT));
            assertThat(operation.isMissingNode()).as("%s %s is documented", route.method(), route.path()).isFalse();
            boolean documentedAsPublic = operation.path("security").isArray() && operation.path("security").isEmpty();
            assertThat(documentedAsPublic).as("%s %s documented as public", route.method(), route.path())
                    .isEqualTo(route.scope() == ApiRoutes.PUBLIC);
        }
        assertThat(platform.gateways.get(0).routes()).hasSizeGreaterThan(20);
    }

    @Test
    void healthAndMetricsAnswer() {
        assertThat(RawHttp.send(platform.uri(1), "GET", "/health/live", null, null).json().get("status").asText()).isEqualTo("UP");
        assertThat(RawHttp.send(platform.uri(1), "GET", "/health/ready", null, null).json().get("status").asText()).isEqualTo("UP");
        RawHttp.send(platform.uri(1), "GET", "/v1/instruments", null, null);
        RawHttp.Answer metrics = RawHttp.send(platform.uri(1), "GET", "/metrics", null, null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(new String(metrics.response().body())).contains("bourse_http_requests_seconds_count").contains("route=\"/v1/instruments\"")
                .as("the JVM's meters, as an engine node's metrics port has them").contains("jvm_memory_used_bytes").contains("jvm_gc_");
    }

    @Test
    void tooManyRequestsAnswer429WithRetryAfter() {
        Gateway strict = Gateway.start(TestPlatform.config(platform.cluster).withRateLimits(2, 2));
        try {
            java.net.URI uri = java.net.URI.create("http://127.0.0.1:" + strict.port());
            RawHttp.Answer last = null;
            for (int i = 0; i < 10; i++) {
                last = RawHttp.send(uri, "GET", "/v1/instruments", null, null);
                if (last.status() == 429) {
                    break;
                }
            }
            assertThat(last.status()).isEqualTo(429);
            assertThat(last.contentType()).startsWith("application/problem+json");
            assertThat(last.response().headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        } finally {
            strict.close();
        }
    }
}
