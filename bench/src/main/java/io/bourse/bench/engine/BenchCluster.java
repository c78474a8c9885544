package io.bourse.bench.engine;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.order.OrderStatus;
import io.bourse.core.shard.ShardEvent;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.client.EngineClientOptions;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.node.EngineNode;
import io.bourse.engine.node.EngineNodeConfig;
import io.bourse.engine.raft.RaftReplica;
import io.bourse.engine.shard.ShardState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Three engine nodes in this JVM on loopback, {@code shards} shards with three replicas each,
 * one instrument per shard. Watches one replica of each shard for orders reaching FILLED, and
 * remembers when each order was first seen filled.
 */
final class BenchCluster implements AutoCloseable {
    final int shards;
    final Path data;
    final ClusterLayout layout;
    /** Read by the apply threads of nodes already started while later ones start. */
    final List<EngineNode> nodes = new CopyOnWriteArrayList<>();
    final EngineClient client;
    /** Incremented by node-1's four apply threads at once: a LongAdder keeps them off one contended cache line. */
    final LongAdder filled = new LongAdder();
    final Map<String, Long> filledAtNanos = new ConcurrentHashMap<>();
    /** When each order was first seen accepted (funds held) on its account shard: the first of its three hops. */
    final Map<String, Long> acceptedAtNanos = new ConcurrentHashMap<>();
    volatile boolean recordTimes;
    /** Told of every FILLED seen on any replica (client order id, when); null: nobody listens. */
    volatile BiConsumer<String, Long> fillListener;

    BenchCluster(int shards) throws IOException {
        this.shards = shards;
        this.data = Files.createTempDirectory("bourse-engine-bench");
        List<Integer> ports = List.of(freePort(), freePort(), freePort());
        this.layout = ClusterLayout.local("127.0.0.1", ports, shards, 3);
        for (int n = 0; n < 3; n++) {
            String nodeId = layout.nodes().get(n).id();
            // Orders are counted on node-1, which holds a replica of every shard. Times are taken from whichever
            // replica applies first (the leader, at commit): a follower learns of a commit only with the next append
            // or heartbeat, up to 100 ms later. Other replicas want no events, as in a deployment, where gateways
            // follow one replica of each shard and the others' feeds go dormant.
            boolean counting = n == 0;
            int nodeIndex = n;
            EngineNodeConfig config = EngineNodeConfig.of(nodeId, layout, data.resolve(nodeId))
                    .withEvents(shard -> new BenchSink(counting, nodeIndex, shard));
            nodes.add(EngineNode.start(config));
        }
        this.client = new EngineClient(layout, new EngineClientOptions(5_000, 60_000));
    }

    static Instrument instrument(int shard) {
        return new Instrument(shard, "SYM" + shard, 1, 1, 10_000, 1_000, 500, 1, 2, 1_000_000);
    }

    void listInstrumentsAndWait() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!client.refreshDirectory().isBootstrapped()) {
            pause(deadline);
        }
        for (int shard = 1; shard <= shards; shard++) {
            client.listInstrument(instrument(shard), shard);
        }
        for (int shard = 1; shard <= shards; shard++) {
            while (client.status(shard).instruments() < shards || client.status(shard).slotsOwned() == 0) {
                pause(deadline);
            }
        }
    }

    private static void pause(long deadline) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the cluster did not become ready within 60 s");
        }
        Thread.sleep(50);
    }

    /**
     * Hears one replica's events: every replica's on node-1 (where orders are counted), elsewhere only while the
     * replica leads its group. The core asks {@link #wanted()} several times per command on the apply thread, so the
     * replica is looked up once and then only its leadership (a volatile read) is checked.
     */
    private final class BenchSink implements ShardEvent.Sink {
        private final boolean counting;
        private final int nodeIndex;
        private final int shard;
        private RaftReplica<ShardState> replica; // only the apply thread of this replica touches it

        BenchSink(boolean counting, int nodeIndex, int shard) {
            this.counting = counting;
            this.nodeIndex = nodeIndex;
            this.shard = shard;
        }

        @Override
        public void accept(ShardEvent event) {
            onEvent(event, counting);
        }

        @Override
        public boolean wanted() {
            if (counting) {
                return true;
            }
            if (replica == null && nodeIndex < nodes.size()) { // null while this node is still starting
                replica = nodes.get(nodeIndex).shard(shard);
            }
            return replica != null && replica.isLeader();
        }
    }

    private void onEvent(ShardEvent event, boolean counting) {
        if (recordTimes && event instanceof ShardEvent.OrderUpdated update && update.status() == OrderStatus.PENDING_NEW) {
            acceptedAtNanos.putIfAbsent(update.clientOrderId(), System.nanoTime());
        }
        if (event instanceof ShardEvent.OrderUpdated update && update.status() == OrderStatus.FILLED) {
            BiConsumer<String, Long> listener = fillListener;
            if (listener != null) {
                listener.accept(update.clientOrderId(), System.nanoTime());
            }
            if (counting) {
                filled.increment();
            }
            if (recordTimes) {
                filledAtNanos.putIfAbsent(update.clientOrderId(), System.nanoTime());
            }
        }
    }

    private static int freePort() {
        return io.bourse.engine.cluster.LocalPorts.free();
    }

    @Override
    public void close() throws IOException {
        client.close();
        nodes.forEach(EngineNode::close);
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
