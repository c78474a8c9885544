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
}
