package io.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.client.HttpTransport;
import io.bourse.engine.cluster.LocalPorts;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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

/** The load generator's client keeps one connection per busy user, and still ends what the server ends. */
@Timeout(60)
class HelidonTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private WebServer server;
    private URI base;
    private HelidonTransport transport;

    @BeforeEach
    void start() {
        // Every answer names the client's port: one port, one connection.
        server = WebServer.builder().host("127.0.0.1").port(0).routing(routing -> routing
                .get("/port", (req, res) -> res.send(Integer.toString(req.remotePeer().port())))
                .post("/echo", (req, res) -> res.send(req.content().as(String.class)))
                .get("/closing", (req, res) -> {
                    res.header(HeaderNames.CONNECTION, "close");
                    res.send(Integer.toString(req.remotePeer().port()));
                })
                .get("/slow", (req, res) -> {
                    Thread.sleep(3_000);
                    res.send("late");
                }))
                .build().start();
        base = URI.create("http://127.0.0.1:" + server.port());
        transport = new HelidonTransport(16);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void oneUserAskingAgainAndAgainUsesOneConnection() throws IOException {
        Set<String> ports = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ports.add(get("/port"));
        }
        assertThat(ports).hasSize(1);
        assertThat(new String(transport.exchange("POST", base.resolve("/echo"), Map.of(), "hello".getBytes(StandardCharsets.UTF_8), TIMEOUT)
                .body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(get("/port")).isIn(ports);
    }

    @Test
    void usersAtOnceEachKeepTheirOwnAndGiveThemBack() throws Exception {
        Set<String> ports = ConcurrentHashMap.newKeySet();
        try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int user = 0; user < 8; user++) {
                done.add(users.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        ports.add(get("/port"));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        assertThat(ports.size()).isBetween(1, 8);
        assertThat(transport.connections().idleTo(base)).isEqualTo(ports.size());
    }

    @Test
    void aConnectionTheServerClosesIsNotUsedAgain() throws IOException {
        String first = get("/closing");
        String second = get("/closing");
        assertThat(second).isNotEqualTo(first);
        assertThat(transport.connections().idleTo(base)).isZero();
        assertThat(get("/port")).isNotIn(first, second);
    }

    @Test
    void anOverdueAnswerEndsTheRequestAndTheNextOneGetsAFreshConnection() throws IOException {
        String before = get("/port");
        long start = System.nanoTime();
        assertThatThrownBy(() -> transport.exchange("GET", base.resolve("/slow"), Map.of(), null, Duration.ofMillis(300)))
                .isInstanceOf(SocketTimeoutException.class).hasMessage("no answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300), Duration.ofMillis(2_500));
        assertThat(transport.connections().idleTo(base)).isZero();
        assertThat(get("/port")).isNotEqualTo(before);
    }

    @Test
    void aServerThatIsNotThereGivesAClearErrorAndTheNextRequestStillWorks() throws IOException {
        URI nobody = URI.create("http://127.0.0.1:" + LocalPorts.free() + "/port");
        assertThatThrownBy(() -> transport.exchange("GET", nobody, Map.of(), null, TIMEOUT))
                .isInstanceOf(ConnectException.class);
        assertThat(transport.connections().idleTo(nobody)).isZero();
        assertThat(get("/port")).isNotEmpty();
    }

    @Test
    void aServerNamedWithoutAPortIsReachedOnPort80() {
        assertThat(KeptConnections.portOf(URI.create("http://bourse.example/orders"))).isEqualTo(80);
        assertThat(KeptConnections.portOf(URI.create("http://bourse.example:8080/orders"))).isEqualTo(8080);
        assertThat(KeptConnections.serves(URI.create("https://bourse.example/orders"))).isFalse();
    }

    private String get(String path) throws IOException {
        HttpTransport.Response response = transport.exchange("GET", base.resolve(path), Map.of(), null, TIMEOUT);
        assertThat(response.status()).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
