package io.bourse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpTransportTest {
    @Test
    void retryAfterIsReadAsSecondsAndAnythingElseAsNoAdvice() {
        assertThat(HttpTransport.retryAfterSeconds("3")).isEqualTo(3);
        assertThat(HttpTransport.retryAfterSeconds(" 12 ")).isEqualTo(12);
        assertThat(HttpTransport.retryAfterSeconds(null)).isZero();
        assertThat(HttpTransport.retryAfterSeconds("Wed, 21 Oct 2026 07:28:00 GMT")).isZero();
        assertThat(HttpTransport.retryAfterSeconds("-5")).isZero();
    }

    @Test
    void aClientSendsThroughItsTransportAndTurnsErrorsIntoProblems() {
        Map<String, String> sentHeaders = new HashMap<>();
        HttpTransport refusing = (method, uri, headers, body, timeout) -> {
            sentHeaders.putAll(headers);
            byte[] problem = """
                    {"type":"https://bourse.dev/problems/rate-limited","title":"Too many requests","status":429}
                    """.getBytes(StandardCharsets.UTF_8);
            return new HttpTransport.Response(429, problem, 2);
        };
        BourseClient client = new BourseClient(URI.create("http://localhost:1"), refusing, Duration.ofSeconds(1)).useToken("t0k");

        assertThatThrownBy(client::portfolio).isInstanceOfSatisfying(BourseApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfterSeconds()).isEqualTo(2);
        });
        assertThat(sentHeaders).containsEntry("Authorization", "Bearer t0k").containsEntry("Accept", "application/json");
    }

    @Test
    void anErrorWithoutAProblemDocumentStillBecomesOne() {
        HttpTransport proxyError = (method, uri, headers, body, timeout) ->
                new HttpTransport.Response(502, "Bad Gateway".getBytes(StandardCharsets.UTF_8), 0);
        BourseClient client = new BourseClient(URI.create("http://localhost:1"), proxyError, Duration.ofSeconds(1));

        assertThatThrownBy(client::portfolio).isInstanceOfSatisfying(BourseApiException.class, e -> {
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.problem().detail()).isEqualTo("Bad Gateway");
        });
    }

    @Test
    void anAsynchronousCallAnswersWithTheSameValuesAndFailsWithTheSameExceptionsUnwrapped() throws Exception {
        Map<String, String> sent = new HashMap<>();
        HttpTransport server = (method, uri, headers, body, timeout) -> {
            sent.put(method, uri.getPath() + (uri.getQuery() == null ? "" : "?" + uri.getQuery()));
            if (uri.getPath().endsWith("/gone")) {
                byte[] problem = """
                        {"type":"https://bourse.dev/problems/unknown-order","title":"No such order","status":404}
                        """.getBytes(StandardCharsets.UTF_8);
                return new HttpTransport.Response(404, problem, 0);
            }
            if (uri.getPath().endsWith("/unreachable")) {
                throw new java.net.ConnectException("Connection refused");
            }
            return new HttpTransport.Response(200, """
                    {"id":"o-1","symbol":"ACME","status":"open"}
                    """.getBytes(StandardCharsets.UTF_8), 0);
        };
        BourseClient client = new BourseClient(URI.create("http://localhost:1"), server, Duration.ofSeconds(1)).useToken("t0k");

        assertThat(client.placeOrderAsync(io.bourse.client.model.OrderRequest.limit("ACME", "buy", 1, "1.00")).get().id()).isEqualTo("o-1");
        assertThat(sent).containsEntry("POST", "/v1/orders");
        assertThat(client.replaceOrderAsync("o-1", new io.bourse.client.model.ReplaceRequest(null, 2L)).get().id()).isEqualTo("o-1");
        assertThat(sent).containsEntry("PUT", "/v1/orders/o-1");

        java.util.concurrent.CompletableFuture<?> refused = client.cancelOrderAsync("gone");
        assertThat(refused).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(BourseApiException.class, e -> assertThat(e.kind()).isEqualTo("unknown-order"));
        assertThat(sent).containsEntry("DELETE", "/v1/orders/gone");

        java.util.concurrent.CompletableFuture<?> unreachable = client.cancelOrderAsync("unreachable");
        assertThat(unreachable).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(java.io.UncheckedIOException.class).withMessageContaining("Connection refused");
    }
}
