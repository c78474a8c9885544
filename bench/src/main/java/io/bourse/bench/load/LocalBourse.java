package io.bourse.bench.load;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.shard.Command;
import io.bourse.engine.client.CallStats;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.client.EngineClientOptions;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.node.EngineNode;
import io.bourse.engine.node.EngineNodeConfig;
import io.bourse.engine.node.ProposedEntries;
import io.bourse.gateway.Gateway;
import io.bourse.gateway.GatewayConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Bourse the load generator starts for itself: three engine nodes, the shards, eight
 * instruments and the gateways, data in a temporary directory. Either all in this JVM, or each
 * engine node and gateway a process of its own (so a comparison can tell which one is busy). It
 * can also hand sellers their shares (an in-kind transfer through the engine, which the public API
 * does not offer).
 */
final class LocalBourse implements AutoCloseable {
    static final List<String> SYMBOLS = List.of("ACME", "GLOBEX", "INITECH", "UMBRELLA", "WAYNE", "STARK", "TYRELL", "CYBERDYN");
    /** What the engine's systemd unit gives an engine node (deploy/systemd). */
    static final List<String> ENGINE_JVM = List.of("-Xms2g", "-Xmx2g", "-Xmn512m", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch");
    /** For gateways, and for the baseline's API servers alike. */
    static final List<String> API_SERVER_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC");

    /** Engine nodes, then gateways. */
    private final Servers servers = new Servers();
    private final List<URI> gatewayUris = new ArrayList<>();
    private final EngineClient engine;
    private final Path data;
    private final Path logs;

    private LocalBourse(ClusterLayout layout, Path data, Path logs) {
        this.data = data;
        this.logs = logs;
        this.engine = new EngineClient(layout, EngineClientOptions.defaults());
    }

    /** Starts everything in this JVM. */
    static LocalBourse start(int shards, int gatewayCount) throws IOException, InterruptedException {
        return start(shards, gatewayCount, null);
    }

    /** Starts each engine node and gateway as a process of its own, each writing its output to a log in {@code logs}. */
    static LocalBourse startProcesses(int shards, int gatewayCount, Path logs) throws IOException, InterruptedException {
        return start(shards, gatewayCount, logs);
    }

    /** Everything in this JVM when {@code logs} is null, else each server in a process of its own. */
    private static LocalBourse start(int shards, int gatewayCount, Path logs) throws IOException, InterruptedException {
        boolean ownProcesses = logs != null;
        Path data = Files.createTempDirectory("bourse-bench");
        List<Integer> ports = List.of(freePort(), freePort(), freePort());
        ClusterLayout layout = ClusterLayout.local("127.0.0.1", ports, shards, 3);
        LocalBourse bourse = new LocalBourse(layout, data, logs);
        try {
            for (var node : layout.nodes()) {
                Path directory = data.resolve(node.id());
                if (ownProcesses) {
                    bourse.process(node.id(), ENGINE_JVM, "engine", node.id(), ServerMain.ports(ports), Integer.toString(shards),
                            directory.toString());
                } else {
                    bourse.servers.add(EngineNode.start(EngineNodeConfig.of(node.id(), layout, directory)));
                }
            }
            bourse.awaitDirectory();
            for (int i = 0; i < SYMBOLS.size(); i++) {
                bourse.engine.listInstrument(new Instrument(i + 1, SYMBOLS.get(i), 1, 1, 10_000 + 1_000L * i, 1_000, 500, 1, 2, 1_000_000),
                        1 + i % shards);
            }
            bourse.awaitShards(shards);
            for (int i = 0; i < gatewayCount; i++) {
                int port = ownProcesses
                        ? bourse.process("gateway-" + (i + 1), API_SERVER_JVM, "gateway", ServerMain.ports(ports), Integer.toString(shards)).port()
                        : bourse.servers.add(startGateway(layout)).port();
                bourse.gatewayUris.add(URI.create("http://127.0.0.1:" + port));
            }
            return bourse;
        } catch (InterruptedException | RuntimeException e) {
            bourse.close();
            throw e;
        }
    }

    private ServerProcess process(String name, List<String> jvmOptions, String... arguments) {
        return servers.add(ServerProcess.start(name, jvmOptions, logs.resolve(name + ".log"), arguments));
    }

    /** A gateway as the load wants it: cheap password digests (signing up thousands of users is not what is measured), no rate limits. */
    static Gateway startGateway(ClusterLayout layout) {
        return Gateway.start(GatewayConfig.of("127.0.0.1", 0, layout).withPasswordIterations(10_000).withRateLimits(1_000_000, 1_000_000));
    }

    private void awaitDirectory() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (engine.refreshDirectory().isBootstrapped()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the local cluster did not start within 60 s");
    }

    private void awaitShards(int shards) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                int slots = 0;
                boolean listed = true;
                for (int shard = 1; shard <= shards; shard++) {
                    var status = engine.status(shard);
                    slots += status.slotsOwned();
                    listed &= status.instruments() == SYMBOLS.size();
                }
                if (slots == 1024 && listed) {
                    return;
                }
            } catch (RuntimeException e) {
                // not yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the local cluster's shards did not become ready within 60 s");
    }

    List<URI> gatewayUris() {
        return List.copyOf(gatewayUris);
    }

    /** The engine nodes and gateways running as processes of their own (none when all run in this JVM). */
    List<ServerProcess> processes() {
        return servers.processes();
    }

    /** What the engine nodes in this JVM have proposed so far, or empty when they run as processes of their own. */
    Optional<ProposedEntries> entriesProposed() {
        List<EngineNode> nodes = servers.engineNodes();
        return nodes.isEmpty() ? Optional.empty() : Optional.of(ProposedEntries.of(nodes));
    }

    /**
     * How the gateways in this JVM have sent commands to the shards so far, summed over them, or
     * empty when they run as processes of their own.
     */
    Optional<CallStats> gatewayCalls() {
        List<Gateway> gateways = servers.gateways();
        return gateways.isEmpty() ? Optional.empty()
                : Optional.of(gateways.stream().map(Gateway::engineCalls).reduce(CallStats.NONE, CallStats::plus));
    }

    /** Gives an account {@code shares} of every instrument. */
    void grantShares(long accountId, long shares) {
        for (var listing : engine.directory().instruments()) {
            var result = engine.submit(new Command.Deposit(accountId, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE),
                    listing.instrument().id(), shares));
            if (result.isRejected()) {
                throw new IllegalStateException("granting shares was refused: " + result.reason());
            }
        }
    }

    private static int freePort() {
        return io.bourse.engine.cluster.LocalPorts.free();
    }

    @Override
    public void close() {
        engine.close();
        servers.close();
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans up
        }
    }
}
