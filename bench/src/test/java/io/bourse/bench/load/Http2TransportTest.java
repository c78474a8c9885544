package io.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.client.HttpTransport;
import io.bourse.engine.cluster.LocalPorts;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load generator's HTTP/2 client: many users' requests as streams of one connection, and clear failures. */
@Timeout(60)
class Http2TransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private WebServer server;
    private URI base;
    private final Http2Transport transport = new Http2Transport();

    @BeforeEach
    void start() {
        // Every answer names the protocol and the client's port: one port, one connection.
        server = WebServer.builder().host("127.0.0.1").port(0).routing(routing -> routing
                .get("/who", (req, res) -> res.send(req.prologue().protocolVersion() + " " + req.remotePeer().port()))
                .post("/echo", (req, res) -> res.send(req.content().as(String.class)))
                .get("/busy", (req, res) -> {
                    res.header(HeaderNames.RETRY_AFTER, "3");
                    res.status(503).send();
                })
                .get("/slow", (req, res) -> {
                    Thread.sleep(3_000);
                    res.send("late");
                }))
                .build().start();
        base = URI.create("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void usersAtOnceShareOneHttp2Connection() throws Exception {
        Set<String> answers = ConcurrentHashMap.newKeySet();
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int user = 0; user < 8; user++) {
                done.add(users.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        answers.add(get("/who"));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        assertThat(answers).hasSize(1);
        assertThat(answers.iterator().next()).startsWith("2.0 ");
    }

    @Test
    void bodiesGoAndComeWholeAndRetryAfterIsRead() throws IOException {
        String large = "x".repeat(100_000);
        HttpTransport.Response echoed = transport.exchange("POST", base.resolve("/echo"), Map.of("Content-Type", "text/plain"),
                large.getBytes(StandardCharsets.UTF_8), TIMEOUT);
        assertThat(new String(echoed.body(), StandardCharsets.UTF_8)).isEqualTo(large);

        HttpTransport.Response busy = transport.exchange("GET", base.resolve("/busy"), Map.of(), null, TIMEOUT);
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.body()).isEmpty();
        assertThat(busy.retryAfterSeconds()).isEqualTo(3);
    }

    @Test
    void anOverdueAnswerEndsTheRequestAndTheConnectionServesTheNext() throws IOException {
        long start = System.nanoTime();
        assertThatThrownBy(() -> transport.exchange("GET", base.resolve("/slow"), Map.of(), null, Duration.ofMillis(300)))
                .isInstanceOf(SocketTimeoutException.class).hasMessage("no answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300), Duration.ofMillis(2_500));
        assertThat(get("/who")).startsWith("2.0 ");
    }

    @Test
    void aServerThatIsNotThereGivesAClearError() {
        URI nobody = URI.create("http://127.0.0.1:" + LocalPorts.free() + "/who");
        assertThatThrownBy(() -> transport.exchange("GET", nobody, Map.of(), null, TIMEOUT)).isInstanceOf(IOException.class);
    }

    @Test
    void theRunOptionsChooseTheClientByVersion() {
        RunOptions options = new RunOptions();
        options.http = "2";
        assertThat(options.transport()).isInstanceOf(Http2Transport.class);
        options.http = "1.1";
        assertThat(options.transport()).isInstanceOf(HelidonTransport.class);
        options.http = "3";
        assertThatThrownBy(options::transport).isInstanceOf(IllegalArgumentException.class).hasMessage("--http must be 1.1 or 2, not 3");
    }

    private String get(String path) throws IOException {
        HttpTransport.Response response = transport.exchange("GET", base.resolve(path), Map.of(), null, TIMEOUT);
        assertThat(response.status()).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
