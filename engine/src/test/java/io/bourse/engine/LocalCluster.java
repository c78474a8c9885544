package io.bourse.engine;

import static org.awaitility.Awaitility.await;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.shard.Outcome;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.client.EngineClientOptions;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.LocalPorts;
import io.bourse.engine.node.EngineNode;
import io.bourse.engine.node.EngineNodeConfig;
import io.bourse.engine.raft.ReplicaOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A real engine cluster in this JVM: nodes on loopback ports, data in a temporary directory. */
public final class LocalCluster implements AutoCloseable {
    /** The instrument the engine tests trade: $100.00 reference, 1-cent ticks, 1-share lots, fees 1 and 2 cents. */
    public static final Instrument ACME = new Instrument(1, "ACME", 1, 1, 10_000, 1_000, 500, 1, 2, 100_000);

    /** Three nodes, four shards, ACME's book on shard 4; returns once every shard knows ACME and its slots. */
    public static LocalCluster withAcme(Path dataDirectory) {
        LocalCluster cluster = new LocalCluster(dataDirectory, 3, 4);
        cluster.list(ACME, 4);
        cluster.awaitReady(1);
        return cluster;
    }

    public final ClusterLayout layout;
    public final Path dataDirectory;
    public final Map<String, EngineNode> nodes = new LinkedHashMap<>();
    public final EngineClient client;
    private final ReplicaOptions replicaOptions;

    /** Production Raft timing, but snapshots once an hour: the tests that need one take it themselves. */
    public LocalCluster(Path dataDirectory, int nodeCount, int shardCount) {
        this(dataDirectory, nodeCount, shardCount, new ReplicaOptions(ReplicaOptions.defaults().electionTimeoutMs(), 3_600, 500));
    }

    public LocalCluster(Path dataDirectory, int nodeCount, int shardCount, ReplicaOptions replicaOptions) {
        this(dataDirectory, layoutOnFreePorts(nodeCount, shardCount), replicaOptions);
    }

    /**
     * The nodes of {@code layout}, each on its directory under {@code dataDirectory} (named after
     * the node): a new cluster, or one whose nodes ran before, in this JVM or elsewhere.
     */
    public LocalCluster(Path dataDirectory, ClusterLayout layout, ReplicaOptions replicaOptions) {
        this.dataDirectory = dataDirectory;
        this.replicaOptions = replicaOptions;
        this.layout = layout;
        layout.nodes().forEach(node -> start(node.id()));
        this.client = new EngineClient(layout, new EngineClientOptions(2_000, 20_000));
        awaitReady(0);
    }

    /** Ports below the ephemeral range (see {@link LocalPorts}): nothing else takes them before the nodes bind. */
    static ClusterLayout layoutOnFreePorts(int nodeCount, int shardCount) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            ports.add(LocalPorts.free());
        }
        return ClusterLayout.local("127.0.0.1", ports, shardCount, 3);
    }

    public EngineNode start(String nodeId) {
        EngineNode node = EngineNode.start(EngineNodeConfig.of(nodeId, layout, dataDirectory.resolve(nodeId))
                .withReplica(replicaOptions));
        nodes.put(nodeId, node);
        return node;
    }

    public void stop(String nodeId) {
        EngineNode node = nodes.remove(nodeId);
        if (node != null) {
            node.close();
        }
    }

    /** Waits until the directory is bootstrapped and every shard has every slot and {@code instruments} instruments. */
    public void awaitReady(int instruments) {
        ClusterReadiness.awaitReady(client, layout, instruments);
    }

    public void list(Instrument instrument, int marketShard) {
        Outcome outcome = client.listInstrument(instrument, marketShard).outcome();
        if (outcome == Outcome.REJECTED) {
            throw new IllegalStateException("listing " + instrument.symbol() + " was rejected");
        }
    }

    /** The node that currently leads a group, or null. */
    public EngineNode leaderOf(String groupId) {
        for (EngineNode node : nodes.values()) {
            var replica = node.replica(groupId);
            if (replica != null && replica.isLeader()) {
                return node;
            }
        }
        return null;
    }

    /** The node that leads a group, waiting (up to 5 s) while it has none, as during an election or a hand-over. */
    public EngineNode awaitLeaderOf(String groupId) {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> leaderOf(groupId), leader -> leader != null);
    }

    public static int freePort() {
        return LocalPorts.free();
    }

    @Override
    public void close() {
        client.close();
        new ArrayList<>(nodes.keySet()).forEach(this::stop);
    }
}
