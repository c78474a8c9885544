package io.bourse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.app.config.BourseConfig;
import io.bourse.client.BourseApiException;
import io.bourse.client.BourseClient;
import io.bourse.client.model.Order;
import io.bourse.client.model.OrderRequest;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.Outcome;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.client.EngineClientOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster run the way production runs it: each engine node and the gateway its own OS process,
 * started with `bourse engine` and `bourse gateway` from one configuration file, operated with
 * `bourse admin`. Killing an engine process mid-traffic loses nothing.
 */
@Timeout(240)
class ClusterCommandsTest {
    @TempDir
    Path data;

    private final CommandRunner bourse = new CommandRunner();

    private static int freePort() {
        return io.bourse.engine.cluster.LocalPorts.free();
    }

    private static String get(String url) throws IOException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void badConfigurationValuesAreOneLineErrorsNamingTheKey() throws IOException {
        Path config = data.resolve("bad.properties");
        Files.writeString(config, "cluster.nodes = node-1@127.0.0.1:7101\ncluster.shards = lots\n");
        assertThat(bourse.run("engine", "--config", config.toString(), "--node", "node-1")).isEqualTo(2);
        assertThat(bourse.err.toString()).contains("cluster.shards: must be a whole number from 1 to 1024, not 'lots'").doesNotContain("Exception");

        Files.writeString(config, "cluster.nodes = node-1@127.0.0.1:7101\ncluster.shards = 2\ncluster.replicas = 3\n");
        assertThat(bourse.run("gateway", "--config", config.toString())).isEqualTo(2);
        assertThat(bourse.err.toString()).contains("cluster.replicas: 3 replicas need at least as many nodes");

        Files.writeString(config, "cluster.nodes = node-1@127.0.0.1\ncluster.shards = 2\n");
        assertThat(bourse.run("admin", "status", "--config", config.toString())).isEqualTo(2);
        assertThat(bourse.err.toString()).contains("cluster.nodes: 'node-1@127.0.0.1' is not of the form node-id@host:port");

        Files.writeString(config, "cluster.nodes = node-1@127.0.0.1:7101\ncluster.shards = 2\ncluster.replica = 1\n");
        assertThat(bourse.run("engine", "--config", config.toString(), "--node", "node-1")).isEqualTo(2);
        assertThat(bourse.err.toString()).contains("cluster.replica: not a setting Bourse knows");

        assertThat(bourse.run("engine", "--config", data.resolve("missing.properties").toString(), "--node", "node-1")).isEqualTo(2);
        assertThat(bourse.err.toString()).contains("cannot read the configuration file");

        Files.writeString(config, "cluster.nodes = node-1@127.0.0.1:7101\ncluster.shards = 2\ncluster.replicas = 1\n");
        assertThat(bourse.run("engine", "--config", config.toString(), "--node", "node-1", "--metrics-port", "70000")).isEqualTo(2);
        assertThat(bourse.err.toString()).contains("--metrics-port must be a port number (0 to 65535), not 70000")
                .doesNotContain("Exception");
    }

    @Test
    @Timeout(60) // a port Helidon could not have used to leave the command running, without its port
    void anEngineMetricsPortInUseFailsTheCommandBeforeTheNodeStarts() throws IOException {
        Path nodeData = data.resolve("nodes");
        Path config = data.resolve("one.properties");
        Files.writeString(config, "cluster.nodes = node-1@127.0.0.1:" + freePort() + "\ncluster.shards = 1\ncluster.replicas = 1\nnode.data = "
                + nodeData + "\n");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(bourse.run("engine", "--config", config.toString(), "--node", "node-1", "--metrics-port",
                    Integer.toString(taken.getLocalPort()))).isEqualTo(1);
            assertThat(bourse.err.toString()).contains("error: cannot serve metrics: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain("Exception");
        }
        assertThat(bourse.out.toString()).doesNotContain("Starting engine node");
        assertThat(nodeData).as("the node never started").doesNotExist();
    }

