package io.bourse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.gateway.TestPlatform.Trader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Malformed and hostile requests get a problem document with a 4xx status, never a stack trace
 * or a 500, and change nothing: the account looks exactly the same after all of them.
 */
class ValidationProperties {
    private static TestPlatform platform;
    private static Trader victim;
    private static String before;

    @BeforeContainer
    static void setUp() {
        platform = TestPlatform.get();
        victim = platform.newTrader("victim", 0, 0, "1000.00");
        before = state();
    }

    @AfterContainer
    static void nothingChanged() {
        assertThat(state()).as("the account after every hostile request").isEqualTo(before);
    }

    private static String state() {
        return victim.client().portfolio() + " " + victim.client().orders("all", null, 100, null) + " "
                + victim.client().fills(null, 100, null);
    }

    @Property(tries = 300)
    void hostileOrderBodiesAreRefusedWithAProblemAndChangeNothing(@ForAll("hostileOrders") String body) {
        assertProblem(RawHttp.send(platform.uri(0), "POST", "/v1/orders", victim.client().token(),
                body.getBytes(StandardCharsets.UTF_8)), body);
    }

    @Property(tries = 150)
    void hostileMoneyBodiesAreRefusedWithAProblemAndChangeNothing(@ForAll("hostileAmounts") String body,
                                                                  @ForAll("moneyPaths") String path) {
        assertProblem(RawHttp.send(platform.uri(1), "POST", path, victim.client().token(), body.getBytes(StandardCharsets.UTF_8)), body);
    }

    @Property(tries = 100)
    void arbitraryBytesAreRefusedWithAProblem(@ForAll byte[] bytes, @ForAll("anyPath") String path) {
        assertProblem(RawHttp.send(platform.uri(0), "POST", path, victim.client().token(), bytes), "bytes");
    }

