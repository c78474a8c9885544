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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load generator's client keeps a connection per request in flight, gives it back once
 * answered, and still ends what the server ends or leaves unanswered.
 */
@Timeout(60)
class NettyHttpTransportTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private WebServer server;
    private URI base;
    private NettyHttpTransport transport;

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
                })
                .get("/after-a-moment", (req, res) -> {
                    Thread.sleep(200);
                    res.send("soon");
                }))
                .build().start();
        base = URI.create("http://127.0.0.1:" + server.port());
        transport = new NettyHttpTransport();
    }

    @AfterEach
    void stop() {
        transport.close();
        server.stop();
    }

    @Test
    void oneUserAskingAgainAndAgainUsesOneConnection() throws Exception {
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
        assertThat(transport.idleTo(base)).isEqualTo(ports.size());
    }

    @Test
    void aConnectionTheServerClosesIsNotUsedAgain() throws Exception {
        String first = get("/closing");
        String second = get("/closing");
        assertThat(second).isNotEqualTo(first);
        assertThat(transport.idleTo(base)).isZero();
        assertThat(get("/port")).isNotIn(first, second);
    }

    @Test
    void anOverdueAnswerEndsTheRequestAndTheNextOneGetsAFreshConnection() throws Exception {
        String before = get("/port");
        long start = System.nanoTime();
        assertThatThrownBy(() -> transport.exchange("GET", base.resolve("/slow"), Map.of(), null, Duration.ofMillis(300)))
                .isInstanceOf(SocketTimeoutException.class).hasMessage("no answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(300), Duration.ofMillis(2_500));
        assertThat(transport.idleTo(base)).isZero();
        assertThat(get("/port")).isNotEqualTo(before);
    }

    @Test
    void aServerThatIsNotThereGivesAClearErrorAndTheNextRequestStillWorks() throws Exception {
        URI nobody = URI.create("http://127.0.0.1:" + LocalPorts.free() + "/port");
        assertThatThrownBy(() -> transport.exchange("GET", nobody, Map.of(), null, TIMEOUT))
                .isInstanceOf(ConnectException.class).hasMessageStartingWith("Connection refused").hasNoCause();
        assertThat(transport.idleTo(nobody)).isZero();
        assertThat(get("/port")).isNotEmpty();
    }

    @Test
    void manyRequestsAtOnceFromOneThreadAreAllAnsweredEachOnAConnectionOfItsOwn() throws Exception {
        List<CompletableFuture<HttpTransport.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(transport.exchangeAsync("POST", base.resolve("/echo"), Map.of(), ("request " + i).getBytes(StandardCharsets.UTF_8), TIMEOUT));
        }
        for (int i = 0; i < 50; i++) {
            assertThat(new String(answers.get(i).get().body(), StandardCharsets.UTF_8)).isEqualTo("request " + i);
        }
        int kept = transport.idleTo(base);
        assertThat(kept).isBetween(1, 50);
        // Sent one after another, they reuse what is idle: no new connection.
        Set<String> ports = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            ports.add(get("/port"));
        }
        assertThat(ports).hasSize(1);
        assertThat(transport.idleTo(base)).isEqualTo(kept);
    }

    @Test
    void anAnswerCompletesOnTheClientsThreadWhereABlockingExchangeIsRefused() throws Exception {
        // An answer that takes a moment: one that came before handle() was attached would run it on this
        // thread, where a blocking exchange is allowed (the cause of this test failing now and then).
        CompletableFuture<Throwable> refusal = transport.exchangeAsync("GET", base.resolve("/after-a-moment"), Map.of(), null, TIMEOUT)
                .handle((answer, failure) -> {
                    try {
                        transport.exchange("GET", base.resolve("/port"), Map.of(), null, TIMEOUT);
                        return null;
                    } catch (Exception e) {
                        return e;
                    }
                });
        assertThat(refusal.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("would wait for itself");
        assertThat(get("/port")).isNotEmpty();
    }

    @Test
    void aClosedClientFailsNewRequestsClearly() {
        transport.close();
        assertThatThrownBy(() -> transport.exchange("GET", base.resolve("/port"), Map.of(), null, TIMEOUT))
                .isInstanceOf(IOException.class).hasMessage("the load generator's HTTP client is closed");
    }

    @Test
    void onlyNettysWordingOfARefusedConnectionIsReworded() {
        java.net.ConnectException refused = new java.net.ConnectException(
                "finishConnect(..) failed with error(-111): Connection refused: /127.0.0.1:1");
        assertThat(NettyHttpTransport.connectFailure(refused)).isInstanceOf(java.net.ConnectException.class)
                .hasMessage("Connection refused: /127.0.0.1:1");
        io.netty.channel.ConnectTimeoutException timedOut = new io.netty.channel.ConnectTimeoutException("connection timed out");
        assertThat(NettyHttpTransport.connectFailure(timedOut)).as("kept, with its kind").isSameAs(timedOut);
        java.io.IOException other = new java.io.IOException("no route");
        assertThat(NettyHttpTransport.connectFailure(other)).isSameAs(other);
        java.net.ConnectException unworded = new java.net.ConnectException();
        assertThat(NettyHttpTransport.connectFailure(unworded)).as("no message: kept").isSameAs(unworded);
        java.net.ConnectException oddlyWorded = new java.net.ConnectException("finishConnect(..) failed");
        assertThat(NettyHttpTransport.connectFailure(oddlyWorded)).as("no reason after the call: kept").isSameAs(oddlyWorded);
    }

    @Test
    void anHttpsRequestToAServerThatSpeaksNoTlsFailsAsATlsErrorAndPlainRequestsStillWork() throws Exception {
        URI tls = URI.create("https://127.0.0.1:" + server.port() + "/port");
        assertThatThrownBy(() -> transport.exchange("GET", tls, Map.of(), null, TIMEOUT))
                .isInstanceOf(javax.net.ssl.SSLException.class);
        assertThat(transport.idleTo(tls)).isZero();
        assertThat(get("/port")).isNotEmpty();
    }

    @Test
    void aServerNamedWithoutAPortIsReachedOnItsSchemesPort() {
        assertThat(NettyHttpTransport.portOf(URI.create("http://bourse.example/orders"))).isEqualTo(80);
        assertThat(NettyHttpTransport.portOf(URI.create("https://bourse.example/orders"))).isEqualTo(443);
        assertThat(NettyHttpTransport.portOf(URI.create("http://bourse.example:8080/orders"))).isEqualTo(8080);
    }

    private String get(String path) throws Exception {
        HttpTransport.Response response = transport.exchange("GET", base.resolve(path), Map.of(), null, TIMEOUT);
        assertThat(response.status()).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