    @Test
    @Timeout(60) // a port Helidon could not have used to leave the command running, without its port
    void aGatewayPortInUseFailsTheCommand() throws IOException {
        Path config = data.resolve("gateway.properties");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Files.writeString(config, "cluster.nodes = node-1@127.0.0.1:" + freePort() + "\ncluster.shards = 1\ncluster.replicas = 1\n"
                    + "gateway.host = 127.0.0.1\ngateway.port = " + taken.getLocalPort() + "\n");
            assertThat(bourse.run("gateway", "--config", config.toString())).isEqualTo(1);
            assertThat(bourse.err.toString()).contains("error: the gateway could not start: cannot listen on 127.0.0.1:"
                    + taken.getLocalPort()).doesNotContain("Exception");
        }
    }

    @Test
    void separateProcessesServeTradingAndSurviveAKilledEngineNode() throws IOException {
        int[] ports = {freePort(), freePort(), freePort()};
        int gatewayPort = freePort();
        Path config = data.resolve("cluster.properties");
        Files.writeString(config, "cluster.nodes = node-1@127.0.0.1:" + ports[0] + ", node-2@127.0.0.1:" + ports[1]
                + ", node-3@127.0.0.1:" + ports[2] + "\ncluster.shards = 2\ncluster.replicas = 3\nnode.data = " + data
                + "\ngateway.host = 127.0.0.1\ngateway.port = " + gatewayPort + "\ngateway.password-iterations = 10000\n");
        List<ChildProcess> processes = new ArrayList<>();
        try {
            int metricsPort = freePort();
            for (String node : List.of("node-1", "node-2", "node-3")) {
                List<String> args = new ArrayList<>(List.of("engine", "--config", config.toString(), "--node", node));
                if (node.equals("node-2")) {
                    args.addAll(List.of("--metrics-port", Integer.toString(metricsPort)));
                }
                processes.add(ChildProcess.start(node, data.resolve("logs/" + node + ".log"), args.toArray(String[]::new)));
            }
            processes.add(ChildProcess.start("gateway", data.resolve("logs/gateway.log"), "gateway", "--config", config.toString()));
            BourseClient client = new BourseClient(URI.create("http://127.0.0.1:" + gatewayPort));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> bourse.run("admin", "status", "--config", config.toString()) == 0);

            assertThat(bourse.run("admin", "list-instrument", "--config", config.toString(), "--symbol", "NEWCO", "--price", "25.00")).isZero();
            assertThat(bourse.out.toString()).contains("Listed NEWCO (id 1) at 25.00");
            // Operator mistakes are one-line errors that change nothing.
            assertThat(bourse.run("admin", "list-instrument", "--config", config.toString(), "--symbol", "ODD", "--price", "25.001"))
                    .isEqualTo(2);
            assertThat(bourse.err.toString()).contains("--price and --tick must be whole cents");
            assertThat(bourse.run("admin", "list-instrument", "--config", config.toString(), "--symbol", "NEWCO", "--price", "30.00"))
                    .isEqualTo(1);
            assertThat(bourse.err.toString()).contains("the directory refused it");
            assertThat(bourse.run("admin", "halt", "--config", config.toString(), "NOPE")).isEqualTo(2);
            assertThat(bourse.err.toString()).contains("no instrument NOPE is listed").doesNotContain("Exception");
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> client.instruments().size() == 1);
            client.signUp("trader", "trader-password");
            client.logIn("trader", "trader-password");
            client.deposit("10000.00");
            // Orders are accepted by the account's shard before the market shard knows NEWCO only if
            // it has synced: wait until one is accepted and rests.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    assertThat(client.placeOrder(OrderRequest.limit("NEWCO", "buy", 10, "24.00")).status()).isEqualTo("pending_new"));

            // Kill node-1 outright, as a crash would: trading goes on.
            processes.get(0).kill();
            List<String> placed = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    placed.add(client.placeOrder(OrderRequest.limit("NEWCO", "buy", 1, "24.50"), "after-the-crash").id()));
            assertThat(bourse.run("admin", "status", "--config", config.toString())).isEqualTo(3);
            assertThat(bourse.out.toString()).contains("DOWN");

            assertThat(bourse.run("admin", "halt", "--config", config.toString(), "NEWCO")).isZero();
            Order refused = client.placeOrder(OrderRequest.limit("NEWCO", "buy", 1, "24.00"));
            await().atMost(Duration.ofSeconds(10)).until(() -> client.order(refused.id()).status().equals("rejected"));
            assertThat(client.order(refused.id()).endReason()).isEqualTo("market_halted");
            assertThat(bourse.run("admin", "resume", "--config", config.toString(), "NEWCO")).isZero();

            // node-1 comes back and catches up.
            processes.set(0, ChildProcess.start("node-1", data.resolve("logs/node-1b.log"), "engine", "--config", config.toString(),
                    "--node", "node-1"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> bourse.run("admin", "status", "--config", config.toString()) == 0);
            assertThat(client.orders("open", "NEWCO", 10, null).orders()).hasSize(2);
            assertThat(client.portfolio().cashHeld()).isEqualTo("264.72"); // 10 × 24.00 + 1 × 24.50 + 11 × 2c

            // A seller (its shares moved in from outside) takes the 24.50 bid: NEWCO's last trade.
            BourseClient seller = new BourseClient(URI.create("http://127.0.0.1:" + gatewayPort));
            seller.signUp("seller", "seller-password");
            seller.logIn("seller", "seller-password");
            seller.deposit("100.00");
            try (EngineClient engine = new EngineClient(BourseConfig.load(config).layout(), EngineClientOptions.defaults())) {
                assertThat(engine.submit(new Command.Deposit(Long.parseLong(seller.me().accountId()), 1, 1, 5)).outcome())
                        .isEqualTo(Outcome.ACCEPTED);
            }
            Order sold = seller.placeOrder(OrderRequest.limit("NEWCO", "sell", 1, "24.50"));
            await().atMost(Duration.ofSeconds(10)).until(() -> seller.order(sold.id()).status().equals("filled"));

            // The day ends: the day order left expires and its cash is free, and NEWCO's price band
            // centres on the close. Ending it again changes nothing.
            assertThat(bourse.run("admin", "end-day", "--config", config.toString())).isZero();
            assertThat(bourse.out.toString()).contains(" ended on shards 1, 2",
                    "NEWCO's price band now centres on its close, 24.50: 22.05 to 26.95");
            await().atMost(Duration.ofSeconds(10)).until(() -> client.orders("open", "NEWCO", 10, null).orders().isEmpty());
            assertThat(client.orders("closed", "NEWCO", 10, null).orders()).extracting(Order::status)
                    .containsExactly("rejected", "filled", "expired"); // newest first: the order the halt refused, the 24.50, the 24.00
            assertThat(client.portfolio().cashHeld()).isEqualTo("0.00");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(client.instrument("NEWCO").bandLow()).isEqualTo("22.05"));
            assertThat(bourse.run("admin", "end-day", "--config", config.toString())).isZero();
            assertThat(bourse.out.toString()).contains("was already ended on shards 1, 2: nothing changed there");
            assertThat(bourse.run("admin", "end-day", "--config", config.toString(), "--day", "2999-01-01")).isEqualTo(1);
            assertThat(bourse.err.toString()).contains("error: shard 1 refused to end 2999-01-01: that day has not begun there");
            assertThat(bourse.run("admin", "end-day", "--config", config.toString(), "--day", "2026-13-01")).isEqualTo(2);
            assertThat(bourse.err.toString()).contains("'2026-13-01' is not a date as YYYY-MM-DD").doesNotContain("Exception");
            assertThat(bourse.run("admin", "end-day", "--config", config.toString(), "--day", "1970-01-01")).isEqualTo(2);
            assertThat(bourse.err.toString()).contains("'1970-01-01' is before any trading day");

            // node-2 serves its replicas' meters for Prometheus.
            String metrics = get("http://127.0.0.1:" + metricsPort + "/metrics");
            assertThat(metrics).contains("bourse_raft_leader{group=\"shard-1\",node=\"node-2\"}",
                    "bourse_raft_leader{group=\"directory\",node=\"node-2\"}", "bourse_raft_commands_proposed_total{",
                    "bourse_raft_applied_index{", "bourse_engine_entry_pacing{", "jvm_memory_used_bytes");
            assertThat(metrics).doesNotContain("node=\"node-1\"");
        } catch (BourseApiException e) {
            throw new AssertionError(e.getMessage() + "\n" + bourse.err, e);
        } finally {
            processes.forEach(ChildProcess::close);
        }
    }
}
