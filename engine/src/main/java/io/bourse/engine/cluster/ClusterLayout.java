package io.bourse.engine.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which engine nodes exist and which hold the replicas of the directory and of each shard. Every
 * node starts from the same layout; the directory records it once at bootstrap, and gateways read
 * it from there.
 */
public record ClusterLayout(List<NodeAddress> nodes, List<String> directoryReplicas, List<ShardLayout> shards) {
    public static final String DIRECTORY_GROUP = "directory";

    public ClusterLayout {
        nodes = List.copyOf(nodes);
        directoryReplicas = List.copyOf(directoryReplicas);
        shards = List.copyOf(shards);
        Set<String> ids = new HashSet<>();
        for (NodeAddress node : nodes) {
            if (!ids.add(node.id())) {
                throw new IllegalArgumentException("node id " + node.id() + " appears twice");
            }
        }
        requireKnown(ids, directoryReplicas, "the directory");
        Set<Integer> shardIds = new HashSet<>();
        for (ShardLayout shard : shards) {
            if (shard.shardId() < 1 || shard.shardId() > 65_535 || !shardIds.add(shard.shardId())) {
                throw new IllegalArgumentException("shard id " + shard.shardId() + " is out of 1..65535 or appears twice");
            }
            requireKnown(ids, shard.replicas(), "shard " + shard.shardId());
        }
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one shard");
        }
    }

    private static void requireKnown(Set<String> ids, List<String> replicas, String what) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException(what + " has no replicas");
        }
        for (String replica : replicas) {
            if (!ids.contains(replica)) {
                throw new IllegalArgumentException(what + " names unknown node " + replica);
            }
        }
        if (new HashSet<>(replicas).size() != replicas.size()) {
            throw new IllegalArgumentException(what + " names a node twice");
        }
    }

    public static String shardGroupId(int shardId) {
        return "shard-" + shardId;
    }

    public NodeAddress node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown node " + id));
    }

    public Optional<ShardLayout> shard(int shardId) {
        return shards.stream().filter(s -> s.shardId() == shardId).findFirst();
    }

    /**
     * A layout of {@code nodeCount} nodes on one host, {@code shardCount} shards, each shard and
     * the directory replicated on {@code replicas} nodes, spread round-robin.
     */
    public static ClusterLayout local(String host, List<Integer> ports, int shardCount, int replicas) {
        List<NodeAddress> nodes = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            nodes.add(new NodeAddress("node-" + (i + 1), host, ports.get(i)));
        }
        return spread(nodes, shardCount, replicas);
    }

    /**
     * A layout of the given nodes and {@code shardCount} shards: the directory on the first
     * {@code replicas} nodes, shard s on {@code replicas} nodes starting at node s, round-robin, so
     * replicas (and hence leaders) spread evenly.
     */
    public static ClusterLayout spread(List<NodeAddress> nodes, int shardCount, int replicas) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
        int copies = Math.min(replicas, nodes.size());
        List<String> directory = nodes.subList(0, copies).stream().map(NodeAddress::id).toList();
        List<ShardLayout> shards = new ArrayList<>();
        for (int s = 1; s <= shardCount; s++) {
            List<String> holders = new ArrayList<>();
            for (int r = 0; r < copies; r++) {
                holders.add(nodes.get((s - 1 + r) % nodes.size()).id());
            }
            shards.add(new ShardLayout(s, holders));
        }
        return new ClusterLayout(nodes, directory, shards);
    }
}
