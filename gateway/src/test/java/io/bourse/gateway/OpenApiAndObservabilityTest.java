package io.bourse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bourse.engine.client.CallStats;
import io.bourse.engine.client.EngineClient;
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
    void theMetricsCountTheCallsThatCarriedCommandsToTheShardsAndTheirWait() {
        Gateway gateway = platform.gateways.get(1);
        CallStats before = gateway.engineCalls();
        platform.newTrader("metered", 0, 1, "1000.00"); // signing up and depositing are commands, sent through gateway 1
        CallStats after = gateway.engineCalls();

        CallStats during = after.since(before);
        assertThat(during.calls()).isPositive();
        assertThat(during.commands()).isGreaterThanOrEqualTo(during.calls());
        String metrics = new String(RawHttp.send(platform.uri(1), "GET", "/metrics", null, null).response().body());
        assertThat(sample(metrics, "bourse_engine_client_calls_total")).isGreaterThanOrEqualTo(after.calls());
        assertThat(sample(metrics, "bourse_engine_client_commands_total")).isGreaterThanOrEqualTo(after.commands());
        assertThat(sample(metrics, "bourse_engine_client_commands_wait_seconds_total")).isGreaterThanOrEqualTo(after.waitedNanos() / 1e9);
        assertThat(sample(metrics, "bourse_engine_client_lost_answers_total")).isBetween(0.0, (double) EngineClient.lostAnswers()); // it only grows
    }

    /** The value of an untagged meter in Prometheus's text format. */
    private static double sample(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ")).mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " is not among the metrics"));
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
