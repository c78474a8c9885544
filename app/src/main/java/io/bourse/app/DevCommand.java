package io.bourse.app;

import io.bourse.core.shard.Outcome;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.client.EngineClientOptions;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.ShardLayout;
import io.bourse.engine.node.EngineNode;
import io.bourse.engine.node.EngineNodeConfig;
import io.bourse.engine.query.ShardStatus;
import io.bourse.gateway.Gateway;
import io.bourse.gateway.GatewayConfig;
import io.bourse.simulator.MarketSimulator;
import io.bourse.simulator.SimulatorOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the whole platform on this machine: three engine nodes (each its own RPC port), the
 * directory, shards replicated three ways, demo instruments, two gateways and a funded demo user.
 * Data stays under {@code --data}, so a second run resumes where the first stopped.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Runs a local platform: 3 engine nodes, shards with 3 replicas each, demo instruments, 2 gateways, a demo user.")
final class DevCommand implements Callable<Integer> {
    private static final String LAYOUT_FILE = "layout.properties";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", defaultValue = "data/dev", description = "Where the nodes keep their logs and snapshots (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--fresh", description = "Delete the data directory first and start from nothing.")
    boolean fresh;

    @Option(names = "--shards", defaultValue = "4", description = "Number of shards, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--base-port", defaultValue = "7101", description = "RPC port of node-1; node-2 and node-3 take the next two (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--gateway-port", defaultValue = "8080",
            description = "HTTP port of the first gateway; the second takes the next one; 0 picks free ports (default: ${DEFAULT-VALUE}).")
    int gatewayPort;

    @Option(names = "--no-sim", description = "Do not start the market simulator.")
    boolean noSimulator;

    @Option(names = "--sim-rate", defaultValue = "20", description = "Simulator requests per second (default: ${DEFAULT-VALUE}).")
    double simulatorRate;

    @Option(names = "--processes", description = "Run each engine node and gateway as its own OS process (logs under <data>/logs).")
    boolean processes;

    @Option(names = "--ready-then-exit", description = "Stop as soon as the cluster is ready (for smoke tests).")
    boolean readyThenExit;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (shards < 1 || shards > 64) {
            err.println("error: --shards must be between 1 and 64, not " + shards);
            return 2;
        }
        if (basePort < 1024 || basePort > 65_533) {
            err.println("error: --base-port must be between 1024 and 65533, not " + basePort);
            return 2;
        }
        if (!(simulatorRate > 0 && simulatorRate <= 10_000)) {
            err.println("error: --sim-rate must be above 0 and at most 10000, not " + simulatorRate);
            return 2;
        }
        if (gatewayPort != 0 && (gatewayPort < 1024 || gatewayPort > 65_534)) {
            err.println("error: --gateway-port must be 0 or between 1024 and 65534, not " + gatewayPort);
            return 2;
        }
        if (processes && gatewayPort == 0) {
            err.println("error: --processes needs fixed gateway ports: give --gateway-port a port number");
            return 2;
        }
        try {
            prepareDataDirectory();
        } catch (IOException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        ClusterLayout layout = ClusterLayout.local("127.0.0.1", List.of(basePort, basePort + 1, basePort + 2), shards, 3);
        // Everything started, in order; stopped in reverse (simulator, gateways, engine nodes).
        List<AutoCloseable> running = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(running)));
        Path config = writeConfig();
        try {
            for (var node : layout.nodes()) {
                out.printf("Starting engine node %s on %s%s ...%n", node.id(), node.endpoint(), processes ? " (own process)" : "");
                out.flush();
                synchronized (running) {
                    running.add(processes
                            ? ChildProcess.start(node.id(), data.resolve("logs").resolve(node.id() + ".log"),
                                    "engine", "--config", config.toString(), "--node", node.id(), "--data", data.resolve(node.id()).toString())
                            : EngineNode.start(EngineNodeConfig.of(node.id(), layout, data.resolve(node.id()))));
                }
            }
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            stopAll(running);
            return 1;
        }
        try (EngineClient client = new EngineClient(layout, EngineClientOptions.defaults())) {
            out.println("Waiting for the directory and the shards to elect leaders ...");
            out.flush();
            awaitReady(client);
            printStatus(out, layout, client);
            List<URI> gateways = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int port = gatewayPort == 0 ? 0 : gatewayPort + i;
                out.printf("Starting gateway %d on port %s%s ...%n", i + 1, port == 0 ? "(any free)" : port, processes ? " (own process)" : "");
                out.flush();
                gateways.add(processes ? startGatewayProcess(config, port, running) : startGateway(layout, port, running));
            }
            DemoUser.Credentials demo = DemoUser.ensure(gateways.get(0));
            if (!noSimulator) {
                out.printf("Starting the market simulator (%s requests/s) ...%n", simulatorRate);
                out.flush();
                MarketSimulator simulator = MarketSimulator.prepare(gateways.get(1), SimulatorOptions.defaults().withRate(simulatorRate));
                MakerInventory.grant(client, simulator.makerAccounts());
                synchronized (running) {
                    running.add(simulator.begin());
                }
            }
            synchronized (running) {
                running.add(DailyClose.start(layout));
            }
            printWelcome(out, gateways, demo, config);
        } catch (RuntimeException e) {
            // Not ready in time, a demo listing refused, a gateway port taken: say so, and leave nothing running.
            err.println("error: " + e.getMessage());
            stopAll(running);
            return 1;
        }
        if (readyThenExit) {
            stopAll(running);
            return 0;
        }
        out.println("Running. Press Ctrl-C to stop (data is kept; --fresh starts over).");
        out.flush();
        new CountDownLatch(1).await();
        return 0;
    }

    private void prepareDataDirectory() throws IOException {
        if (fresh && Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(data);
        if (!Files.isWritable(data)) {
            throw new IllegalStateException("the data directory " + data.toAbsolutePath() + " is not writable");
        }
        // A cluster's layout is fixed when it is first created: refuse to start it with another one.
        Path layoutFile = data.resolve(LAYOUT_FILE);
        String wanted = "shards=" + shards + "\nbasePort=" + basePort + "\n";
        if (Files.exists(layoutFile)) {
            String existing = Files.readString(layoutFile);
            if (!existing.equals(wanted)) {
                throw new IllegalStateException("the data in " + data.toAbsolutePath() + " belongs to a cluster started with "
                        + existing.replace('\n', ' ').trim() + "; start with the same options, or add --fresh to start over");
            }
        } else {
            Files.writeString(layoutFile, wanted);
        }
    }

    private void awaitReady(EngineClient client) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!isBootstrapped(client)) {
            pause(deadline);
        }
        for (int i = 0; i < DemoInstruments.LISTINGS.size(); i++) {
            Outcome outcome = client.listInstrument(DemoInstruments.instrument(i), 1 + i % shards).outcome();
            if (outcome == Outcome.REJECTED) {
                throw new IllegalStateException("listing " + DemoInstruments.LISTINGS.get(i).symbol() + " was refused");
            }
        }
        while (!allShardsReady(client)) {
            pause(deadline);
        }
    }

    private static boolean isBootstrapped(EngineClient client) {
        try {
            return client.refreshDirectory().isBootstrapped();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean allShardsReady(EngineClient client) {
        try {
            int slots = 0;
            for (int shard = 1; shard <= shards; shard++) {
                ShardStatus status = client.status(shard);
                if (status.instruments() < DemoInstruments.LISTINGS.size()) {
                    return false;
                }
                slots += status.slotsOwned();
            }
            return slots == 1024;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void pause(long deadline) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the cluster did not become ready within 60 s");
        }
        Thread.sleep(100);
    }

    private void printStatus(PrintWriter out, ClusterLayout layout, EngineClient client) {
        out.printf("Bourse engine cluster ready: %d nodes, %d shards x 3 replicas, data in %s%n", layout.nodes().size(), shards,
                data.toAbsolutePath());
        for (ShardLayout shard : layout.shards()) {
            ShardStatus status = client.status(shard.shardId());
            out.printf("  shard %d: replicas on %s, %d account slots, %d open orders%n", shard.shardId(),
                    String.join(", ", shard.replicas()), status.slotsOwned(), status.openOrders());
        }
        client.directory().instruments().forEach(listing -> out.printf("  %-9s book on shard %d%n",
                listing.instrument().symbol(), listing.marketShard()));
        out.flush();
    }

    private static URI startGateway(ClusterLayout layout, int port, List<AutoCloseable> running) {
        try {
            Gateway gateway = Gateway.start(GatewayConfig.of("127.0.0.1", port, layout));
            synchronized (running) {
                running.add(gateway);
            }
            return URI.create("http://127.0.0.1:" + gateway.port());
        } catch (RuntimeException e) {
            throw new IllegalStateException("a gateway could not listen on port " + port + " (is it in use? try --gateway-port): "
                    + e.getMessage(), e);
        }
    }

    private URI startGatewayProcess(Path config, int port, List<AutoCloseable> running) {
        ChildProcess gateway = ChildProcess.start("gateway-" + port, data.resolve("logs").resolve("gateway-" + port + ".log"),
                "gateway", "--config", config.toString(), "--port", Integer.toString(port));
        synchronized (running) {
            running.add(gateway);
        }
        URI uri = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("the gateway on port " + port + " stopped; see " + data.resolve("logs"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(uri.resolve("/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return uri;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        throw new IllegalStateException("the gateway on port " + port + " did not become ready within 60 s");
    }

    /**
     * The cluster's configuration, in the format of a real deployment's: what the child processes
     * start from with {@code --processes}, and what {@code bourse admin --config} reads.
     */
    private Path writeConfig() throws IOException {
        Path file = data.resolve("cluster.properties");
        Files.writeString(file, "# Written by bourse dev\n"
                + "cluster.nodes = node-1@127.0.0.1:" + basePort + ", node-2@127.0.0.1:" + (basePort + 1)
                + ", node-3@127.0.0.1:" + (basePort + 2) + "\n"
                + "cluster.shards = " + shards + "\ncluster.replicas = 3\n"
                + "node.data = " + data.toAbsolutePath() + "\n"
                + "gateway.host = 127.0.0.1\ngateway.port = " + gatewayPort + "\n");
        return file;
    }

    private static void printWelcome(PrintWriter out, List<URI> gateways, DemoUser.Credentials demo, Path config) {
        out.println();
        out.println("Bourse is up.");
        out.printf("  Web UI:   %s/%n", gateways.get(0));
        for (URI gateway : gateways) {
            out.printf("  API:      %s/v1  (OpenAPI: %s/v1/openapi.json)%n", gateway, gateway);
        }
        out.printf("  Stream:   ws://%s/v1/stream%n", gateways.get(0).getAuthority());
        out.printf("  Demo user: %s / %s (funded with $%s)%n", demo.username(), demo.password(), DemoUser.STARTING_CASH);
        out.printf("  Admin:    ./bourse admin status --config %s%n", config);
        out.println("  The trading day ends at midnight UTC (day orders expire); './bourse admin end-day' ends it now.");
        out.println();
        out.flush();
    }

    private static void stopAll(List<AutoCloseable> running) {
        synchronized (running) {
            for (int i = running.size() - 1; i >= 0; i--) {
                try {
                    running.get(i).close();
                } catch (Exception e) {
                    // keep stopping the rest
                }
            }
            running.clear();
        }
    }
}
