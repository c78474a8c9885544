package io.bourse.bench.load;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.shard.Command;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.client.EngineClientOptions;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.node.EngineNode;
import io.bourse.engine.node.EngineNodeConfig;
import io.bourse.gateway.Gateway;
import io.bourse.gateway.GatewayConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Bourse the load generator starts for itself, in this JVM: three engine nodes, the shards,
 * eight instruments and the gateways, data in a temporary directory. It can also hand sellers
 * their shares (an in-kind transfer through the engine, which the public API does not offer).
 */
final class LocalBourse implements AutoCloseable {
    static final List<String> SYMBOLS = List.of("ACME", "GLOBEX", "INITECH", "UMBRELLA", "WAYNE", "STARK", "TYRELL", "CYBERDYN");

    private final List<EngineNode> nodes = new ArrayList<>();
    private final List<Gateway> gateways = new ArrayList<>();
    private final EngineClient engine;
    private final Path data;

    private LocalBourse(ClusterLayout layout, Path data) {
        this.data = data;
        this.engine = new EngineClient(layout, EngineClientOptions.defaults());
    }

    static LocalBourse start(int shards, int gatewayCount) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("bourse-bench");
        ClusterLayout layout = ClusterLayout.local("127.0.0.1", List.of(freePort(), freePort(), freePort()), shards, 3);
        LocalBourse bourse = new LocalBourse(layout, data);
        for (var node : layout.nodes()) {
            bourse.nodes.add(EngineNode.start(EngineNodeConfig.of(node.id(), layout, data.resolve(node.id()))));
        }
        bourse.awaitDirectory();
        for (int i = 0; i < SYMBOLS.size(); i++) {
            bourse.engine.listInstrument(new Instrument(i + 1, SYMBOLS.get(i), 1, 1, 10_000 + 1_000L * i, 1_000, 500, 1, 2, 1_000_000),
                    1 + i % shards);
        }
        bourse.awaitShards(shards);
        for (int i = 0; i < gatewayCount; i++) {
            // Cheaper password digests: setting up thousands of users is not what is measured.
            bourse.gateways.add(Gateway.start(GatewayConfig.of("127.0.0.1", 0, layout).withPasswordIterations(10_000)
                    .withRateLimits(1_000_000, 1_000_000)));
        }
        return bourse;
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
        return gateways.stream().map(g -> URI.create("http://127.0.0.1:" + g.port())).toList();
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
        gateways.forEach(Gateway::close);
        engine.close();
        nodes.forEach(EngineNode::close);
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans up
        }
    }
}
