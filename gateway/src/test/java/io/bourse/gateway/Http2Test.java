package io.bourse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http2.Http2Client;
import io.helidon.webclient.http2.Http2ClientResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway speaks HTTP/2 without TLS (h2c) on the port it speaks HTTP/1.1 on: to a client that
 * starts in HTTP/2 (prior knowledge, as a proxy or the load generator does) and to one that asks
 * to upgrade (the JDK's client, on a GET). The API is the same over either: answers, problem
 * documents, authentication.
 */
@Timeout(60)
class Http2Test {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORDER = "{\"symbol\":\"ACME\",\"side\":\"buy\",\"type\":\"limit\",\"quantity\":1,\"limitPrice\":\"95.00\"}";

    private final TestPlatform platform = TestPlatform.get();

    @Test
    void aClientSpeakingHttp2FromTheStartPlacesOrdersAsConcurrentStreams() throws Exception {
        TestPlatform.Trader trader = platform.newTrader("h2-prior", 0, 0, "10000.00");
        Http2Client client = Http2Client.builder().baseUri(platform.uri(0).toString())
                .protocolConfig(protocol -> protocol.priorKnowledge(true)).build();
        List<Future<JsonNode>> placed = new ArrayList<>();
        try (ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                placed.add(streams.submit(() -> {
                    try (Http2ClientResponse response = client.method(Method.POST).path("/v1/orders")
                            .header(HeaderNames.AUTHORIZATION, "Bearer " + trader.client().token())
                            .header(HeaderNames.CONTENT_TYPE, "application/json")
                            .submit(ORDER.getBytes(StandardCharsets.UTF_8))) {
                        assertThat(response.status().code()).isEqualTo(201);
                        return JSON.readTree(response.entity().as(String.class));
                    }
                }));
            }
            for (Future<JsonNode> order : placed) {
                assertThat(order.get().get("symbol").asText()).isEqualTo("ACME");
            }
        }
        assertThat(trader.client().orders("all", "ACME", 100, null).orders()).hasSize(8);

        try (Http2ClientResponse refused = client.method(Method.POST).path("/v1/orders")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + trader.client().token())
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(ORDER.replace("\"buy\"", "\"sideways\"").getBytes(StandardCharsets.UTF_8))) {
            assertThat(refused.status().code()).isEqualTo(400);
            assertThat(refused.headers().contentType().orElseThrow().text()).startsWith("application/problem+json");
            assertThat(refused.entity().as(String.class)).contains("side");
        }
        try (Http2ClientResponse anonymous = client.method(Method.GET).path("/v1/account").request()) {
            assertThat(anonymous.status().code()).isEqualTo(401);
        }
        assertThat(trader.client().orders("all", "ACME", 100, null).orders()).as("the refusals changed nothing").hasSize(8);
    }

    @Test
    void theJdkClientUpgradesOnAGetAndKeepsSpeakingHttp2() throws IOException, InterruptedException {
        TestPlatform.Trader trader = platform.newTrader("h2-upgrade", 1, 1, "10000.00");
        URI base = platform.uri(1);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> instruments = http.send(HttpRequest.newBuilder(base.resolve("/v1/instruments")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(instruments.statusCode()).isEqualTo(200);
        assertThat(instruments.version()).isEqualTo(HttpClient.Version.HTTP_2);

        HttpResponse<String> order = http.send(HttpRequest.newBuilder(base.resolve("/v1/orders"))
                .header("Authorization", "Bearer " + trader.client().token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(order.version()).as("the POST went over the upgraded connection").isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(order.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(order.body()).get("symbol").asText()).isEqualTo("ACME");
        assertThat(trader.client().orders("all", "ACME", 100, null).orders()).hasSize(1);
    }
}
