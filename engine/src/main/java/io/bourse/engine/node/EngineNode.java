package io.bourse.engine.node;

import com.alipay.sofa.jraft.JRaftUtils;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.util.Endpoint;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.NodeAddress;
import io.bourse.engine.cluster.ShardLayout;
import io.bourse.engine.directory.Directory;
import io.bourse.engine.raft.RaftReplica;
import io.bourse.engine.raft.log.NodeRaftLog;
import io.bourse.engine.shard.DirectorySync;
import io.bourse.engine.shard.OutboxRelay;
import io.bourse.engine.shard.ShardState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine node: one process, one RPC port, hosting a replica of the directory (if the layout
 * says so) and of every shard the layout places on it. Each replica's Raft metadata and snapshots
 * live under {@code dataDirectory/<group>}; the Raft logs of all of them share one database under
 * {@code dataDirectory/raft-log}. Restarting the node on the same directory recovers every replica
 * from its snapshot and log.
 */
public final class EngineNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineNode.class);

    static {
        io.bourse.engine.rpc.RpcLibraries.configure();
    }

    private final EngineNodeConfig config;
    private final RpcServer rpcServer;
    private final EngineClient client;
    /** Every replica's Raft log, in one database (see {@link NodeRaftLog}); opened with the replicas, closed after them. */
    private NodeRaftLog raftLog;
    private final Map<String, RaftReplica<?>> replicas = new ConcurrentHashMap<>();
    private final Map<Integer, RaftReplica<ShardState>> shards = new TreeMap<>();
    private final List<OutboxRelay> relays = new ArrayList<>();
    private final List<DirectorySync> syncs = new ArrayList<>();
    private RaftReplica<Directory> directory;

    private EngineNode(EngineNodeConfig config, RpcServer rpcServer, EngineClient client) {
        this.config = config;
        this.rpcServer = rpcServer;
        this.client = client;
    }

    /** Starts the node: opens its port, then starts (or recovers) every replica it holds. */
    public static EngineNode start(EngineNodeConfig config) {
        NodeAddress self = config.layout().node(config.nodeId());
        try {
            Files.createDirectories(config.dataDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDirectory(), e);
        }
        if (!Files.isWritable(config.dataDirectory())) {
            throw new IllegalStateException("the data directory " + config.dataDirectory() + " is not writable");
        }
        LayoutRecord.check(config.dataDirectory(), self.id(), config.layout());
        // Raft's own requests get threads of their own: however busy Bourse's traffic gets, votes,
        // heartbeats and appends are never queued behind it. They are not stopped with the node
        // (SOFAJRaft's server does not stop executors it is given, so a stopped node leaves these ten
        // idle threads in its process): stopping them made a node restarted in the same process fail,
        // now and then, to catch up with its group (FailoverTest failed 3 runs of 4 so; 6 of 6 passed without).
        // A process that stops its node exits anyway; tests and benchmarks carry the idle threads.
        RpcServer rpcServer = RaftRpcServerFactory.createRaftRpcServer(new Endpoint(self.host(), self.port()),
                JRaftUtils.createExecutor("raft-rpc-" + self.id() + "-", 8), JRaftUtils.createExecutor("raft-cli-" + self.id() + "-", 2));
        EngineClient client = new EngineClient(config.layout(), config.client());
        EngineNode node = new EngineNode(config, rpcServer, client);
        rpcServer.registerProcessor(new EngineRequestProcessor(node));
        boolean listening;
        try {
            listening = rpcServer.init(null);
        } catch (RuntimeException e) {
            listening = false;
        }
        if (!listening) {
            client.close();
            throw new IllegalStateException("node " + self.id() + " cannot listen on " + self.endpoint() + " (is the port in use?)");
        }
        try {
            node.startReplicas(self);
            LayoutRecord.record(config.dataDirectory(), config.layout());
        } catch (IOException | RuntimeException e) {
            node.close();
            throw new IllegalStateException("node " + self.id() + " failed to start its replicas: " + e.getMessage(), e);
        }
        LOG.info("engine node {} started on {} with {}", self.id(), self.endpoint(), node.replicas.keySet());
        return node;
    }

    private void startReplicas(NodeAddress self) throws IOException {
        raftLog = NodeRaftLog.open(config.dataDirectory().resolve("raft-log"));
        ClusterLayout layout = config.layout();
        PeerId peer = new PeerId(self.host(), self.port());
        if (layout.directoryReplicas().contains(self.id())) {
            directory = new RaftReplica<>(ClusterLayout.DIRECTORY_GROUP, new Directory(), config.batching());
            directory.addListener(new DirectoryBootstrap(directory, layout));
            replicas.put(ClusterLayout.DIRECTORY_GROUP, directory);
            directory.countLeadershipsWith(this::groupsLedBy);
            directory.start(peer, peersOf(ClusterLayout.DIRECTORY_GROUP), groupDirectory(ClusterLayout.DIRECTORY_GROUP), raftLog, rpcServer, config.replica());
        }
        for (ShardLayout shardLayout : layout.shards()) {
            if (!shardLayout.replicas().contains(self.id())) {
                continue;
            }
            ShardState state = new ShardState(shardLayout.shardId(), config.limits(), config.events().apply(shardLayout.shardId()));
            RaftReplica<ShardState> replica = new RaftReplica<>(shardLayout.groupId(), state, config.batching());
            OutboxRelay relay = new OutboxRelay(shardLayout.shardId(), replica, client);
            DirectorySync sync = new DirectorySync(replica, client);
            replica.addListener(relay);
            replica.addListener(sync);
            relays.add(relay);
            syncs.add(sync);
            shards.put(shardLayout.shardId(), replica);
            replicas.put(shardLayout.groupId(), replica);
            replica.countLeadershipsWith(this::groupsLedBy);
            replica.start(peer, peersOf(shardLayout.groupId()), groupDirectory(shardLayout.groupId()), raftLog, rpcServer, config.replica());
            sync.start();
        }
    }

    /** How many of the groups this node has a replica of are led by the node at {@code endpoint}, as their replicas here last heard. */
    private int groupsLedBy(String endpoint) {
        int led = 0;
        for (RaftReplica<?> replica : replicas.values()) {
            if (endpoint.equals(replica.leaderEndpoint())) {
                led++;
            }
        }
        return led;
    }

    private Configuration peersOf(String groupId) {
        Configuration peers = new Configuration();
        for (String endpoint : client.endpointsOf(groupId)) {
            PeerId peer = new PeerId();
            if (!peer.parse(endpoint)) {
                throw new IllegalArgumentException("bad endpoint " + endpoint);
            }
            peers.addPeer(peer);
        }
        return peers;
    }

    private Path groupDirectory(String groupId) {
        return config.dataDirectory().resolve(groupId);
    }

    public String nodeId() {
        return config.nodeId();
    }

    public EngineClient client() {
        return client;
    }

    /** The replica of a group on this node, or null. */
    public RaftReplica<?> replica(String groupId) {
        return replicas.get(groupId);
    }

    /** This node's replica of a shard, or null. */
    public RaftReplica<ShardState> shard(int shardId) {
        return shards.get(shardId);
    }

    public Map<Integer, RaftReplica<ShardState>> shards() {
        return shards;
    }

    public RaftReplica<Directory> directory() {
        return directory;
    }

    /** Every replica this node hosts, the directory's included, by group id. */
    public Map<String, RaftReplica<?>> replicas() {
        return Collections.unmodifiableMap(replicas);
    }

    /** Stops every replica and the port. Acknowledged commands are already on a majority's disks. */
    @Override
    public void close() {
        relays.forEach(OutboxRelay::stop);
        syncs.forEach(DirectorySync::stop);
        for (RaftReplica<?> replica : replicas.values()) {
            try {
                replica.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("{}: shutdown failed: {}", replica.groupId(), e.toString());
            }
        }
        if (raftLog != null) {
            raftLog.close();
        }
        rpcServer.shutdown();
        client.close();
        LOG.info("engine node {} stopped", config.nodeId());
    }
}