    @Example
    void afterEverythingTheAccountIsUnchanged() {
        for (String body : List.of("{\"symbol\":\"ACME\",\"side\":\"buy\",\"type\":\"limit\",\"quantity\":1,\"limitPrice\":\"1.001\"}",
                "{\"amount\":\"-5.00\"}", "[]", "null", "{\"amount\":\"1e3\"}")) {
            RawHttp.send(platform.uri(0), "POST", "/v1/orders", victim.client().token(), body.getBytes(StandardCharsets.UTF_8));
            RawHttp.send(platform.uri(0), "POST", "/v1/account/withdrawals", victim.client().token(), body.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(state()).isEqualTo(before);
    }

    @Example
    void oversizedBodiesAreRefused() {
        String huge = "{\"symbol\":\"" + "A".repeat(40_000) + "\"}";
        RawHttp.Answer answer = RawHttp.send(platform.uri(0), "POST", "/v1/orders", victim.client().token(),
                huge.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isIn(400, 413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Example
    void oversizedChunkedBodiesAreRefused() {
        // No Content-Length: the gateway cannot size the body up front and must stop reading at its limit.
        String huge = "{\"symbol\":\"" + "A".repeat(40_000) + "\"}";
        RawHttp.Answer answer = RawHttp.sendChunked(platform.uri(0), "POST", "/v1/orders", victim.client().token(),
                huge.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isIn(400, 413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Example
    void aBodyShorterThanItsContentLengthIsRefused() throws Exception {
        URI base = platform.uri(0);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "POST /v1/orders HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + victim.client().token()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"symbol\":\"ACME\"}";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput(); // the body ends 84 bytes early
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).as("no answer at all is acceptable; a 5xx or a stack trace is not")
                    .doesNotContain("HTTP/1.1 5").doesNotContain("Exception");
            if (!answer.isEmpty()) {
                assertThat(answer).startsWith("HTTP/1.1 4");
            }
        }
    }

    @Example
    void requestsTheWebServerRefusesBeforeAnyRouteAreAnsweredWithProblems() throws Exception {
        String unreadablePath = rawExchange("GET /v1/markets/%ZZ/book HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(unreadablePath).startsWith("HTTP/1.1 400").contains("Content-Type: application/problem+json")
                .contains("\"type\":\"https://bourse.dev/problems/malformed-request\"");
        // Past the web server's own limit (four times the API's), refused from the header alone.
        String hugeBody = rawExchange("POST /v1/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2000000\r\n\r\n");
        assertThat(hugeBody).startsWith("HTTP/1.1 413").contains("Content-Type: application/problem+json")
                .contains("\"type\":\"https://bourse.dev/problems/body-too-large\"").contains("bodies are limited to");
    }

    /** Sends {@code request} as it is and reads the answer until the server closes the connection. */
    private static String rawExchange(String request) throws Exception {
        URI base = platform.uri(0);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Example
    void aPathCalledWithAMethodItDoesNotTakeSaysWhichItTakes() {
        RawHttp.Answer answer = RawHttp.send(platform.uri(0), "PATCH", "/v1/orders/123", victim.client().token(), null);
        assertProblemStatus(answer, 405);
        assertThat(answer.response().headers().firstValue("Allow")).hasValue("GET, PUT, DELETE");
        assertThat(answer.json().get("detail").asText()).isEqualTo("/v1/orders/123 takes GET, PUT, DELETE, not PATCH (see /v1/openapi.json)");
    }

    @Example
    void chunkedBodiesAreReadInFull() {
        String notAnOrder = "{\"symbol\":\"ACME\",\"side\":\"sideways\",\"type\":\"limit\",\"quantity\":1,\"limitPrice\":\"1.00\"}";
        RawHttp.Answer answer = RawHttp.sendChunked(platform.uri(0), "POST", "/v1/orders", victim.client().token(),
                notAnOrder.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as("the whole body was read and judged on its field").isEqualTo(400);
        assertThat(answer.json().toString()).contains("side");
    }

    @Example
    void unknownRoutesAndBadIdsAnswerProblems() {
        assertProblemStatus(RawHttp.send(platform.uri(0), "GET", "/v1/nope", null, null), 404);
        assertProblemStatus(RawHttp.send(platform.uri(0), "GET", "/v1/orders/not-a-number", victim.client().token(), null), 404);
        assertProblemStatus(RawHttp.send(platform.uri(0), "GET", "/v1/instruments/NOPE", null, null), 404);
        assertProblemStatus(RawHttp.send(platform.uri(0), "GET", "/v1/markets/ACME/candles?interval=2m", null, null), 400);
        assertProblemStatus(RawHttp.send(platform.uri(0), "GET", "/v1/markets/ACME/book?depth=-1", null, null), 400);
        assertProblemStatus(RawHttp.send(platform.uri(0), "GET", "/v1/orders?status=weird", victim.client().token(), null), 400);
        assertProblemStatus(RawHttp.send(platform.uri(0), "POST", "/v1/orders", victim.client().token(),
                "{}".getBytes(StandardCharsets.UTF_8), "Idempotency-Key", "has spaces in it"), 400);
    }

    @Example
    void everyBadFieldIsNamed() {
        RawHttp.Answer answer = RawHttp.send(platform.uri(0), "POST", "/v1/orders", victim.client().token(),
                "{\"symbol\":\"NOPE\",\"side\":\"up\",\"type\":\"limit\",\"quantity\":0,\"limitPrice\":\"abc\"}".getBytes(StandardCharsets.UTF_8));
        assertProblemStatus(answer, 400);
        assertThat(answer.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("symbol", "side", "quantity", "limitPrice");
    }

    private static void assertProblemStatus(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asText()).startsWith("https://bourse.dev/problems/");
    }

    private static void assertProblem(RawHttp.Answer answer, String sent) {
        assertThat(answer.status()).as("status for %s", sent).isBetween(400, 499);
        assertThat(answer.contentType()).as("content type for %s", sent).startsWith("application/problem+json");
        assertThat(answer.json()).as("problem for %s", sent).isNotNull();
        assertThat(answer.json().get("type").asText()).startsWith("https://bourse.dev/problems/");
        assertThat(answer.json().get("status").asInt()).isEqualTo(answer.status());
        String text = new String(answer.response().body(), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Provide
    Arbitrary<String> hostileOrders() {
        Arbitrary<String> brokenField = Arbitraries.of(
                "\"quantity\":-5", "\"quantity\":0", "\"quantity\":1.5", "\"quantity\":\"10\"", "\"quantity\":99999999999999999999",
                "\"quantity\":1e3", "\"limitPrice\":\"99.999\"", "\"limitPrice\":99.5", "\"limitPrice\":\"-1.00\"",
                "\"limitPrice\":\"1e2\"", "\"limitPrice\":\"9999999.00\"", "\"limitPrice\":\"NaN\"", "\"side\":\"hold\"",
                "\"side\":null", "\"type\":\"iceberg\"", "\"timeInForce\":\"forever\"", "\"symbol\":\"NOPE\"",
                "\"symbol\":\"<script>\"", "\"symbol\":1", "\"extra\":true", "\"clientOrderId\":\"has space\"",
                "\"clientOrderId\":\"" + "x".repeat(65) + "\"", "\"postOnly\":\"yes\"", "\"stopPrice\":\"100.00\"",
                "\"quantity\":[1]", "\"quantity\":{\"$gt\":0}", "\"symbol\":\"ACME\\u0000\"", "\"limitPrice\":\"100.00\",\"limitPrice\":{}");
        return Combinators.combine(brokenField, Arbitraries.integers().between(0, 3)).as((broken, shape) -> switch (shape) {
            case 0 -> "{\"symbol\":\"ACME\",\"side\":\"buy\",\"type\":\"limit\",\"quantity\":1,\"limitPrice\":\"1000.00\"," + broken + "}";
            case 1 -> "{" + broken + ",\"symbol\":\"ACME\",\"side\":\"sell\",\"type\":\"limit\",\"quantity\":1,\"limitPrice\":\"100.00\"}";
            case 2 -> "{" + broken + "}";
            default -> "{\"symbol\":\"ACME\",\"side\":\"buy\",\"type\":\"limit\",\"quantity\":1," + broken;
        });
    }

    @Provide
    Arbitrary<String> hostileAmounts() {
        return Arbitraries.oneOf(
                Arbitraries.of("{}", "{\"amount\":null}", "{\"amount\":100}", "{\"amount\":\"0\"}", "{\"amount\":\"0.00\"}",
                        "{\"amount\":\"-1.00\"}", "{\"amount\":\"1.001\"}", "{\"amount\":\"1,00\"}", "{\"amount\":\" 1.00\"}",
                        "{\"amount\":\"99999999999999999.00\"}", "{\"amount\":\"1.00\",\"to\":\"elsewhere\"}", "[\"1.00\"]",
                        "\"1.00\"", "{\"amount\":{\"value\":1}}", "{\"amount\":\"0x10\"}"),
                // No quotes: a random string must never spell a valid amount by chance.
                Arbitraries.strings().ofMaxLength(40).filter(s -> !s.contains("\"")).map(s -> "{\"amount\":" + s + "}"),
                Arbitraries.strings().ofMaxLength(60).filter(s -> !s.contains("\"")));
    }

    @Provide
    Arbitrary<String> moneyPaths() {
        return Arbitraries.of("/v1/account/withdrawals", "/v1/account/deposits");
    }

    @Provide
    Arbitrary<String> anyPath() {
        return Arbitraries.of("/v1/orders", "/v1/account/withdrawals", "/v1/users", "/v1/sessions", "/v1/api-keys");
    }
}
